/**
 * The status comment the enhancements sub-team posts on a tracking issue, filled in from a KEP's
 * checks: who it is from, the freeze and its date, the stage targeted, a checklist with the
 * evidence links, what is left to do and the resulting status. Our own wording, following the
 * structure the sig-release enhancements handbook describes.
 */
import type { Stage } from "../schema.ts";
import type { ReadinessRule } from "./rules.ts";
import type { CheckView, KepReadinessView } from "./view.ts";

/** The handbook's checklist items and the rules each rests on. */
const ITEMS: { text: (version: string) => string; rules: ReadinessRule[] }[] = [
  {
    text: () => "The KEP README is merged and follows the current KEP template",
    rules: ["readme-present", "readme-template"],
  },
  {
    text: (v) =>
      `kep.yaml says \`status: implementable\` with \`latest-milestone: v${v}\` and the stage's milestone set`,
    rules: ["status-implementable", "latest-milestone", "stage-milestone"],
  },
  { text: () => "The Test Plan is filled in", rules: ["test-plan"] },
  { text: () => "The Graduation Criteria cover the stage targeted", rules: ["graduation-criteria"] },
  {
    text: () => "The production readiness questionnaire is answered for the stage",
    rules: ["prr-questionnaire", "monitoring", "feature-gate"],
  },
  { text: () => "A PRR approval for the stage is merged in keps/prod-readiness", rules: ["prr-approval"] },
];

/** Where the comment links to for the freeze, the template and the exception process. */
export interface CommentLinks {
  /** The freeze's date and time as the schedule gives it ("Thu 12 Feb 2026, 04:00 PST"), or null. */
  freezeWhen: string | null;
  /** This site's readiness page for the KEP's cycle (absolute URL). */
  readinessPage: string;
}

function mark(checks: CheckView[]): "x" | " " {
  return checks.length > 0 && checks.every((c) => c.result === "pass") ? "x" : " ";
}

function stageName(stage: Stage | null): string {
  return stage ?? "(not set in kep.yaml)";
}

/** Composes the status comment for a KEP in a cycle. */
export function composeStatusComment(view: KepReadinessView, version: string, links: CommentLinks): string {
  const lines = [
    `Hello, this is the v${version} Enhancements team checking in ahead of enhancements freeze${links.freezeWhen ? ` (${links.freezeWhen})` : ""}.`,
    "",
    `Our reading: this KEP targets stage \`${stageName(view.stage)}\` in v${version}. Please correct us if that is wrong.`,
    "",
    "Where it stands:",
    "",
  ];
  const todo: string[] = [];
  for (const item of ITEMS) {
    const checks = view.checks.filter((c) => item.rules.includes(c.rule));
    if (checks.length === 0) continue;
    lines.push(`- [${mark(checks)}] ${item.text(version)}`);
    for (const check of checks) {
      if (check.result === "pass") continue;
      const where = check.evidence
        ? ` ([${check.evidence.file}${check.evidence.line ? `#L${check.evidence.line}` : ""}](${check.evidence.url}))`
        : "";
      const missing = check.evidence?.missing?.length ? `: ${check.evidence.missing.join(", ")}` : "";
      const note = check.result === "unknown" ? " (could not be checked from the repository)" : "";
      todo.push(`${check.label}${missing}${note}${where}`);
    }
  }
  lines.push("");
  if (todo.length > 0) {
    lines.push("What is left to do:", "", ...todo.map((t) => `- ${t}`), "");
  }
  const status = view.verdict === "ready" ? "Tracked for enhancements freeze" : "At risk for enhancements freeze";
  lines.push(`With this, the status is \`${status}\`.`);
  if (view.verdict !== "ready")
    lines.push(
      "If enhancements freeze cannot be met, an exception can be requested (see sig-release releases/EXCEPTIONS.md).",
    );
  lines.push("", `Checked against the repository at ${view.commit.slice(0, 12)}: ${links.readinessPage}`);
  return lines.join("\n");
}
