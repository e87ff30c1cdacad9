/** The readiness API document (/api/releases/<major.minor>/readiness.json), built from the views. */
import type { CycleReadiness, Kep, Release } from "../schema.ts";
import { READINESS_RULE_IDS, READINESS_RULES } from "./rules.ts";
import { compareWithOutcome, countVerdicts, deriveReadinessRows } from "./view.ts";

/** Builds one cycle's readiness document: every evaluation with each KEP's checks, the rules and the outcome comparison. */
export function toReadinessApi(
  release: Pick<Release, "version" | "state" | "exceptions" | "enhancements" | "slipped">,
  cycle: CycleReadiness,
  kepByNumber: ReadonlyMap<number, Kep>,
  asOf: string,
) {
  return {
    version: release.version,
    state: release.state,
    asOf,
    rules: READINESS_RULE_IDS.map((id) => ({ id, ...READINESS_RULES[id] })),
    evaluations: cycle.evaluations.map((evaluation) => {
      const rows = deriveReadinessRows(evaluation, release, kepByNumber);
      const counts = countVerdicts(rows);
      return {
        point: evaluation.point,
        at: evaluation.at,
        commit: evaluation.commit,
        template: evaluation.template,
        counts: { ready: counts.ready, atRisk: counts["at-risk"], notReady: counts["not-ready"] },
        keps: rows.map((row) => ({
          kep: row.kep,
          title: row.title,
          owningSig: row.owningSig,
          stage: row.stage,
          verdict: row.verdict,
          decidedBy: row.decidedBy,
          url: `/keps/${row.kep}/`,
          checks: row.checks.map((check) => ({
            rule: check.rule,
            result: check.result,
            weight: check.weight,
            evidence: check.evidence,
          })),
        })),
      };
    }),
    outcome: compareWithOutcome(release, cycle),
  };
}
