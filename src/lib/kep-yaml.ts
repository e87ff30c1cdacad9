/**
 * Readers for kubernetes/enhancements metadata: kep.yaml and prod-readiness approval files.
 * Pure functions: text in, normalised facts plus data-quality warnings out. Never throws on
 * bad input; see /work/shared/guides/kep-yaml-anomalies.md for the irregularities handled.
 */
import jsyaml from "js-yaml";
import {
  type FeatureGate,
  type Milestone,
  type Milestones,
  type PrrApproval,
  STAGES,
  STATUSES,
  type Stage,
  type Status,
  type Warning,
} from "./schema.ts";
import { sanitizeText } from "./text.ts";
import { parseVersion } from "./versions.ts";
import type { WarningKind } from "./warning-kinds.ts";

// ---------------------------------------------------------------------------------------------
// Warning kinds
// ---------------------------------------------------------------------------------------------

/** A warning kind this module emits. */

/** Longest raw value a warning carries (WarningSchema caps it). */
const MAX_WARNING_VALUE = 200;
/** Bigger inputs are not kep metadata (the largest real kep.yaml is a few KB). */
const MAX_INPUT_CHARS = 1_000_000;
/** A node budget keeps hostile YAML ("billion laughs" through shared aliases) from blowing up. */
const MAX_NODES = 50_000;
/** Nesting deeper than this is not kep metadata (and would cost stack). */
const MAX_DEPTH = 64;

/** Where warnings go while one file is read. */
interface WarningContext {
  file: string;
  commit: string | undefined;
  warnings: Warning[];
}

function newContext(file: string, commit: string | undefined): WarningContext {
  return { file, commit, warnings: [] };
}

function makeWarning(
  ctx: WarningContext,
  kind: WarningKind,
  field: string,
  value: string,
  action: Warning["action"],
): Warning {
  const warning: Warning = { kind, file: ctx.file, field, value: value.slice(0, MAX_WARNING_VALUE), action };
  // Only a full SHA fits WarningSchema; a short or malformed one is left out rather than failing validation later.
  if (ctx.commit !== undefined && /^[0-9a-f]{40}$/.test(ctx.commit)) warning.commit = ctx.commit;
  return warning;
}

function warn(ctx: WarningContext, kind: WarningKind, field: string, value: string, action: Warning["action"]): void {
  ctx.warnings.push(makeWarning(ctx, kind, field, value, action));
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/** What a repository path under kubernetes/enhancements holds. */
export type KepPathClass =
  /** A KEP's kep.yaml. dirNumber is null for pre-numbering dated (`20190603-endpointslices`) or unnumbered dirs. */
  | { kind: "kep"; dirNumber: number | null; sigDir: string }
  /** A production-readiness approval file, keps/prod-readiness/<sig>/<n>.yaml (kep null when the name is no number). */
  | { kind: "prr"; kep: number | null; sig: string }
  /** The KEP or PRR template, or a copy of it kept as a template. */
  | { kind: "template" }
  /** Anything else (test fixtures, READMEs, example manifests). */
  | { kind: "other" };

/**
 * Number in a directory name: its leading digits without leading zeros ("0752-endpointslices" -> 752).
 * Dated names from before KEPs were numbered by issue ("20190603-endpointslices") give null: they were
 * renamed to their issue number later, so the caller maps them through the rename, not by their digits.
 */
export function readDirNumber(dir: string): number | null {
  const digits = /^(\d+)(?:-|$)/.exec(dir)?.[1];
  if (digits === undefined || isDatedNumber(digits)) return null;
  return Number(digits);
}

/** YYYYMMDD prefixes (pre-2020 KEP names) are dates, not issue numbers. */
function isDatedNumber(digits: string): boolean {
  return digits.length >= 8;
}

/** Template copies end in "-template" and carry no real number (NNNN-kep-template, 0000-cloud-provider-template). */
function isTemplateDir(dir: string): boolean {
  // A real KEP may be *about* templates (5978-cluster-resource-claim-template): only numberless or 0 ones count.
  return /-template$/i.test(dir) && !((readDirNumber(dir) ?? 0) > 0);
}

/** Classifies a repository-relative path: KEP metadata, PRR approval, template, or other. */
export function classifyKepPath(path: string): KepPathClass {
  const parts = path
    .replace(/\\/g, "/")
    .replace(/^\.?\//, "")
    .split("/");
  if (parts[0] !== "keps") return { kind: "other" };
  if (parts[1] === "prod-readiness") return classifyPrrPath(parts);
  if (parts[parts.length - 1] !== "kep.yaml") return { kind: "other" };
  const dirs = parts.slice(1, -1);
  if (dirs.some(isTemplateDir)) return { kind: "template" };
  // keps/<sig>/<kep>/ or one extra level: keps/<sig>/<group>/<kep>/ (kubeadm, providers, azure, ...).
  const sigDir = dirs[0];
  const kepDir = dirs[dirs.length - 1];
  if (sigDir === undefined || kepDir === undefined || dirs.length < 2 || dirs.length > 3) return { kind: "other" };
  return { kind: "kep", dirNumber: readDirNumber(kepDir), sigDir };
}

function classifyPrrPath(parts: string[]): KepPathClass {
  // keps/prod-readiness/<sig>/<n>.yaml; for two days in 2024 one sat directly in prod-readiness/ (sig "").
  const [sig, name] = parts.length === 3 ? ["", parts[2]] : parts.length === 4 ? [parts[2], parts[3]] : [];
  if (sig === undefined || name === undefined || !name.endsWith(".yaml")) return { kind: "other" };
  if (sig === "template" || /^n+\.yaml$/i.test(name)) return { kind: "template" };
  const digits = /^(\d+)\.yaml$/.exec(name)?.[1];
  return { kind: "prr", kep: digits === undefined ? null : Number(digits), sig };
}

// ---------------------------------------------------------------------------------------------
// Milestones
// ---------------------------------------------------------------------------------------------

/** What a raw milestone text says. */
export interface MilestoneReading {
  /** The release it names (the latest one when it names several), or null. */
  value: Milestone | null;
  /** Every release it names, oldest first. */
  all: Milestone[];
  /** True when the text deliberately names no release ("", null, TBD, x.y, never, "0.0"). */
  placeholder: boolean;
  /** False when the text is not understood at all. */
  recognised: boolean;
  /** The irregularity found, if the text was not a plain "vX.Y" or empty. */
  warning: WarningKind | null;
}

const VERSION_RE = /^\s*([vV]?)(\d+)\.(\d+)(?:\.(\d+))?\s*$/;
const MILESTONE_PLACEHOLDER_RE = /^(?:tbd|tba|todo|n\/?a|none|unknown|-+|\?+|v?x\.y(?:\.z)?|v?\d+\.[a-z]{1,2})$/i;

/**
 * Reads a milestone from its raw scalar text ("v1.29", "1.29", TBD, "0.0", "v1.21, v1.37", ...).
 * Pass text, not a parsed number: a float 1.3 cannot tell "1.3" from "1.30".
 */
export function normalizeMilestone(raw: unknown): MilestoneReading {
  if (raw === null || raw === undefined) return milestoneReading(null, [], true, true, null);
  if (typeof raw !== "string" && typeof raw !== "number")
    return milestoneReading(null, [], false, false, "milestone-unrecognised");
  const text = String(raw).trim();
  if (text === "") return milestoneReading(null, [], true, true, null);
  if (MILESTONE_PLACEHOLDER_RE.test(text)) return milestoneReading(null, [], true, true, "milestone-placeholder");
  if (/^never$/i.test(text)) return milestoneReading(null, [], true, true, "milestone-never");
  if (/^pre-?v?1\.0$/i.test(text)) return milestoneReading(null, [], false, true, "milestone-before-v1");
  const parts = text.split(/[\s,;]+/).filter((part) => part !== "");
  return parts.length > 1 ? readMilestoneList(parts) : readSingleMilestone(text);
}

function milestoneReading(
  value: Milestone | null,
  all: Milestone[],
  placeholder: boolean,
  recognised: boolean,
  warning: WarningKind | null,
): MilestoneReading {
  return { value, all, placeholder, recognised, warning };
}

function readSingleMilestone(text: string): MilestoneReading {
  const match = VERSION_RE.exec(text);
  if (match === null) return milestoneReading(null, [], false, false, "milestone-unrecognised");
  const [, v = "", major = "", minor = "", patch] = match;
  // "0.0" is the 2020 migration's stand-in for "unknown", not a release.
  if (Number(major) === 0 && Number(minor) === 0)
    return milestoneReading(null, [], true, true, "milestone-migration-zero");
  if (Number(major) === 0) return milestoneReading(null, [], false, true, "milestone-before-v1");
  const value: Milestone = `v${Number(major)}.${Number(minor)}`;
  // Outside any plausible release (v3.1, v1.9999999999999999999): reported and left out.
  if (parseVersion(value) === null) return milestoneReading(null, [], false, true, "milestone-out-of-range");
  if (value === text) return milestoneReading(value, [value], false, true, null);
  const warning: WarningKind =
    v === "" ? "milestone-no-v-prefix" : patch !== undefined ? "milestone-patch-version" : "milestone-reformatted";
  return milestoneReading(value, [value], false, true, warning);
}

/** "v1.21, v1.37": KEP-1432's alpha was withdrawn and re-introduced; the latest release is the stage's current target. */
function readMilestoneList(parts: string[]): MilestoneReading {
  const values: Milestone[] = [];
  for (const part of parts) {
    const value = readSingleMilestone(part).value;
    if (value === null) return milestoneReading(null, [], false, false, "milestone-unrecognised");
    if (!values.includes(value)) values.push(value);
  }
  values.sort(compareMilestones);
  return milestoneReading(values[values.length - 1] ?? null, values, false, true, "milestone-multiple");
}

/** Orders "v1.9" before "v1.10". */
export function compareMilestones(a: Milestone, b: Milestone): number {
  const [aMajor = 0, aMinor = 0] = a.slice(1).split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.slice(1).split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

// ---------------------------------------------------------------------------------------------
// Stage and status
// ---------------------------------------------------------------------------------------------

/** What a raw stage or status text says. */
export interface EnumReading<T extends string> {
  /** The value it maps to, or null (empty, unknown, or a value from the wrong vocabulary). */
  value: T | null;
  /** False when no reading of the text was found. */
  recognised: boolean;
  /** True when the value differs from the text as written (typo, synonym, note, case). */
  normalised: boolean;
  /** The irregularity found, if any. */
  warning: WarningKind | null;
}

/** A status reading, with the stage a note like "implemented (alpha)" gives. */
export interface StatusReading extends EnumReading<Status> {
  /** Stage named alongside or instead of the status ("implemented (beta)", "alpha"), or null. */
  stageHint: Stage | null;
}

const STAGE_SYNONYMS: Readonly<Record<string, Stage>> = { ga: "stable", "general availability": "stable" };
const STATUS_SYNONYMS: Readonly<Record<string, Status>> = { superseded: "replaced" };

function enumReading<T extends string>(
  value: T | null,
  recognised: boolean,
  normalised: boolean,
  warning: WarningKind | null,
): EnumReading<T> {
  return { value, recognised, normalised, warning };
}

/** Reads `stage`: lower-cases, fixes typos and synonyms (GA), resolves "alpha (deprecated)" to deprecated. */
export function normalizeStage(raw: unknown): EnumReading<Stage> {
  const text = typeof raw === "string" ? raw.trim() : raw === null || raw === undefined ? "" : String(raw);
  if (text === "") return enumReading<Stage>(null, true, false, null);
  const lower = text.toLowerCase();
  if (lower.includes("|")) return enumReading<Stage>(null, true, false, "template-leftover");
  const exact = asStage(lower);
  if (exact !== null) return enumReading(exact, true, lower !== text, lower !== text ? "stage-typo" : null);
  const noted = /^([a-z]+)\s*\((.+)\)$/.exec(lower);
  if (noted !== null) return readNotedStage(noted[1] ?? "", noted[2] ?? "");
  const synonym = STAGE_SYNONYMS[lower];
  if (synonym !== undefined) return enumReading(synonym, true, true, "stage-synonym");
  if (asStatus(lower) !== null) return enumReading<Stage>(null, true, false, "stage-is-status");
  const typo = closestWord(lower, STAGES, 1);
  if (typo !== null) return enumReading(typo, true, true, "stage-typo");
  return enumReading<Stage>(null, false, false, "stage-unknown");
}

/** "alpha (deprecated)" says the alpha feature is now deprecated: the note is the current, later state. */
function readNotedStage(base: string, note: string): EnumReading<Stage> {
  const noteStage = asStage(note.trim()) ?? STAGE_SYNONYMS[note.trim()] ?? null;
  const baseStage = asStage(base) ?? STAGE_SYNONYMS[base] ?? null;
  const value = noteStage ?? baseStage;
  return value === null
    ? enumReading<Stage>(null, false, false, "stage-unknown")
    : enumReading(value, true, true, "stage-with-note");
}

/** Reads `status`: lower-cases, fixes typos, maps superseded to replaced, keeps a stage note as a hint. */
export function normalizeStatus(raw: unknown): StatusReading {
  const text = typeof raw === "string" ? raw.trim() : raw === null || raw === undefined ? "" : String(raw);
  if (text === "") return { ...enumReading<Status>(null, true, false, null), stageHint: null };
  const lower = text.toLowerCase();
  if (lower.includes("|")) return { ...enumReading<Status>(null, true, false, "template-leftover"), stageHint: null };
  const noted = /^([a-z]+)\s*\((.+)\)$/.exec(lower);
  if (noted !== null) return readNotedStatus(noted[1] ?? "", noted[2] ?? "");
  const reading = readStatusWord(lower);
  if (reading.value !== null && reading.warning === null && lower !== text) {
    return { ...enumReading(reading.value, true, true, "status-typo"), stageHint: null };
  }
  return reading;
}

function readStatusWord(lower: string): StatusReading {
  const exact = asStatus(lower);
  if (exact !== null) return { ...enumReading(exact, true, false, null), stageHint: null };
  const synonym = STATUS_SYNONYMS[lower];
  if (synonym !== undefined) return { ...enumReading(synonym, true, true, "status-synonym"), stageHint: null };
  // A stage in the status field ("alpha", "removed"): no status can be inferred, but the stage is kept as a hint.
  const stage = asStage(lower) ?? STAGE_SYNONYMS[lower] ?? null;
  if (stage !== null) return { ...enumReading<Status>(null, true, false, "status-is-stage"), stageHint: stage };
  const typo = closestWord(lower, STATUSES, 2);
  if (typo !== null) return { ...enumReading(typo, true, true, "status-typo"), stageHint: null };
  return { ...enumReading<Status>(null, false, false, "status-unknown"), stageHint: null };
}

function readNotedStatus(base: string, note: string): StatusReading {
  const reading = readStatusWord(base);
  if (reading.value === null) return reading;
  const stageHint = asStage(note.trim()) ?? STAGE_SYNONYMS[note.trim()] ?? null;
  return { ...enumReading(reading.value, true, true, "status-with-stage-note"), stageHint };
}

function asStage(text: string): Stage | null {
  return (STAGES as readonly string[]).includes(text) ? (text as Stage) : null;
}

function asStatus(text: string): Status | null {
  return (STATUSES as readonly string[]).includes(text) ? (text as Status) : null;
}

/** The single word within maxDistance edits (transpositions count once), or null when none or several are. */
function closestWord<T extends string>(text: string, words: readonly T[], maxDistance: number): T | null {
  const near = words.filter((word) => editDistance(text, word) <= maxDistance);
  return near.length === 1 ? (near[0] ?? null) : null;
}

/** Optimal-string-alignment distance: "imlpemented" is one edit from "implemented". */
function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const d = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => d[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i++) {
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        d[i * width + j] = i + j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

// ---------------------------------------------------------------------------------------------
// YAML to raw values
// ---------------------------------------------------------------------------------------------

/** A YAML node reduced to what the readers need, scalars kept as the text written (no float or date guessing). */
type RawValue =
  | { type: "null" }
  | { type: "text"; text: string; quoted: boolean }
  | { type: "list"; items: RawValue[] }
  | { type: "map"; entries: Map<string, RawValue> };

type RawMap = Extract<RawValue, { type: "map" }>;

const NULL_VALUE: RawValue = { type: "null" };

/** Raised inside toRaw when a document exceeds the node budget; never escapes this module. */
class TooComplexError extends Error {}

/**
 * A plain (unquoted) scalar as written. js-yaml runs implicit resolvers only on plain
 * scalars, so one catch-all implicit type marks them, and quoted scalars stay strings:
 * that keeps the quoted/plain distinction without YAML 1.1 or 1.2 type guessing.
 */
class PlainScalar {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  // js-yaml turns mapping keys into strings with String(); this tag makes it use toString().
  get [Symbol.toStringTag]() {
    return "PlainScalar";
  }
  toString(): string {
    return this.text;
  }
}

const PLAIN_SCALAR = new jsyaml.Type("tag:kep-radar,2026:plain", {
  kind: "scalar",
  resolve: () => true,
  construct: (text: string) => new PlainScalar(text),
});

/** Failsafe schema (strings, lists, maps) plus the plain-scalar marker. */
const RAW_SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [PLAIN_SCALAR] });

// maxDepth is a js-yaml 4.3 option that its type definitions do not list yet.
const LOAD_OPTIONS: jsyaml.LoadOptions = Object.assign({ schema: RAW_SCHEMA, json: false }, { maxDepth: MAX_DEPTH });

/** YAML 1.2 core-schema spellings of null (for plain scalars only). */
const CORE_NULL = /^(?:null|Null|NULL|~|)$/;

/** Converts js-yaml's output to RawValue, counting nodes so shared aliases cannot explode. */
function toRaw(value: unknown, budget: { nodes: number }): RawValue {
  budget.nodes -= 1;
  if (budget.nodes < 0) throw new TooComplexError("too many nodes");
  if (value === null || value === undefined) return NULL_VALUE;
  if (value instanceof PlainScalar)
    return CORE_NULL.test(value.text) ? NULL_VALUE : { type: "text", text: value.text, quoted: false };
  if (typeof value === "string") return { type: "text", text: value, quoted: true };
  if (Array.isArray(value)) return { type: "list", items: value.map((item) => toRaw(item, budget)) };
  if (typeof value === "object") {
    const entries = new Map<string, RawValue>();
    for (const [key, item] of Object.entries(value)) entries.set(key.trim(), toRaw(item, budget));
    return { type: "map", entries };
  }
  return { type: "text", text: String(value), quoted: false };
}

/** The first document with content, or why there is none. */
type DocumentRead = { ok: true; root: RawValue } | { ok: false };

/** Parses YAML text defensively: size cap, syntax errors, multi-document, alias bombs all become warnings. */
function readDocument(text: string, ctx: WarningContext): DocumentRead {
  if (typeof text !== "string") return skipFile(ctx, "yaml-unparsable", "<not text>");
  if (text.length > MAX_INPUT_CHARS) return skipFile(ctx, "yaml-too-large", `${text.length} characters`);
  try {
    const docs = jsyaml.loadAll(text, null, LOAD_OPTIONS);
    const filled = docs.filter(
      (doc) => doc !== null && doc !== undefined && !(doc instanceof PlainScalar && CORE_NULL.test(doc.text)),
    );
    const first = filled[0];
    if (first === undefined) return skipFile(ctx, "yaml-empty", "");
    if (docs.length > 1)
      warn(ctx, "yaml-multi-document", "", `${docs.length} documents`, filled.length > 1 ? "ignored" : "normalised");
    return { ok: true, root: toRaw(first, { nodes: MAX_NODES }) };
  } catch (error) {
    const kind =
      error instanceof TooComplexError || /maxDepth/.test(String(error)) ? "yaml-too-large" : "yaml-unparsable";
    const message =
      error instanceof jsyaml.YAMLException
        ? error.reason || error.message
        : error instanceof Error
          ? error.message
          : String(error);
    return skipFile(ctx, kind, message);
  }
}

function skipFile(ctx: WarningContext, kind: WarningKind, value: string): DocumentRead {
  warn(ctx, kind, "", value, "skipped-file");
  return { ok: false };
}

/** Reads the top-level mapping, or warns that the document is something else. */
function readRootMap(text: string, ctx: WarningContext): RawMap | null {
  const read = readDocument(text, ctx);
  if (!read.ok) return null;
  if (read.root.type === "map") return read.root;
  skipFile(ctx, "not-a-mapping", showValue(read.root));
  return null;
}

/** Short text for a value in a warning. */
function showValue(value: RawValue | undefined): string {
  if (value === undefined || value.type === "null") return "";
  if (value.type === "text") return value.text;
  if (value.type === "map") return `<mapping of ${value.entries.size}>`;
  return `[${value.items.map(showValue).join(", ")}]`;
}

// ---------------------------------------------------------------------------------------------
// Field readers
// ---------------------------------------------------------------------------------------------

/** Longest text value kept (the longest real title is about 120 characters). */
const MAX_TEXT_CHARS = 500;
/** Most list entries kept (the longest real list has a few dozen). */
const MAX_LIST_ITEMS = 200;
/** Trimmed text of a scalar field; null when absent, null or empty; warns when a list or mapping stands there. */
function readText(value: RawValue | undefined, field: string, ctx: WarningContext): string | null {
  if (value === undefined || value.type === "null") return null;
  if (value.type !== "text") {
    warn(ctx, "field-wrong-type", field, showValue(value), "ignored");
    return null;
  }
  const text = cleanText(value.text, field, ctx).trim();
  return text === "" ? null : text;
}

/** Removes invisible control characters and caps the length, reporting both: upstream text is untrusted. */
function cleanText(raw: string, field: string, ctx: WarningContext): string {
  const clean = sanitizeText(raw, MAX_TEXT_CHARS);
  if (clean.hadHidden) warn(ctx, "text-control-characters", field, raw, "normalised");
  if (clean.cutFrom !== null) warn(ctx, "text-too-long", field, `${clean.cutFrom} characters`, "normalised");
  return clean.text;
}

/** Items of a list field as trimmed texts with their dotted field names; accepts null and a lone scalar. */
function readTextList(
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

function readListItem(item: RawValue, field: string, ctx: WarningContext): { text: string; field: string }[] {
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
function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

// --- kep-number -------------------------------------------------------------------------------

/** Reads kep-number from its raw text: 1234, "1234", 0000; NNNN and other text give null. */
function readKepNumber(value: RawValue | undefined, ctx: WarningContext): number | null {
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
function readMilestoneField(value: RawValue | undefined, field: string, ctx: WarningContext): Milestone | null {
  if (value === undefined || value.type === "null") return null;
  if (value.type !== "text") {
    warn(ctx, "field-wrong-type", field, showValue(value), "ignored");
    return null;
  }
  const reading = normalizeMilestone(value.text);
  if (reading.warning !== null)
    warn(ctx, reading.warning, field, value.text, reading.value === null ? "ignored" : "normalised");
  return reading.value;
}

const MILESTONE_KEY_SYNONYMS: Readonly<Record<string, Stage>> = { ga: "stable" };

/** The milestone map, plus the stages whose key is present but names no release (TBD, "", null). */
interface MilestonesRead {
  milestones: Milestones;
  cleared: Stage[];
}

/** Reads the `milestone` map; stages without a usable release are left out of it and listed as cleared. */
function readMilestones(value: RawValue | undefined, ctx: WarningContext): MilestonesRead {
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

function readMilestoneKey(key: string, ctx: WarningContext): Stage | null {
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

function readStage(value: RawValue | undefined, ctx: WarningContext): Stage | null {
  const text = readText(value, "stage", ctx);
  const reading = normalizeStage(text);
  if (reading.warning !== null)
    warn(ctx, reading.warning, "stage", text ?? "", reading.value === null ? "ignored" : "normalised");
  return reading.value;
}

function readStatus(value: RawValue | undefined, ctx: WarningContext): StatusReading {
  const text = readText(value, "status", ctx);
  const reading = normalizeStatus(text);
  if (reading.warning !== null)
    warn(ctx, reading.warning, "status", text ?? "", reading.value === null ? "ignored" : "normalised");
  return reading;
}

// --- dates ------------------------------------------------------------------------------------

/** Reads a YYYY-MM-DD day; pads "2025-10-9", drops impossible days, placeholders and milestones. */
function readDate(value: RawValue | undefined, field: string, ctx: WarningContext): string | null {
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

function readOddDate(text: string, field: string, ctx: WarningContext): null {
  const kind: WarningKind = /^(?:y+-m+-d+|tbd|todo|n\/?a)$/i.test(text)
    ? "date-placeholder"
    : normalizeMilestone(text).value !== null
      ? "date-is-milestone"
      : "date-unrecognised";
  warn(ctx, kind, field, text, "ignored");
  return null;
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC avoids DST surprises).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// --- people -----------------------------------------------------------------------------------

/** TBD, n/a, and also "TBD from sig-cloud-provider", "TODO containerd reviewer". */
const HANDLE_PLACEHOLDER_RE = /^(?:(?:tbd|tba|todo)\b.*|n\/?a|none|-+|\?+)$/i;
/** The people the KEP template names. */
const TEMPLATE_HANDLES = new Set(["jane.doe", "alice.doe", "oscar.doe"]);
const GITHUB_HANDLE_RE = /^[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9_]))*$/;

/** Reads authors, reviewers or approvers into GitHub handles without "@". */
function readHandles(value: RawValue | undefined, field: string, ctx: WarningContext): string[] {
  const handles = readTextList(value, field, ctx).flatMap(({ text, field: itemField }) => {
    const handle = readHandle(text, itemField, ctx);
    return handle === null ? [] : [handle];
  });
  return unique(handles);
}

/** One person entry: strips quotes and "@", drops placeholders, keeps free text as written. */
function readHandle(raw: string, field: string, ctx: WarningContext): string | null {
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

function classifyHandle(text: string, raw: string, field: string, ctx: WarningContext): string {
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

const TEMPLATE_SIGS = new Set(["sig-aaa", "sig-bbb", "sig-ccc", "sig-xyz"]);

function readOwningSig(value: RawValue | undefined, ctx: WarningContext): string {
  const sig = readText(value, "owning-sig", ctx) ?? "";
  if (TEMPLATE_SIGS.has(sig)) warn(ctx, "template-leftover", "owning-sig", sig, "kept-raw");
  return sig;
}

function readParticipatingSigs(value: RawValue | undefined, ctx: WarningContext): string[] {
  const sigs = readTextList(value, "participating-sigs", ctx).filter(({ text, field }) => {
    if (!TEMPLATE_SIGS.has(text)) return true;
    warn(ctx, "template-leftover", field, text, "ignored");
    return false;
  });
  return unique(sigs.map(({ text }) => text));
}

// --- feature gates ----------------------------------------------------------------------------

const GATE_PLACEHOLDER_RE = /^(?:n\/?a|none|tbd|todo|-+|\?+)$/i;
const TEMPLATE_GATE = "MyFeature";

/** Reads feature-gates; items may be bare names, lack components, or have null names. */
function readFeatureGates(value: RawValue | undefined, field: string, ctx: WarningContext): FeatureGate[] {
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

function readFeatureGate(item: RawValue, field: string, ctx: WarningContext): FeatureGate | null {
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
function readGateField(map: RawMap, ctx: WarningContext): FeatureGate[] {
  const plural = map.entries.get("feature-gates");
  const singular = map.entries.get("feature-gate");
  if (plural !== undefined || singular === undefined) return readFeatureGates(plural, "feature-gates", ctx);
  warn(ctx, "key-misspelt", "feature-gate", "feature-gate", "normalised");
  return readFeatureGates(singular, "feature-gate", ctx);
}

function readGateName(value: RawValue | undefined, field: string, ctx: WarningContext): string | null {
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

function readComponents(value: RawValue | undefined, field: string, ctx: WarningContext): string[] {
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

const RELATION_KINDS: readonly RelationKind[] = ["see-also", "replaces", "superseded-by"];

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
function kepNumberInPath(path: string): number | null {
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
function positive(number: number | null): number | null {
  return number !== null && number > 0 ? number : null;
}

function readRelated(map: RawMap, ctx: WarningContext): RelatedKep[] {
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
const KNOWN_KEYS = new Set([
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
const MISSPELT_KEYS = new Set(["feature-gate"]);

function warnUnexpectedKeys(map: RawMap, ctx: WarningContext): void {
  for (const [key, value] of map.entries) {
    if (!KNOWN_KEYS.has(key) && !MISSPELT_KEYS.has(key)) warn(ctx, "unexpected-key", key, showValue(value), "ignored");
  }
}

/** Metrics are not part of the record, but a template metric left in place is worth reporting. */
function warnTemplateMetrics(map: RawMap, ctx: WarningContext): void {
  const metrics = map.entries.get("metrics");
  if (metrics?.type !== "list") return;
  metrics.items.forEach((item, index) => {
    if (item.type === "text" && item.text.trim() === "my_feature_metric")
      warn(ctx, "template-leftover", `metrics[${index}]`, item.text, "ignored");
  });
}

function readTitle(value: RawValue | undefined, ctx: WarningContext): string {
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

function warnMissingRequired(map: RawMap, record: KepRecord, ctx: WarningContext): void {
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

// ---------------------------------------------------------------------------------------------
// kep.yaml
// ---------------------------------------------------------------------------------------------

/** One kep.yaml, normalised. Raw irregular values survive only in the warnings. */
export interface KepRecord {
  /** kep-number as written (int or numeric string); null when missing or not a number. Callers compare it with the directory. */
  kepNumber: number | null;
  title: string;
  owningSig: string;
  participatingSigs: string[];
  status: Status | null;
  /** The stage field; when it is empty, the stage a status like "implemented (beta)" names. */
  stage: Stage | null;
  latestMilestone: Milestone | null;
  milestones: Milestones;
  /** Stages whose milestone key is present but names no release (TBD, "", null, "0.0"): a cleared target. In stage order. */
  clearedMilestones: Stage[];
  featureGates: FeatureGate[];
  /** GitHub handles without "@" (free text kept as written, with a warning). */
  authors: string[];
  reviewers: string[];
  approvers: string[];
  related: RelatedKep[];
  /** YYYY-MM-DD */
  creationDate: string | null;
  /** YYYY-MM-DD */
  lastUpdated: string | null;
}

/** The outcome of reading one metadata file. */
export interface KepParseResult {
  record: KepRecord | null;
  warnings: Warning[];
}

/**
 * Reads one kep.yaml (any version from history). Never throws: unreadable input gives
 * `record: null` and a "skipped-file" warning. `file` and `commit` only label the warnings.
 */
export function parseKepYaml(text: string, file: string, commit?: string): KepParseResult {
  const ctx = newContext(file, commit);
  try {
    const map = readRootMap(text, ctx);
    if (map === null) return { record: null, warnings: ctx.warnings };
    const record = readKepRecord(map, ctx);
    warnMissingRequired(map, record, ctx);
    warnUnexpectedKeys(map, ctx);
    warnTemplateMetrics(map, ctx);
    return { record, warnings: ctx.warnings };
  } catch (error) {
    // A sync over thousands of versions must not stop on one file: report our own failure and go on.
    return { record: null, warnings: [...ctx.warnings, readerError(ctx, error)] };
  }
}

function readerError(ctx: WarningContext, error: unknown): Warning {
  return makeWarning(ctx, "reader-error", "", error instanceof Error ? error.message : String(error), "skipped-file");
}

function readKepRecord(map: RawMap, ctx: WarningContext): KepRecord {
  const field = (key: string): RawValue | undefined => map.entries.get(key);
  const status = readStatus(field("status"), ctx);
  const milestones = readMilestones(field("milestone"), ctx);
  return {
    kepNumber: readKepNumber(field("kep-number"), ctx),
    title: readTitle(field("title"), ctx),
    owningSig: readOwningSig(field("owning-sig"), ctx),
    participatingSigs: readParticipatingSigs(field("participating-sigs"), ctx),
    status: status.value,
    stage: readStage(field("stage"), ctx) ?? status.stageHint,
    latestMilestone: readMilestoneField(field("latest-milestone"), "latest-milestone", ctx),
    milestones: milestones.milestones,
    clearedMilestones: milestones.cleared,
    featureGates: readGateField(map, ctx),
    authors: readHandles(field("authors"), "authors", ctx),
    reviewers: readHandles(field("reviewers"), "reviewers", ctx),
    approvers: readHandles(field("approvers"), "approvers", ctx),
    related: readRelated(map, ctx),
    creationDate: readDate(field("creation-date"), "creation-date", ctx),
    lastUpdated: readDate(field("last-updated"), "last-updated", ctx),
  };
}

// ---------------------------------------------------------------------------------------------
// prod-readiness/<sig>/<n>.yaml
// ---------------------------------------------------------------------------------------------

/** The outcome of reading one production-readiness approval file. */
export interface PrrParseResult {
  kep: number | null;
  approvals: PrrApproval[];
  warnings: Warning[];
}

/**
 * Reads keps/prod-readiness/<sig>/<n>.yaml: one `{approver}` per stage. Never throws. The KEP is the
 * number in the file name, as upstream looks the file up by it; kep-number only when the name has none
 * (three files at HEAD carry a kep-number copied from another KEP, e.g. sig-node/688.yaml says 277).
 */
export function parsePrrYaml(text: string, file: string, commit?: string): PrrParseResult {
  const ctx = newContext(file, commit);
  try {
    return readPrrFile(text, file, ctx);
  } catch (error) {
    return { kep: null, approvals: [], warnings: [...ctx.warnings, readerError(ctx, error)] };
  }
}

function readPrrFile(text: string, file: string, ctx: WarningContext): PrrParseResult {
  const map = readRootMap(text, ctx);
  if (map === null) return { kep: null, approvals: [], warnings: ctx.warnings };
  const approvals: PrrApproval[] = [];
  for (const [key, value] of map.entries) {
    if (key === "kep-number") continue;
    const stage = asStage(key.trim().toLowerCase());
    if (stage === null) {
      warn(ctx, "prr-stage-unknown", key, showValue(value), "ignored");
      continue;
    }
    const approver = readPrrApprover(value, key, ctx);
    if (approver !== null) approvals.push({ stage, approver });
  }
  return { kep: readPrrKep(map, file, ctx), approvals, warnings: ctx.warnings };
}

function readPrrKep(map: RawMap, file: string, ctx: WarningContext): number | null {
  const written = readKepNumber(map.entries.get("kep-number"), ctx);
  const path = classifyKepPath(file);
  const named = path.kind === "prr" ? path.kep : null;
  if (named === null) return written;
  if (written !== null && written !== named)
    warn(ctx, "prr-kep-number-mismatch", "kep-number", String(written), "normalised");
  return named;
}

function readPrrApprover(value: RawValue | undefined, stageKey: string, ctx: WarningContext): string | null {
  const field = `${stageKey}.approver`;
  const raw = value?.type === "map" ? value.entries.get("approver") : value;
  const text = readText(raw, field, ctx);
  const approver = text === null ? null : readHandle(text, field, ctx);
  if (approver === null && text === null) warn(ctx, "prr-approver-missing", field, showValue(raw), "ignored");
  return approver;
}
