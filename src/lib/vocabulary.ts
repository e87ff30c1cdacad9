/**
 * The data model's word lists, in their display order, with no dependency: the schemas
 * (src/lib/schema.ts) build their zod enums from them, and browser islands import them
 * from here without pulling zod into a bundle.
 */

/** Stages a KEP can be in; upstream also allows deprecated, disabled and removed. */
export const STAGES = ["alpha", "beta", "stable", "deprecated", "disabled", "removed"] as const;

/** Stages a release groups its enhancements by (disabled counts as deprecated there). */
export const RELEASE_STAGES = ["alpha", "beta", "stable", "deprecated", "removed"] as const;

/** The seven statuses upstream accepts. */
export const STATUSES = [
  "provisional",
  "implementable",
  "implemented",
  "deferred",
  "rejected",
  "withdrawn",
  "replaced",
] as const;

/** Kind of change, as the release team's board names it. */
export const CHANGE_KINDS = ["net-new", "graduating", "major-change", "deprecation"] as const;

/** A KEP's readiness for the next freeze, worst first (src/lib/readiness/). */
export const VERDICTS = ["not-ready", "at-risk", "ready"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Verdicts in running text. */
export const VERDICT_LABELS: Record<Verdict, string> = {
  "not-ready": "Not ready",
  "at-risk": "At risk",
  ready: "Ready",
};
