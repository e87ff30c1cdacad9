/** The readiness page's view model: rows, counts, countdown, outcome comparison, funnel and each KEP's comment. */
import { nextFreeze } from "../schedule.ts";
import type { CycleReadiness, Kep, Release, SchedulePhase } from "../schema.ts";
import { type CommentLinks, composeStatusComment } from "./comment.ts";
import type { Verdict } from "./rules.ts";
import {
  compareWithOutcome,
  countVerdicts,
  deriveFunnel,
  deriveReadinessRows,
  type FunnelPoint,
  type KepReadinessView,
  type OutcomeComparison,
  pickEvaluation,
} from "./view.ts";

/** Everything the readiness page of one cycle shows. */
export interface ReadinessPageModel {
  version: string;
  state: Release["state"];
  /** The evaluation shown: now for the cycle in progress, else at enhancements freeze; null without data. */
  evaluation: { point: "enhancements-freeze" | "now"; at: string; commit: string; template: boolean } | null;
  rows: (KepReadinessView & { comment: string })[];
  counts: Record<Verdict, number>;
  /** The next freeze of the cycle on the build day; null once all have passed or for a past cycle. */
  nextFreeze: SchedulePhase | null;
  outcome: OutcomeComparison | null;
  funnel: FunnelPoint[];
}

/** Builds the page model for one cycle. `now` is the build's instant; `pageUrl` the page's absolute address. */
export function deriveReadinessPage(input: {
  release: Release;
  releases: readonly Release[];
  cycles: ReadonlyMap<string, CycleReadiness>;
  kepByNumber: ReadonlyMap<number, Kep>;
  now: number;
  pageUrl: string;
  freezeWhen: string | null;
}): ReadinessPageModel {
  const { release } = input;
  const cycle = input.cycles.get(release.version);
  const evaluation = pickEvaluation(cycle);
  const links: CommentLinks = { freezeWhen: input.freezeWhen, readinessPage: input.pageUrl };
  const rows = evaluation
    ? deriveReadinessRows(evaluation, release, input.kepByNumber).map((row) => ({
        ...row,
        comment: composeStatusComment(row, release.version, links),
      }))
    : [];
  return {
    version: release.version,
    state: release.state,
    evaluation: evaluation
      ? { point: evaluation.point, at: evaluation.at, commit: evaluation.commit, template: evaluation.template }
      : null,
    rows,
    counts: countVerdicts(rows),
    nextFreeze: release.state === "in-progress" ? nextFreeze(release.schedule, input.now) : null,
    outcome: compareWithOutcome(release, cycle),
    funnel: deriveFunnel(input.releases, input.cycles),
  };
}
