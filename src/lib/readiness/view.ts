/**
 * Readiness as pages and the API show it: each KEP's checks with their rule texts, evidence
 * links and verdict (GitHub tracking decides when the snapshot has it), sorted by what needs
 * attention; and, for past cycles, how readiness at enhancements freeze compared with what
 * shipped. Pure: the snapshot's records and an instant in, serialisable values out.
 */
import { compareText } from "../order.ts";
import type {
  CycleReadiness,
  FreezeException,
  Kep,
  KepReadiness,
  ReadinessCheck,
  ReadinessEvaluation,
  ReadinessEvidence,
  Release,
  Stage,
} from "../schema.ts";
import {
  type CheckResult,
  type EvaluationPoint,
  READINESS_RULES,
  type ReadinessRule,
  type RuleWeight,
  VERDICTS,
  type Verdict,
} from "./rules.ts";
import { judgeChecks } from "./verdict.ts";

const ENHANCEMENTS = "https://github.com/kubernetes/enhancements";
const SIG_RELEASE = "https://github.com/kubernetes/sig-release";

/** One check as shown: rule texts, result and an evidence link. */
export interface CheckView {
  rule: ReadinessRule;
  label: string;
  text: string;
  weight: RuleWeight;
  result: CheckResult;
  evidence: (ReadinessEvidence & { file: string; url: string }) | null;
}

/** A KEP's readiness for one cycle at one instant. */
export interface KepReadinessView {
  kep: number;
  title: string;
  owningSig: string;
  stage: Stage | null;
  verdict: Verdict;
  /** What decided the verdict: the repository checks, or the release team's GitHub tracking. */
  decidedBy: "repository" | "github";
  checks: CheckView[];
  /** Rules whose check failed, in checklist order. */
  failing: ReadinessRule[];
  /** The instant and commit the repository checks read. */
  point: EvaluationPoint;
  at: string;
  commit: string;
}

/** The evaluation a view shows for a cycle: "now" while in progress, else the freeze. */
export function pickEvaluation(
  cycle: CycleReadiness | undefined,
  point?: EvaluationPoint,
): ReadinessEvaluation | undefined {
  if (!cycle) return undefined;
  if (point) return cycle.evaluations.find((e) => e.point === point);
  return (
    cycle.evaluations.find((e) => e.point === "now") ?? cycle.evaluations.find((e) => e.point === "enhancements-freeze")
  );
}

/** The file a piece of evidence names (the rule's own file when the snapshot leaves it out). */
export function resolveEvidenceFile(
  rule: ReadinessRule,
  kep: Pick<KepReadiness, "folder" | "prr">,
  evidence: ReadinessEvidence,
): string {
  if (evidence.file) return evidence.file;
  const source = READINESS_RULES[rule].source;
  if (source === "kep.yaml") return `${kep.folder}/kep.yaml`;
  if (source === "prod-readiness") return kep.prr ?? "keps/prod-readiness";
  return `${kep.folder}/README.md`;
}

/** A link to the evidence: the file at its commit on GitHub, at its line when one shows it. */
export function evidenceUrl(file: string, commit: string | null, line?: number): string {
  if (file.startsWith("releases/")) return `${SIG_RELEASE}/blob/master/${file}`;
  const anchor = line ? `#L${line}` : "";
  return `${ENHANCEMENTS}/blob/${commit ?? "master"}/${file}${anchor}`;
}

/** Freeze exceptions filed for the KEP in the release, as informational checks. */
export function checkExceptions(release: Pick<Release, "version" | "exceptions">, kep: number): ReadinessCheck[] {
  const file = `releases/release-${release.version}/exceptions.yaml`;
  return release.exceptions
    .filter((e: FreezeException) => e.kep === kep)
    .map((e) => ({
      rule: "exception" as const,
      result: e.status === "approved" ? "pass" : e.status === "denied" || e.status === "withdrawn" ? "fail" : "unknown",
      evidence: {
        file,
        field: `${e.freeze} freeze`,
        value: `${e.status}${e.requested ? `, requested ${e.requested}` : ""}`,
      },
    }));
}

/** The tracking issue's facts for the release, as GitHub checks; none without a GitHub sync. */
export function checkGithub(kep: Pick<Kep, "number" | "github">, version: string): ReadinessCheck[] {
  const tracking = kep.github?.tracking.find((t) => t.release === version);
  if (!kep.github) return [];
  const file = `issues/${kep.number}`;
  if (!tracking)
    return [
      {
        rule: "opted-in",
        result: "fail",
        evidence: { file, field: "milestone", value: kep.github.milestone ?? "(none)" },
      },
    ];
  const checks: ReadinessCheck[] = [
    {
      rule: "opted-in",
      result: tracking.optedInOn ? "pass" : "unknown",
      evidence: {
        file,
        field: "labels",
        value: tracking.optedInOn ? `lead-opted-in since ${tracking.optedInOn}` : "no lead-opted-in event",
      },
    },
  ];
  const trackedResult: CheckResult =
    tracking.status === "tracked" || tracking.status === "out-of-tree"
      ? "pass"
      : tracking.status === "opted-in"
        ? "unknown"
        : "fail";
  checks.push({ rule: "tracked", result: trackedResult, evidence: { file, field: "labels", value: tracking.status } });
  const board = tracking.board?.status;
  if (board) {
    const result: CheckResult = /^tracked/i.test(board) ? "pass" : /removed|deferred/i.test(board) ? "fail" : "unknown";
    checks.push({ rule: "board-status", result, evidence: { file, field: "board status", value: board } });
  }
  return checks;
}

/** The verdict GitHub gives when it has one: tracked is ready, removed or deferred not, at risk at risk. */
function githubVerdict(checks: readonly ReadinessCheck[]): Verdict | null {
  const board = checks.find((c) => c.rule === "board-status");
  if (board?.evidence?.value && /at risk/i.test(board.evidence.value)) return "at-risk";
  const decisive = board && board.result !== "unknown" ? board : checks.find((c) => c.rule === "tracked");
  if (!decisive || decisive.result === "unknown") return null;
  return decisive.result === "pass" ? "ready" : "not-ready";
}

/**
 * A KEP's readiness view for a cycle: the stored repository checks of the chosen evaluation,
 * the release's freeze exceptions and, when synced, GitHub's tracking (which decides the verdict
 * for what it answers). Null when the KEP does not target the cycle at that instant. This is
 * the function the KEP page and the tracking table call.
 */
export function readinessForKep(
  kep: Pick<Kep, "number" | "title" | "owningSig" | "github">,
  release: Pick<Release, "version" | "exceptions">,
  cycle: CycleReadiness | undefined,
  point?: EvaluationPoint,
): KepReadinessView | null {
  const evaluation = pickEvaluation(cycle, point);
  const stored = evaluation?.keps.find((k) => k.kep === kep.number);
  if (!evaluation || !stored) return null;
  return toKepView(kep, stored, evaluation, release);
}

function toKepView(
  kep: Pick<Kep, "number" | "title" | "owningSig" | "github">,
  stored: KepReadiness,
  evaluation: ReadinessEvaluation,
  release: Pick<Release, "version" | "exceptions">,
): KepReadinessView {
  const github = checkGithub(kep, release.version);
  const all = [...stored.checks, ...checkExceptions(release, kep.number), ...github];
  const fromGithub = githubVerdict(github);
  const checks: CheckView[] = all.map((check) => {
    const info = READINESS_RULES[check.rule];
    let evidence: CheckView["evidence"] = null;
    if (check.evidence) {
      const file = resolveEvidenceFile(check.rule, stored, check.evidence);
      const url =
        info.source === "GitHub"
          ? `${ENHANCEMENTS}/issues/${kep.number}`
          : evidenceUrl(file, check.evidence.commit ?? evaluation.commit, check.evidence.line);
      evidence = { ...check.evidence, file, url };
    }
    return {
      rule: check.rule,
      label: info.label,
      text: info.text,
      weight: info.weight,
      result: check.result,
      evidence,
    };
  });
  return {
    kep: kep.number,
    title: kep.title,
    owningSig: kep.owningSig,
    stage: stored.stage,
    verdict: fromGithub ?? judgeChecks(stored.checks),
    decidedBy: fromGithub ? "github" : "repository",
    checks,
    failing: checks.filter((c) => c.result === "fail" && c.weight !== "info").map((c) => c.rule),
    point: evaluation.point,
    at: evaluation.at,
    commit: evaluation.commit,
  };
}

/** Sorts by what needs attention: not ready, at risk, ready; more failing checks first; then by number. */
export function sortByAttention(views: KepReadinessView[]): KepReadinessView[] {
  return [...views].sort(
    (a, b) =>
      VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || b.failing.length - a.failing.length || a.kep - b.kep,
  );
}

/** Every KEP of one evaluation as views, sorted by attention. KEPs the snapshot lacks are left out. */
export function deriveReadinessRows(
  evaluation: ReadinessEvaluation,
  release: Pick<Release, "version" | "exceptions">,
  kepByNumber: ReadonlyMap<number, Kep>,
): KepReadinessView[] {
  const views: KepReadinessView[] = [];
  for (const stored of evaluation.keps) {
    const kep = kepByNumber.get(stored.kep);
    if (kep) views.push(toKepView(kep, stored, evaluation, release));
  }
  return sortByAttention(views);
}

/**
 * Each KEP's verdict in a cycle, from the evaluation a view shows ("now" while the cycle runs,
 * else the enhancements freeze), as the tracking table's readiness column reads it.
 */
export function deriveVerdicts(
  release: Pick<Release, "version" | "exceptions">,
  cycle: CycleReadiness | undefined,
  kepByNumber: ReadonlyMap<number, Kep>,
): Map<number, Verdict> {
  const evaluation = pickEvaluation(cycle);
  if (!evaluation) return new Map();
  return new Map(deriveReadinessRows(evaluation, release, kepByNumber).map((view) => [view.kep, view.verdict]));
}

/** Counts per verdict. */
export function countVerdicts(views: readonly Pick<KepReadinessView, "verdict">[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { "not-ready": 0, "at-risk": 0, ready: 0 };
  for (const view of views) counts[view.verdict]++;
  return counts;
}

/** What became of a KEP targeting a released cycle. */
export type CycleOutcome = "shipped" | "slipped" | "other";

/** The KEP's outcome in a released cycle: in its enhancement list, in its slipped list, or neither. */
export function findOutcome(release: Pick<Release, "enhancements" | "slipped">, kep: number): CycleOutcome {
  if (release.enhancements.some((e) => e.kep === kep)) return "shipped";
  if (release.slipped.some((s) => s.kep === kep)) return "slipped";
  return "other";
}

/** How readiness at freeze compared with the outcome for one released cycle (repository checks only). */
export interface OutcomeComparison {
  version: string;
  targeting: number;
  byVerdict: Record<Verdict, { total: number; shipped: number }>;
  /** Per rule: fails on a KEP that did not ship (caught) and fails on one that shipped (misclassified). */
  rules: { rule: ReadinessRule; caught: number; misclassified: number }[];
  shipped: number;
}

/** Compares readiness at enhancements freeze with the outcome; null when the cycle is not out or has no freeze evaluation. */
export function compareWithOutcome(
  release: Pick<Release, "version" | "state" | "enhancements" | "slipped">,
  cycle: CycleReadiness | undefined,
): OutcomeComparison | null {
  const evaluation = pickEvaluation(cycle, "enhancements-freeze");
  if (release.state !== "released" || !evaluation) return null;
  const byVerdict: OutcomeComparison["byVerdict"] = {
    "not-ready": { total: 0, shipped: 0 },
    "at-risk": { total: 0, shipped: 0 },
    ready: { total: 0, shipped: 0 },
  };
  const rules = new Map<ReadinessRule, { caught: number; misclassified: number }>();
  let shipped = 0;
  for (const stored of evaluation.keps) {
    const didShip = findOutcome(release, stored.kep) === "shipped";
    const verdict = judgeChecks(stored.checks);
    byVerdict[verdict].total++;
    if (didShip) {
      byVerdict[verdict].shipped++;
      shipped++;
    }
    for (const check of stored.checks) {
      if (check.result !== "fail") continue;
      const tally = rules.get(check.rule) ?? { caught: 0, misclassified: 0 };
      if (didShip) tally.misclassified++;
      else tally.caught++;
      rules.set(check.rule, tally);
    }
  }
  return {
    version: release.version,
    targeting: evaluation.keps.length,
    byVerdict,
    shipped,
    rules: [...rules].map(([rule, tally]) => ({ rule, ...tally })).sort((a, b) => compareText(a.rule, b.rule)),
  };
}

/** One cycle of the funnel chart: targeting, ready at enhancements freeze, shipped; and the same week as the current cycle. */
export interface FunnelPoint {
  version: string;
  targeting: number;
  ready: number;
  /** Shipped of those targeting at freeze; null while the cycle is not out. */
  shipped: number | null;
  /** For the cycle in progress: counts now; for earlier cycles: counts at the same point of their cycle. */
  sameWeek: { targeting: number; ready: number } | null;
  current: boolean;
}

/** The funnel series for every cycle with a freeze evaluation, oldest first. */
export function deriveFunnel(
  releases: readonly Pick<Release, "version" | "state" | "enhancements" | "slipped">[],
  cycles: ReadonlyMap<string, CycleReadiness>,
): FunnelPoint[] {
  const out: FunnelPoint[] = [];
  for (const release of releases) {
    const cycle = cycles.get(release.version);
    const freeze = pickEvaluation(cycle, "enhancements-freeze");
    const now = pickEvaluation(cycle, "now");
    if (!freeze && !now) continue;
    const base = freeze ?? now!;
    const current = release.state === "in-progress";
    const ready = base.keps.filter((k) => judgeChecks(k.checks) === "ready").length;
    const shipped =
      release.state === "released" ? base.keps.filter((k) => findOutcome(release, k.kep) === "shipped").length : null;
    const sameWeek = current
      ? now
        ? { targeting: now.keps.length, ready: now.keps.filter((k) => judgeChecks(k.checks) === "ready").length }
        : null
      : cycle?.sameWeek
        ? { targeting: cycle.sameWeek.targeting, ready: cycle.sameWeek.ready }
        : null;
    out.push({ version: release.version, targeting: base.keps.length, ready, shipped, sameWeek, current });
  }
  return out;
}
