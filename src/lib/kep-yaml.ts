/**
 * Readers for kubernetes/enhancements metadata: kep.yaml and prod-readiness approval files.
 * Pure functions: text in, normalised facts plus data-quality warnings out. Never throws on
 * bad input; see ../shared/guides/kep-yaml-anomalies.md for the irregularities handled. The
 * parts live in kep-yaml/: paths, value normalisers, the YAML front end, field readers.
 */

import { makeWarning, newContext, type WarningContext, warn } from "./kep-yaml/context.ts";
import {
  type RelatedKep,
  readDate,
  readGateField,
  readHandle,
  readHandles,
  readKepNumber,
  readMilestoneField,
  readMilestones,
  readOwningSig,
  readParticipatingSigs,
  readRelated,
  readStage,
  readStatus,
  readText,
  readTitle,
  warnMissingRequired,
  warnTemplateMetrics,
  warnUnexpectedKeys,
} from "./kep-yaml/fields.ts";
import { classifyKepPath } from "./kep-yaml/paths.ts";
import { type RawMap, type RawValue, readRootMap, showValue } from "./kep-yaml/raw-yaml.ts";
import { asStage } from "./kep-yaml/values.ts";
import type { FeatureGate, Milestone, Milestones, PrrApproval, Stage, Status, Warning } from "./schema.ts";

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

export function readerError(ctx: WarningContext, error: unknown): Warning {
  return makeWarning(ctx, "reader-error", "", error instanceof Error ? error.message : String(error), "skipped-file");
}

export function readKepRecord(map: RawMap, ctx: WarningContext): KepRecord {
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

export function readPrrFile(text: string, file: string, ctx: WarningContext): PrrParseResult {
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

export function readPrrKep(map: RawMap, file: string, ctx: WarningContext): number | null {
  const written = readKepNumber(map.entries.get("kep-number"), ctx);
  const path = classifyKepPath(file);
  const named = path.kind === "prr" ? path.kep : null;
  if (named === null) return written;
  if (written !== null && written !== named)
    warn(ctx, "prr-kep-number-mismatch", "kep-number", String(written), "normalised");
  return named;
}

export function readPrrApprover(value: RawValue | undefined, stageKey: string, ctx: WarningContext): string | null {
  const field = `${stageKey}.approver`;
  const raw = value?.type === "map" ? value.entries.get("approver") : value;
  const text = readText(raw, field, ctx);
  const approver = text === null ? null : readHandle(text, field, ctx);
  if (approver === null && text === null) warn(ctx, "prr-approver-missing", field, showValue(raw), "ignored");
  return approver;
}

export { extractKepNumber } from "./kep-yaml/fields.ts";
export { classifyKepPath } from "./kep-yaml/paths.ts";
export { normaliseMilestone, normaliseStage, normaliseStatus } from "./kep-yaml/values.ts";
