/** Field readers: one raw value of kep.yaml in, a normalised fact plus warnings out. */

import { isRealDay } from "../calendar.ts";
import type { KepRecord } from "../kep-yaml.ts";
import { type FeatureGate, type Milestone, type Milestones, STAGES, type Stage } from "../schema.ts";
import { sanitizeText } from "../text.ts";
import type { WarningKind } from "../warning-kinds.ts";
import { type WarningContext, warn } from "./context.ts";
import { readDirNumber } from "./paths.ts";
import { type RawMap, type RawValue, showValue } from "./raw-yaml.ts";
import { asStage, normaliseMilestone, normaliseStage, normaliseStatus, type StatusReading } from "./values.ts";

/** Longest text value kept (the longest real title is about 120 characters). */
export const MAX_TEXT_CHARS = 500;
/** Most list entries kept (the longest real list has a few dozen). */
export const MAX_LIST_ITEMS = 200;
/** Trimmed text of a scalar field; null when absent, null or empty; warns when a list or mapping stands there. */
export function readText(value: RawValue | undefined, field: string, ctx: WarningContext): string | null {
  if (value === undefined || value.type === "null") return null;
  if (value.type !== "text") {
    warn(ctx, "field-wrong-type", field, showValue(value), "ignored");
    return null;
  }
  const text = cleanText(value.text, field, ctx).trim();
  return text === "" ? null : text;
}

/** Removes invisible control characters and caps the length, reporting both: upstream text is untrusted. */
export function cleanText(raw: string, field: string, ctx: WarningContext): string {
  const clean = sanitizeText(raw, MAX_TEXT_CHARS);
  if (clean.hadHidden) warn(ctx, "text-control-characters", field, raw, "normalised");
  if (clean.cutFrom !== null) warn(ctx, "text-too-long", field, `${clean.cutFrom} characters`, "normalised");
  return clean.text;
}

/** Items of a list field as trimmed texts with their dotted field names; accepts null and a lone scalar. */
export function readTextList(
  value: RawValue | undefined,
  field: string,
  ctx: WarningContext,
): { text: string; field: string }[] {
  if (value === undefined || value.type === "null") return [];
  if (value.type === "map") {
    warn(ctx, "field-wrong-type", field, showValue(value), "ignored");
    return [];
  }
  if (value.type === "text") {
    const text = value.text.trim();
    if (text === "") return [];
    warn(ctx, "list-as-scalar", field, text, "normalised");
    return [{ text, field }];
  }
  if (value.items.length > MAX_LIST_ITEMS)
    warn(ctx, "list-too-long", field, `${value.items.length} entries`, "normalised");
  return value.items.slice(0, MAX_LIST_ITEMS).flatMap((item, index) => readListItem(item, `${field}[${index}]`, ctx));
}

export function readListItem(item: RawValue, field: string, ctx: WarningContext): { text: string; field: string }[] {
  if (item.type === "null") {
    warn(ctx, "list-null-item", field, "", "ignored");
    return [];
  }
  if (item.type === "list") {
    warn(ctx, "list-nested", field, showValue(item), "normalised");
    return item.items.flatMap((inner, index) =>
      inner.type === "text" ? readListItem(inner, `${field}[${index}]`, ctx) : [],
    );
  }
  const text = readText(item, field, ctx);
  return text === null ? [] : [{ text, field }];
}

/** Strings in first-seen order without repeats. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

// --- kep-number -------------------------------------------------------------------------------

/** Reads kep-number from its raw text: 1234, "1234", 0000; NNNN and other text give null. */
export function readKepNumber(value: RawValue | undefined, ctx: WarningContext): number | null {
  const text = readText(value, "kep-number", ctx);
  if (text === null) return null;
  if (!/^\d{1,9}$/.test(text)) {
    warn(ctx, "kep-number-not-numeric", "kep-number", text, "ignored");
    return null;
  }
  const number = Number(text);
  if (value?.type === "text" && value.quoted) warn(ctx, "kep-number-string", "kep-number", text, "normalised");
  if (number === 0) warn(ctx, "kep-number-zero", "kep-number", text, "kept-raw");
  return number;
}

// --- milestones -------------------------------------------------------------------------------

/** One milestone field read into a release, with warnings when its text was irregular. */
export function readMilestoneField(value: RawValue | undefined, field: string, ctx: WarningContext): Milestone | null {
  if (value === undefined || value.type === "null") return null;
  if (value.type !== "text") {
    warn(ctx, "field-wrong-type", field, showValue(value), "ignored");
    return null;
  }
  const reading = normaliseMilestone(value.text);
  if (reading.warning !== null)
    warn(ctx, reading.warning, field, value.text, reading.value === null ? "ignored" : "normalised");
  return reading.value;
}

export const MILESTONE_KEY_SYNONYMS: Readonly<Record<string, Stage>> = { ga: "stable" };

/** The milestone map, plus the stages whose key is present but names no release (TBD, "", null). */
export interface MilestonesRead {
  milestones: Milestones;
  cleared: Stage[];
}

/** Reads the `milestone` map; stages without a usable release are left out of it and listed as cleared. */
export function readMilestones(value: RawValue | undefined, ctx: WarningContext): MilestonesRead {
  const milestones: Milestones = {};
  const named = new Set<Stage>();
  if (value === undefined || value.type === "null") return { milestones, cleared: [] };
  if (value.type !== "map") {
    warn(ctx, "field-wrong-type", "milestone", showValue(value), "ignored");
    return { milestones, cleared: [] };
  }
  for (const [key, raw] of value.entries) {
    const stage = readMilestoneKey(key, ctx);
    if (stage === null) continue;
    named.add(stage);
    const release = readMilestoneField(raw, `milestone.${key}`, ctx);
    // An explicit key wins over a synonym (stable over GA) whichever comes first.
    if (release !== null && (milestones[stage] === undefined || key === stage)) milestones[stage] = release;
  }
  return { milestones, cleared: STAGES.filter((stage) => named.has(stage) && milestones[stage] === undefined) };
}

export function readMilestoneKey(key: string, ctx: WarningContext): Stage | null {
  const lower = key.trim().toLowerCase();
  const stage = asStage(lower);
  if (stage !== null && lower === key) return stage;
  const synonym = stage ?? MILESTONE_KEY_SYNONYMS[lower] ?? null;
  warn(
    ctx,
    synonym === null ? "milestone-key-unknown" : "milestone-key-synonym",
    `milestone.${key}`,
    key,
    synonym === null ? "ignored" : "normalised",
  );
  return synonym;
}

// --- stage and status -------------------------------------------------------------------------

export function readStage(value: RawValue | undefined, ctx: WarningContext): Stage | null {
  const text = readText(value, "stage", ctx);
  const reading = normaliseStage(text);
  if (reading.warning !== null)
    warn(ctx, reading.warning, "stage", text ?? "", reading.value === null ? "ignored" : "normalised");
  return reading.value;
}

export function readStatus(value: RawValue | undefined, ctx: WarningContext): StatusReading {
  const text = readText(value, "status", ctx);
  const reading = normaliseStatus(text);
  if (reading.warning !== null)
    warn(ctx, reading.warning, "status", text ?? "", reading.value === null ? "ignored" : "normalised");
  return reading;
}

// --- dates ------------------------------------------------------------------------------------

/** Reads a YYYY-MM-DD day; pads "2025-10-9", drops impossible days, placeholders and milestones. */
export function readDate(value: RawValue | undefined, field: string, ctx: WarningContext): string | null {
  const text = readText(value, field, ctx);
  if (text === null) return null;
  const parts = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(text);
  if (parts === null) return readOddDate(text, field, ctx);
  const [, year = "", month = "", day = "", rest = ""] = parts;
  if (rest !== "" && !/^[T ]\d/.test(rest)) return readOddDate(text, field, ctx);
  if (!isRealDay(Number(year), Number(month), Number(day))) {
    warn(ctx, "date-invalid", field, text, "ignored");
    return null;
  }
  const padded = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  if (rest !== "") warn(ctx, "date-with-time", field, text, "normalised");
  else if (padded !== text) warn(ctx, "date-not-padded", field, text, "normalised");
  return padded;
}

export function readOddDate(text: string, field: string, ctx: WarningContext): null {
  const kind: WarningKind = /^(?:y+-m+-d+|tbd|todo|n\/?a)$/i.test(text)
    ? "date-placeholder"
    : normaliseMilestone(text).value !== null
      ? "date-is-milestone"
      : "date-unrecognised";
  warn(ctx, kind, field, text, "ignored");
  return null;
}

// --- people -----------------------------------------------------------------------------------

/** TBD, n/a, and also "TBD from sig-cloud-provider", "TODO containerd reviewer". */
export const HANDLE_PLACEHOLDER_RE = /^(?:(?:tbd|tba|todo)\b.*|n\/?a|none|-+|\?+)$/i;
/** The people the KEP template names. */
export const TEMPLATE_HANDLES = new Set(["jane.doe", "alice.doe", "oscar.doe"]);
export const GITHUB_HANDLE_RE = /^[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9_]))*$/;

/** Reads authors, reviewers or approvers into GitHub handles without "@". */
export function readHandles(value: RawValue | undefined, field: string, ctx: WarningContext): string[] {
  const handles = readTextList(value, field, ctx).flatMap(({ text, field: itemField }) => {
    const handle = readHandle(text, itemField, ctx);
    return handle === null ? [] : [handle];
  });
  return unique(handles);
}

/** One person entry: strips quotes and "@", drops placeholders, keeps free text as written. */
export function readHandle(raw: string, field: string, ctx: WarningContext): string | null {
  let text = raw;
  if (/^[“”‘’].*[“”‘’]$/.test(text)) {
    warn(ctx, "handle-curly-quotes", field, raw, "normalised");
    text = text.slice(1, -1).trim();
  } else if (/^["'].*["']$/.test(text)) {
    warn(ctx, "handle-quoted", field, raw, "normalised");
    text = text.slice(1, -1).trim();
  }
  if (HANDLE_PLACEHOLDER_RE.test(text)) {
    warn(ctx, "handle-placeholder", field, raw, "ignored");
    return null;
  }
  if (TEMPLATE_HANDLES.has(text.replace(/^@/, ""))) {
    warn(ctx, "template-leftover", field, raw, "ignored");
    return null;
  }
  return classifyHandle(text, raw, field, ctx);
}

export function classifyHandle(text: string, raw: string, field: string, ctx: WarningContext): string {
  const bare = text.replace(/^@/, "");
  if (GITHUB_HANDLE_RE.test(bare)) {
    if (!text.startsWith("@")) warn(ctx, "handle-no-at", field, raw, "normalised");
    return bare;
  }
  // "@deads2k - For Kube API Server portion of KEP": a handle, then a comment.
  const commented = /^@([A-Za-z0-9][A-Za-z0-9_-]*)\s*(?:[-–—:(,]|\s#)/.exec(text);
  if (commented?.[1] !== undefined && GITHUB_HANDLE_RE.test(commented[1])) {
    warn(ctx, "handle-with-comment", field, raw, "normalised");
    return commented[1];
  }
  if (/^@?[A-Za-z0-9-]+\/[A-Za-z0-9-]+$/.test(text)) {
    warn(ctx, "handle-team", field, raw, "kept-raw");
    return bare;
  }
  const freeText = /\s/.test(text);
  warn(ctx, freeText ? "handle-free-text" : "handle-odd", field, raw, "kept-raw");
  return freeText ? text : bare;
}

// --- sigs -------------------------------------------------------------------------------------

export const TEMPLATE_SIGS = new Set(["sig-aaa", "sig-bbb", "sig-ccc", "sig-xyz"]);

export function readOwningSig(value: RawValue | undefined, ctx: WarningContext): string {
  const sig = readText(value, "owning-sig", ctx) ?? "";
  if (TEMPLATE_SIGS.has(sig)) warn(ctx, "template-leftover", "owning-sig", sig, "kept-raw");
  return sig;
}

export function readParticipatingSigs(value: RawValue | undefined, ctx: WarningContext): string[] {
  const sigs = readTextList(value, "participating-sigs", ctx).filter(({ text, field }) => {
    if (!TEMPLATE_SIGS.has(text)) return true;
    warn(ctx, "template-leftover", field, text, "ignored");
    return false;
  });
  return unique(sigs.map(({ text }) => text));
}

// --- feature gates ----------------------------------------------------------------------------

export const GATE_PLACEHOLDER_RE = /^(?:n\/?a|none|tbd|todo|-+|\?+)$/i;
export const TEMPLATE_GATE = "MyFeature";

/** Reads feature-gates; items may be bare names, lack components, or have null names. */
export function readFeatureGates(value: RawValue | undefined, field: string, ctx: WarningContext): FeatureGate[] {
  if (value === undefined || value.type === "null") return [];
  if (value.type === "text") {
    warn(ctx, "field-wrong-type", field, showValue(value), "ignored");
    return [];
  }
  // The 2020 template wrote one gate as a mapping (`feature-gate: {name, components}`).
  if (value.type === "map") warn(ctx, "list-as-scalar", field, showValue(value), "normalised");
  const items = value.type === "map" ? [value] : value.items;
  return items.flatMap((item, index) => {
    const gate = readFeatureGate(item, `${field}[${index}]`, ctx);
    return gate === null ? [] : [gate];
  });
}

export function readFeatureGate(item: RawValue, field: string, ctx: WarningContext): FeatureGate | null {
  if (item.type === "null") {
    warn(ctx, "list-null-item", field, "", "ignored");
    return null;
  }
  if (item.type === "list") {
    warn(ctx, "field-wrong-type", field, showValue(item), "ignored");
    return null;
  }
  if (item.type === "text") {
    const name = readGateName(item, `${field}.name`, ctx);
    if (name !== null) warn(ctx, "feature-gate-not-mapping", field, item.text, "normalised");
    return name === null ? null : { name, components: [] };
  }
  const name = readGateName(item.entries.get("name"), `${field}.name`, ctx);
  return name === null
    ? null
    : { name, components: readComponents(item.entries.get("components"), `${field}.components`, ctx) };
}

/** feature-gates, or the singular `feature-gate` an old template used when the plural is absent. */
export function readGateField(map: RawMap, ctx: WarningContext): FeatureGate[] {
  const plural = map.entries.get("feature-gates");
  const singular = map.entries.get("feature-gate");
  if (plural !== undefined || singular === undefined) return readFeatureGates(plural, "feature-gates", ctx);
  warn(ctx, "key-misspelt", "feature-gate", "feature-gate", "normalised");
  return readFeatureGates(singular, "feature-gate", ctx);
}

export function readGateName(value: RawValue | undefined, field: string, ctx: WarningContext): string | null {
  const name = readText(value, field, ctx);
  if (name === null) {
    warn(ctx, "feature-gate-no-name", field, "", "ignored");
    return null;
  }
  if (GATE_PLACEHOLDER_RE.test(name) || name === TEMPLATE_GATE) {
    warn(ctx, name === TEMPLATE_GATE ? "template-leftover" : "feature-gate-placeholder", field, name, "ignored");
    return null;
  }
  if (/^[A-Z][A-Za-z0-9]*$/.test(name)) return name;
  // "WatchListClient (the actual name might be different ...)": the identifier, then a remark.
  const remarked = /^([A-Z][A-Za-z0-9]*)\s+\(/.exec(name)?.[1];
  warn(ctx, "feature-gate-name-not-identifier", field, name, remarked === undefined ? "kept-raw" : "normalised");
  return remarked ?? name;
}

export function readComponents(value: RawValue | undefined, field: string, ctx: WarningContext): string[] {
  if (value?.type === "text" && value.text.trim() !== "") {
    warn(ctx, "feature-gate-components-scalar", field, value.text, "normalised");
    return [value.text.trim()];
  }
  const components = unique(readTextList(value, field, ctx).map(({ text }) => text));
  if (components.length === 0) warn(ctx, "feature-gate-components-missing", field, showValue(value), "kept-raw");
  return components;
}

// --- related KEPs -----------------------------------------------------------------------------

/** How another KEP is related to this one. */
export type RelationKind = "see-also" | "replaces" | "superseded-by";

/** A link from one KEP to another. */
export interface RelatedKep {
  kind: RelationKind;
  kep: number;
}

export const RELATION_KINDS: readonly RelationKind[] = ["see-also", "replaces", "superseded-by"];

/**
 * The KEP number a see-also/replaces/superseded-by entry points at, or null when it names no KEP.
 * Understands `/keps/sig-node/753-sidecar-containers`, enhancements URLs (tree/blob paths and issues),
 * `kubernetes/enhancements#753` and a bare number. Ignores PRs, other repositories (jobset has its own
 * keps/ directory), dated and single-file `.md` KEPs, and "KEP-32"-style names from the pre-2019
 * sequential numbering, whose numbers are not issue numbers.
 */
export function extractKepNumber(entry: string): number | null {
  const text = entry.trim();
  const bare = /^#?(\d{1,6})$/.exec(text)?.[1];
  if (bare !== undefined) return positive(Number(bare));
  const issue = /(?<![\w-])kubernetes\/enhancements(?:\/issues\/|#)(\d{1,6})(?!\d)/.exec(text)?.[1];
  if (issue !== undefined) return positive(Number(issue));
  const path =
    /(?:^|[\s("'[])(?:(?:https?:\/\/)?(?:www\.)?github\.com\/)?(?:kubernetes\/enhancements\/(?:(?:tree|blob)\/[^/\s]+\/)?)?\/?keps?\/([^\s)"'#?]+)/.exec(
      text,
    )?.[1];
  return path === undefined ? null : kepNumberInPath(path);
}

/** First numbered directory segment of a path below keps/ ("sig-node/753-sidecar/README.md" -> 753). */
export function kepNumberInPath(path: string): number | null {
  const segments = path.split("/");
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1 || segments.slice(index + 1).every((rest) => rest === "");
    // "0023-kubeadm-config.md" is a legacy single-file KEP in the old numbering: not an issue number.
    if (isLast && /\.md$/i.test(segment)) return null;
    if (/^\d/.test(segment)) return positive(readDirNumber(segment));
  }
  return null;
}

/** KEP 0 is shared by several unrelated documents, so it identifies nothing. */
export function positive(number: number | null): number | null {
  return number !== null && number > 0 ? number : null;
}

export function readRelated(map: RawMap, ctx: WarningContext): RelatedKep[] {
  const related: RelatedKep[] = [];
  for (const kind of RELATION_KINDS) {
    // Entries that name no KEP (design docs, PRs, blog posts) are normal here: skipped without a warning.
    const numbers = readTextList(map.entries.get(kind), kind, ctx).map(({ text }) => extractKepNumber(text));
    for (const kep of new Set(numbers)) if (kep !== null) related.push({ kind, kep });
  }
  return related;
}

// --- leftovers and unexpected keys --------------------------------------------------------------

/** Keys of upstream's Proposal struct (api/proposal.go); `name`, `id`, `prnumber` are json-only there. */
export const KNOWN_KEYS = new Set([
  "title",
  "kep-number",
  "authors",
  "owning-sig",
  "participating-sigs",
  "reviewers",
  "approvers",
  "prr-approvers",
  "editor",
  "creation-date",
  "last-updated",
  "status",
  "see-also",
  "replaces",
  "superseded-by",
  "stage",
  "latest-milestone",
  "milestone",
  "feature-gates",
  "disable-supported",
  "metrics",
]);

/** Misspelt keys that are read as their known key (see readGateField). */
export const MISSPELT_KEYS = new Set(["feature-gate"]);

export function warnUnexpectedKeys(map: RawMap, ctx: WarningContext): void {
  for (const [key, value] of map.entries) {
    if (!KNOWN_KEYS.has(key) && !MISSPELT_KEYS.has(key)) warn(ctx, "unexpected-key", key, showValue(value), "ignored");
  }
}

/** Metrics are not part of the record, but a template metric left in place is worth reporting. */
export function warnTemplateMetrics(map: RawMap, ctx: WarningContext): void {
  const metrics = map.entries.get("metrics");
  if (metrics?.type !== "list") return;
  metrics.items.forEach((item, index) => {
    if (item.type === "text" && item.text.trim() === "my_feature_metric")
      warn(ctx, "template-leftover", `metrics[${index}]`, item.text, "ignored");
  });
}

export function readTitle(value: RawValue | undefined, ctx: WarningContext): string {
  const title = readText(value, "title", ctx) ?? "";
  if (title !== "" && !/^kep template$/i.test(title)) return title;
  const fallback = titleFromFolder(ctx.file);
  if (fallback === null) return title;
  warn(ctx, "title-placeholder", "title", title, "normalised");
  return fallback;
}

/** "keps/sig-node/3314-checkpoint-restore/kep.yaml" -> "checkpoint restore", or null without a named folder. */
export function titleFromFolder(file: string): string | null {
  const folder = file.split("/").at(-2) ?? "";
  const words = folder
    .replace(/^\d+-?/, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return words === "" ? null : words.charAt(0).toUpperCase() + words.slice(1);
}

export function warnMissingRequired(map: RawMap, record: KepRecord, ctx: WarningContext): void {
  const missing: [string, boolean][] = [
    ["title", showValue(map.entries.get("title")) === ""],
    ["kep-number", map.entries.get("kep-number") === undefined || showValue(map.entries.get("kep-number")) === ""],
    ["owning-sig", record.owningSig === ""],
    ["status", map.entries.get("status") === undefined || showValue(map.entries.get("status")) === ""],
    ["authors", record.authors.length === 0],
    ["approvers", record.approvers.length === 0],
  ];
  for (const [field, isMissing] of missing)
    if (isMissing) warn(ctx, "required-field-missing", field, showValue(map.entries.get(field)), "ignored");
}
