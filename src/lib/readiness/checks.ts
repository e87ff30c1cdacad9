/**
 * The repository checks for one KEP at one instant: kep.yaml, the PRR approval file and the
 * README as they stood at that commit, against the template of the same commit. Pure: text
 * in, results with evidence out. A missing or unreadable input gives "fail" when its absence
 * is the finding (no README, no PRR file) and "unknown" when the data cannot say.
 */
import { type KepRecord, parseKepYaml, parsePrrYaml } from "../kep-yaml.ts";
import type { Milestones, PrrApproval, ReadinessCheck, ReadinessEvidence, Stage, Version } from "../schema.ts";
import { toMilestone } from "../versions.ts";
import {
  countOwnWords,
  findSection,
  findStageCoverage,
  isRequiredFor,
  isSectionAnswered,
  type MarkdownDoc,
  MIN_OWN_WORDS,
  readMarkdown,
  type TemplateModel,
} from "./readme.ts";
import type { ReadinessRule } from "./rules.ts";

/** A file as it stood at the commit checked; text null when the file is absent there. */
export interface FileAt {
  path: string;
  text: string | null;
}

/** Everything the checks read for one KEP at one instant. */
export interface ReadinessInput {
  /** The release checked against ("1.36"). */
  version: Version;
  /** The commit the files were read at. */
  commit: string;
  /** kep.yaml; `record` when the caller has parsed the same text already (a sync checks each version many times). */
  kepYaml: FileAt & { record?: KepRecord | null };
  /**
   * The PRR approval file (path null when the tree holds none for the KEP); null before approval files
   * existed. `approvals` when the caller has parsed the same text already (parsePrrYaml).
   */
  prr: { path: string | null; text: string | null; approvals?: PrrApproval[] } | null;
  /** The README; `doc` when the caller has read the same text already (readMarkdown). */
  readme: FileAt & { doc?: MarkdownDoc };
  /** keps/NNNN-kep-template/README.md at the same commit, read once (readTemplate); model null when absent. */
  template: { path: string; model: TemplateModel | null };
}

/** The stage a KEP targets in a release, and whether a milestone entry says so (not only latest-milestone). */
export interface TargetStage {
  stage: Stage | null;
  fromMilestone: boolean;
}

/** Stages of a removal: no PRR approval is needed, and withdrawn is an accepted status. */
const REMOVAL_STAGES: ReadonlySet<Stage> = new Set(["deprecated", "disabled", "removed"]);
/** Stages a PRR approval and the questionnaire are asked for. */
const PRR_STAGES: ReadonlySet<Stage> = new Set(["alpha", "beta", "stable"]);
/** The template's placeholder gate name. */
const TEMPLATE_GATE = "MyFeature";

/** Reads a kep.yaml's target for a release: the highest stage whose milestone names it, else the stage field when latest-milestone does. */
export function findTargetStage(
  milestones: Milestones,
  stage: Stage | null,
  latestMilestone: string | null,
  version: Version,
): TargetStage {
  const milestone = toMilestone(version);
  const order: Stage[] = ["alpha", "beta", "stable", "deprecated", "disabled", "removed"];
  const named = order.filter((s) => milestones[s] === milestone);
  // A removal named together with a graduation is the removal of an older path: the graduation leads.
  const graduation = named.filter((s) => PRR_STAGES.has(s)).at(-1);
  const chosen = graduation ?? named.at(-1);
  if (chosen) return { stage: chosen, fromMilestone: true };
  if (latestMilestone === milestone) return { stage, fromMilestone: false };
  return { stage: null, fromMilestone: false };
}

/** 1-based line of a top-level key (or of `child:` below it), or undefined. Bounded by the text's lines. */
export function findKeyLine(text: string, key: string, child?: string): number | undefined {
  const lines = text.split(/\r?\n/);
  const top = lines.findIndex((line) => line.startsWith(`${key}:`));
  if (top < 0) return undefined;
  if (!child) return top + 1;
  for (let i = top + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^\S/.test(line)) break;
    if (new RegExp(`^\\s+${child}\\s*:`).test(line)) return i + 1;
  }
  return undefined;
}

/** Runs every repository check for one KEP at one instant. */
export function checkKepAt(input: ReadinessInput): { stage: Stage | null; checks: ReadinessCheck[] } {
  // Every file was read at input.commit, which the evaluation records once; the rule's own file goes unnamed.
  const own = new Set([input.kepYaml.path, input.readme.path, input.prr?.path]);
  const at = (file: string, extra: Omit<ReadinessEvidence, "file" | "commit"> = {}): ReadinessEvidence =>
    own.has(file) ? { ...extra } : { file, ...extra };
  const checks: ReadinessCheck[] = [];
  const add = (rule: ReadinessRule, result: ReadinessCheck["result"], evidence: ReadinessEvidence | null) =>
    checks.push({ rule, result, evidence });

  const yamlText = input.kepYaml.text;
  const given = input.kepYaml.record;
  const record =
    yamlText === null
      ? null
      : given !== undefined
        ? given
        : parseKepYaml(yamlText, input.kepYaml.path, input.commit).record;
  const yamlFile = input.kepYaml.path;
  if (yamlText === null || record === null) {
    // Without a readable kep.yaml no metadata check can say anything.
    for (const rule of ["status-implementable", "latest-milestone", "stage-milestone"] as const)
      add(rule, "unknown", at(yamlFile));
    return { stage: null, checks: [...checks, ...checkReadme(input, null, at)] };
  }
  const target = findTargetStage(record.milestones, record.stage, record.latestMilestone, input.version);
  const milestone = toMilestone(input.version);
  const removal = target.stage !== null && REMOVAL_STAGES.has(target.stage);

  const statusOk =
    record.status === "implementable" ||
    record.status === "implemented" ||
    (record.status === "withdrawn" && (removal || target.stage === null));
  add(
    "status-implementable",
    statusOk ? "pass" : "fail",
    at(yamlFile, { field: "status", value: record.status ?? "(none)", ...line(findKeyLine(yamlText, "status")) }),
  );
  add(
    "latest-milestone",
    record.latestMilestone === milestone ? "pass" : "fail",
    at(yamlFile, {
      field: "latest-milestone",
      value: record.latestMilestone ?? "(none)",
      ...line(findKeyLine(yamlText, "latest-milestone")),
    }),
  );
  if (target.stage && target.fromMilestone) {
    add(
      "stage-milestone",
      "pass",
      at(yamlFile, {
        field: `milestone.${target.stage}`,
        value: milestone,
        ...line(findKeyLine(yamlText, "milestone", target.stage)),
      }),
    );
  } else {
    // latest-milestone alone: a major change within its stage, or a missing milestone entry.
    const stage = target.stage ?? record.stage;
    add(
      "stage-milestone",
      target.stage ? "unknown" : "fail",
      at(yamlFile, {
        field: stage ? `milestone.${stage}` : "milestone",
        value: (stage ? record.milestones[stage] : undefined) ?? "(none)",
        ...line(findKeyLine(yamlText, "milestone", stage ?? undefined)),
      }),
    );
  }
  if (target.stage && PRR_STAGES.has(target.stage)) checks.push(checkPrr(input, target.stage, at));
  if (target.stage === "alpha") {
    const gates = record.featureGates.filter((g) => g.name !== TEMPLATE_GATE);
    add(
      "feature-gate",
      gates.length > 0 ? "pass" : "fail",
      at(yamlFile, {
        field: "feature-gates",
        value: gates.map((g) => g.name).join(", ") || "(none)",
        ...line(findKeyLine(yamlText, "feature-gates")),
      }),
    );
  }
  return { stage: target.stage, checks: [...checks, ...checkReadme(input, target.stage, at)] };
}

function line(n: number | undefined): { line?: number } {
  return n === undefined ? {} : { line: n };
}

function checkPrr(
  input: ReadinessInput,
  stage: Stage,
  at: (file: string, extra?: Omit<ReadinessEvidence, "file" | "commit">) => ReadinessEvidence,
): ReadinessCheck {
  if (input.prr === null)
    return { rule: "prr-approval", result: "unknown", evidence: at("keps/prod-readiness", { field: stage }) };
  const { path, text } = input.prr;
  if (path === null || text === null)
    return { rule: "prr-approval", result: "fail", evidence: at(path ?? "keps/prod-readiness", { field: stage }) };
  const approvals = input.prr.approvals ?? parsePrrYaml(text, path, input.commit).approvals;
  const approval = approvals.find((a) => a.stage === stage);
  return {
    rule: "prr-approval",
    result: approval ? "pass" : "fail",
    evidence: at(path, {
      field: `${stage}.approver`,
      value: approval?.approver ?? "(none)",
      ...line(findKeyLine(text, stage)),
    }),
  };
}

type At = (file: string, extra?: Omit<ReadinessEvidence, "file" | "commit">) => ReadinessEvidence;

/** The README checks: present, on the template, test plan, graduation criteria, questionnaire, monitoring. */
function checkReadme(input: ReadinessInput, stage: Stage | null, at: At): ReadinessCheck[] {
  const file = input.readme.path;
  if (input.readme.text === null) return [{ rule: "readme-present", result: "fail", evidence: at(file) }];
  const readme = input.readme.doc ?? readMarkdown(input.readme.text);
  const checks: ReadinessCheck[] = [{ rule: "readme-present", result: "pass", evidence: at(file, { line: 1 }) }];
  const template = input.template.model;
  if (!template) {
    // Without the template of the day, nothing says what "filled in" means.
    for (const rule of ["readme-template", "test-plan", "graduation-criteria"] as const)
      checks.push({ rule, result: "unknown", evidence: at(input.template.path) });
    return checks;
  }
  const have = new Set(readme.headings.map((h) => h.key));
  const missing = template.required.filter((h) => !have.has(h.key)).map((h) => h.text);
  checks.push({
    rule: "readme-template",
    result: missing.length === 0 ? "pass" : "fail",
    evidence: at(file, { field: "headings", ...(missing.length ? { missing: missing.slice(0, 40) } : {}) }),
  });
  checks.push(filledSection("test-plan", "test plan", readme, template, file, at));
  checks.push(graduation(readme, template, stage, file, at));
  if (stage && PRR_STAGES.has(stage)) {
    const requirements = template.questionnaire.filter(
      (r) => isRequiredFor(stage, r.from) && r.key !== "monitoring requirements",
    );
    const unanswered = requirements.filter((r) => !isSectionAnswered(readme, template, r.key)).map((r) => r.text);
    const questionnaire = findSection(readme, "production readiness review questionnaire");
    checks.push({
      rule: "prr-questionnaire",
      result: !questionnaire ? "fail" : unanswered.length === 0 ? "pass" : "fail",
      evidence: at(file, {
        field: "Production Readiness Review Questionnaire",
        ...line(questionnaire?.heading.line),
        ...(unanswered.length ? { missing: unanswered } : {}),
      }),
    });
    if (stage !== "alpha") {
      const monitoring = findSection(readme, "monitoring requirements");
      checks.push({
        rule: "monitoring",
        result: isSectionAnswered(readme, template, "monitoring requirements") ? "pass" : "fail",
        evidence: at(file, {
          field: findSection(template.doc, "monitoring requirements")?.heading.text ?? "Monitoring Requirements",
          ...line(monitoring?.heading.line),
        }),
      });
    }
  }
  return checks;
}

function filledSection(
  rule: ReadinessRule,
  key: string,
  readme: MarkdownDoc,
  template: TemplateModel,
  file: string,
  at: At,
): ReadinessCheck {
  const section = findSection(readme, key);
  const name = findSection(template.doc, key)?.heading.text ?? key;
  if (!section) return { rule, result: "fail", evidence: at(file, { field: name, missing: [name] }) };
  const words = countOwnWords(readme, section, template.lineKeys(key));
  return {
    rule,
    result: words >= MIN_OWN_WORDS ? "pass" : "fail",
    evidence: at(file, { field: name, line: section.heading.line, value: `${words} words of its own` }),
  };
}

function graduation(
  readme: MarkdownDoc,
  template: TemplateModel,
  stage: Stage | null,
  file: string,
  at: At,
): ReadinessCheck {
  const key = "graduation criteria";
  const section = findSection(readme, key);
  const name = findSection(template.doc, key)?.heading.text ?? "Graduation Criteria";
  if (!section)
    return { rule: "graduation-criteria", result: "fail", evidence: at(file, { field: name, missing: [name] }) };
  const keys = template.lineKeys(key);
  if (countOwnWords(readme, section, keys) < MIN_OWN_WORDS)
    return {
      rule: "graduation-criteria",
      result: "fail",
      evidence: at(file, { field: name, line: section.heading.line }),
    };
  if (!stage)
    return {
      rule: "graduation-criteria",
      result: "unknown",
      evidence: at(file, { field: name, line: section.heading.line }),
    };
  const covered = findStageCoverage(readme, section, stage, keys);
  return {
    rule: "graduation-criteria",
    result: covered ? "pass" : "fail",
    evidence: at(file, { field: `${name}: ${stage}`, line: covered ?? section.heading.line }),
  };
}
