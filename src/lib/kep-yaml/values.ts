/** Normalisers of single values: milestones, stages and statuses, as raw text in, a reading out. */

import { type Milestone, STAGES, STATUSES, type Stage, type Status } from "../schema.ts";
import { editDistance } from "../text.ts";
import { parseVersion } from "../versions.ts";
import type { WarningKind } from "../warning-kinds.ts";

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

export const VERSION_RE = /^\s*([vV]?)(\d+)\.(\d+)(?:\.(\d+))?\s*$/;
export const MILESTONE_PLACEHOLDER_RE =
  /^(?:tbd|tba|todo|n\/?a|none|unknown|-+|\?+|v?x\.y(?:\.z)?|v?\d+\.[a-z]{1,2})$/i;

/**
 * Reads a milestone from its raw scalar text ("v1.29", "1.29", TBD, "0.0", "v1.21, v1.37", ...).
 * Pass text, not a parsed number: a float 1.3 cannot tell "1.3" from "1.30".
 */
export function normaliseMilestone(raw: unknown): MilestoneReading {
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

export function milestoneReading(
  value: Milestone | null,
  all: Milestone[],
  placeholder: boolean,
  recognised: boolean,
  warning: WarningKind | null,
): MilestoneReading {
  return { value, all, placeholder, recognised, warning };
}

export function readSingleMilestone(text: string): MilestoneReading {
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
export function readMilestoneList(parts: string[]): MilestoneReading {
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

export const STAGE_SYNONYMS: Readonly<Record<string, Stage>> = { ga: "stable", "general availability": "stable" };
export const STATUS_SYNONYMS: Readonly<Record<string, Status>> = { superseded: "replaced" };

export function enumReading<T extends string>(
  value: T | null,
  recognised: boolean,
  normalised: boolean,
  warning: WarningKind | null,
): EnumReading<T> {
  return { value, recognised, normalised, warning };
}

/** Reads `stage`: lower-cases, fixes typos and synonyms (GA), resolves "alpha (deprecated)" to deprecated. */
export function normaliseStage(raw: unknown): EnumReading<Stage> {
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
export function readNotedStage(base: string, note: string): EnumReading<Stage> {
  const noteStage = asStage(note.trim()) ?? STAGE_SYNONYMS[note.trim()] ?? null;
  const baseStage = asStage(base) ?? STAGE_SYNONYMS[base] ?? null;
  const value = noteStage ?? baseStage;
  return value === null
    ? enumReading<Stage>(null, false, false, "stage-unknown")
    : enumReading(value, true, true, "stage-with-note");
}

/** Reads `status`: lower-cases, fixes typos, maps superseded to replaced, keeps a stage note as a hint. */
export function normaliseStatus(raw: unknown): StatusReading {
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

export function readStatusWord(lower: string): StatusReading {
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

export function readNotedStatus(base: string, note: string): StatusReading {
  const reading = readStatusWord(base);
  if (reading.value === null) return reading;
  const stageHint = asStage(note.trim()) ?? STAGE_SYNONYMS[note.trim()] ?? null;
  return { ...enumReading(reading.value, true, true, "status-with-stage-note"), stageHint };
}

export function asStage(text: string): Stage | null {
  return (STAGES as readonly string[]).includes(text) ? (text as Stage) : null;
}

export function asStatus(text: string): Status | null {
  return (STATUSES as readonly string[]).includes(text) ? (text as Status) : null;
}

/** The single word within maxDistance edits (transpositions count once), or null when none or several are. */
export function closestWord<T extends string>(text: string, words: readonly T[], maxDistance: number): T | null {
  const near = words.filter((word) => editDistance(text, word) <= maxDistance);
  return near.length === 1 ? (near[0] ?? null) : null;
}
