/**
 * The readiness vocabulary, once: every check the enhancements sub-team makes before a
 * freeze that the data can answer, with its rule in one line, how much it weighs in the
 * verdict and where its answer comes from. Pages, the API, the comment and the sync all
 * import these names and texts from here.
 */
import { z } from "zod";
import { VERDICT_LABELS, VERDICTS, type Verdict } from "../vocabulary.ts";

/** Rule ids, in the order a checklist shows them. */
export const READINESS_RULE_IDS = [
  "status-implementable",
  "latest-milestone",
  "stage-milestone",
  "prr-approval",
  "readme-present",
  "readme-template",
  "test-plan",
  "graduation-criteria",
  "prr-questionnaire",
  "feature-gate",
  "monitoring",
  "exception",
  "opted-in",
  "tracked",
  "board-status",
] as const;
export const ReadinessRuleSchema = z.enum(READINESS_RULE_IDS);
export type ReadinessRule = z.infer<typeof ReadinessRuleSchema>;

/** What a check found. */
export const CHECK_RESULTS = ["pass", "fail", "unknown"] as const;
export const CheckResultSchema = z.enum(CHECK_RESULTS);
export type CheckResult = z.infer<typeof CheckResultSchema>;

/**
 * How a check counts: a required check that fails makes a KEP not ready; an advisory one
 * (a reading of README prose, which a person confirms) makes it at risk; an informational
 * one is shown and never moves the verdict; a GitHub check, when present, decides it.
 */
export const RULE_WEIGHTS = ["required", "advisory", "info", "github"] as const;
export type RuleWeight = (typeof RULE_WEIGHTS)[number];

/** Where a rule reads its answer. */
export type RuleSource = "kep.yaml" | "prod-readiness" | "README.md" | "exceptions.yaml" | "GitHub";

/** One rule: its one-line text, short label, weight and source. */
export interface RuleInfo {
  /** Short name for a checklist row. */
  label: string;
  /** The rule, in one line. */
  text: string;
  weight: RuleWeight;
  source: RuleSource;
}

/** Every rule's texts and weight. */
export const READINESS_RULES: Record<ReadinessRule, RuleInfo> = {
  "status-implementable": {
    label: "Status implementable",
    text: "kep.yaml status is implementable (implemented also passes; withdrawn passes for a removal).",
    weight: "required",
    source: "kep.yaml",
  },
  "latest-milestone": {
    label: "latest-milestone is the cycle",
    text: "kep.yaml latest-milestone names this release.",
    weight: "required",
    source: "kep.yaml",
  },
  "stage-milestone": {
    label: "Stage milestone is the cycle",
    text: "kep.yaml milestone.<stage> names this release for the stage targeted; unknown when only latest-milestone does (a major change keeps its stage).",
    weight: "required",
    source: "kep.yaml",
  },
  "prr-approval": {
    label: "PRR approved",
    text: "keps/prod-readiness/<sig>/<n>.yaml names an approver for the stage targeted, merged before the instant checked.",
    weight: "required",
    source: "prod-readiness",
  },
  "readme-present": {
    label: "README merged",
    text: "The KEP folder holds a README.md.",
    weight: "required",
    source: "README.md",
  },
  // Informational, not advisory: at enhancements freeze in 1.27-1.36 it flagged 139 KEPs, of
  // which 106 shipped; the team does not ask older KEPs to adopt every new heading.
  "readme-template": {
    label: "Current template",
    text: "The README has every required heading of keps/NNNN-kep-template/README.md as it stood at the instant checked.",
    weight: "info",
    source: "README.md",
  },
  "test-plan": {
    label: "Test plan filled in",
    text: "The Test Plan section has text of its own beyond the template's placeholders (not empty, not TBD).",
    weight: "advisory",
    source: "README.md",
  },
  "graduation-criteria": {
    label: "Graduation criteria for the stage",
    text: "The Graduation Criteria section has text of its own that covers the stage targeted.",
    weight: "advisory",
    source: "README.md",
  },
  // Informational, not advisory: KEPs it flagged at freeze in 1.27-1.36 failed to ship (9 of 38)
  // about as often as all targeting KEPs did; the PRR approval is the check that predicts.
  "prr-questionnaire": {
    label: "PRR questionnaire answered",
    text: "Every questionnaire section the template requires for the stage targeted has answers of its own.",
    weight: "info",
    source: "README.md",
  },
  "feature-gate": {
    label: "Feature gate named",
    text: "At alpha, kep.yaml feature-gates names a gate (not the template's MyFeature).",
    weight: "advisory",
    source: "kep.yaml",
  },
  // Informational, not advisory: KEPs it flagged at freeze in 1.27-1.36 shipped more often (17 of
  // 20) than the KEPs it passed; the PRR approval already covers the questionnaire for the stage.
  monitoring: {
    label: "Monitoring answered",
    text: "At beta and stable, the Monitoring Requirements section has answers of its own.",
    weight: "info",
    source: "README.md",
  },
  exception: {
    label: "Freeze exception",
    text: "A freeze exception in sig-release names the KEP for this release: approved passes, denied or withdrawn fails, pending is unknown.",
    weight: "info",
    source: "exceptions.yaml",
  },
  "opted-in": {
    label: "Opted in",
    text: "The tracking issue carries lead-opted-in with this release's milestone.",
    weight: "github",
    source: "GitHub",
  },
  tracked: {
    label: "Tracked",
    text: "The release team labelled the tracking issue tracked/yes (or tracked/out-of-tree) for this release.",
    weight: "github",
    source: "GitHub",
  },
  "board-status": {
    label: "Board status",
    text: "The release's Projects board status: Tracked passes, At risk is unknown, Removed or Deferred fails.",
    weight: "github",
    source: "GitHub",
  },
};

export { VERDICT_LABELS, VERDICTS, type Verdict };
export const VerdictSchema = z.enum(VERDICTS);

/** How a check result reads. */
export const RESULT_LABELS: Record<CheckResult, string> = { pass: "Pass", fail: "Fail", unknown: "Unknown" };

/** Instants a cycle's readiness is evaluated at. */
export const EVALUATION_POINTS = ["enhancements-freeze", "now"] as const;
export const EvaluationPointSchema = z.enum(EVALUATION_POINTS);
export type EvaluationPoint = z.infer<typeof EvaluationPointSchema>;
