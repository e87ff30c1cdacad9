/** Words the pages use for the data's codes: stages, kinds of change, outcomes, statuses. */
import type { ChangeKind, Inference, ReleaseStage, Stage, Status, TargetOutcome } from "./schema.ts";

/** "alpha" -> "Alpha" */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Stage names as headings use them. */
export const STAGE_LABELS: Record<Stage, string> = {
  alpha: "Alpha",
  beta: "Beta",
  stable: "Stable",
  deprecated: "Deprecated",
  disabled: "Disabled",
  removed: "Removed",
};

/** Stage colours as CSS variables (global.css swaps them for dark mode). */
export const STAGE_COLORS: Record<Stage, string> = {
  alpha: "var(--alpha)",
  beta: "var(--beta)",
  stable: "var(--stable)",
  deprecated: "var(--deprecated)",
  disabled: "var(--deprecated)",
  removed: "var(--removed)",
};

/** The order a release page lists its stages in: what graduated furthest first. */
export const RELEASE_STAGE_ORDER: readonly ReleaseStage[] = ["stable", "beta", "alpha", "deprecated", "removed"];

/** Kinds of change in running text. */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  "net-new": "net new",
  graduating: "graduating",
  "major-change": "major change",
  deprecation: "deprecation",
};

/** Outcomes of a stage target in running text. */
export const OUTCOME_LABELS: Record<TargetOutcome, string> = {
  shipped: "shipped",
  slipped: "slipped",
  replanned: "replanned",
  "pulled-in": "pulled in",
  dropped: "dropped",
  missed: "not recorded as reached",
  planned: "planned",
};

/** What each outcome means, for legends. */
export const OUTCOME_DESCRIPTIONS: Record<TargetOutcome, string> = {
  shipped: "the stage was reached in this release",
  slipped: "work on the stage was aimed at this release and moved later",
  replanned: "a plan for a later stage moved before work on it began",
  "pulled-in": "the target moved to an earlier release",
  dropped: "the KEP stopped (withdrawn, rejected, replaced or deferred) while the target stood",
  missed: "the release went out with the target standing, but the stage was never recorded as reached",
  planned: "the release was not out on the data's date; the target still stands",
};

/** Statuses in running text. */
export const STATUS_LABELS: Record<Status, string> = {
  provisional: "provisional",
  implementable: "implementable",
  implemented: "implemented",
  deferred: "deferred",
  rejected: "rejected",
  withdrawn: "withdrawn",
  replaced: "replaced",
};

/** Inference signals for the "how this list was derived" notes. */
export const INFERENCE_DESCRIPTIONS: Record<Inference, string> = {
  milestone: "kep.yaml today names this release for the stage",
  "latest-milestone": "on release day, kep.yaml named this release as its latest milestone in the same stage",
  "targeted-at-freeze": "at enhancements freeze, kep.yaml named this release for the stage",
  exception: "an approved freeze exception names the KEP",
  "github-tracked": "the tracking issue's GitHub timeline shows it tracked for this release",
};

/** "1 KEP", "3 KEPs" */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The calendar day of an ISO instant: "2023-01-17T18:44:34Z" -> "2023-01-17". */
export function isoDay(instant: string): string {
  return instant.slice(0, 10);
}

/** A share as a whole percentage: 0.234 -> "23%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
