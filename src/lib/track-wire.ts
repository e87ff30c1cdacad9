/** The tracking table's wire format: what a page ships to the island, once, as compact JSON. */
import type { ChangeKind, Stage, Status, Version } from "./schema.ts";
import { PLANNED_STAGES, type TrackingStatus, type TrackRow } from "./track.ts";
import type { ColumnId } from "./track-view.ts";
import type { Verdict } from "./vocabulary.ts";

/**
 * One row on the wire, in this order: kep, sig, stage, status, kind, tracking, note, release,
 * alpha, beta, stable, updated, issue (null when it equals the KEP number), readiness, targets
 * (the stage columns holding a target, as bits: 1 alpha, 2 beta, 4 stable); the last three are
 * left off when empty. Title and feature
 * gates are not on the wire: the static table already carries them as text, so the island
 * reads them from there and nothing is shipped twice.
 */
export type WireRow = [
  number,
  string,
  Stage | null,
  Status | null,
  ChangeKind | null,
  TrackingStatus,
  string | null,
  Version | null,
  Version | null,
  Version | null,
  Version | null,
  string | null,
  (number | null)?,
  (Verdict | null)?,
  number?,
];

/** What the island reads from the page's JSON: the rows' codes plus the little it needs to show them. */
export interface TrackPayload {
  /** The release the page is about; null on the all-KEPs page. */
  scope: Version | null;
  /** Site base path, ending in "/". */
  base: string;
  /** Columns shown when the URL names none. */
  columns: ColumnId[];
  /** SIG slug to display name, for the SIGs in the rows. */
  sigs: Record<string, string>;
  rows: WireRow[];
}

/** Row to its wire form (title and gates left out). */
export function encodeRow(r: TrackRow): WireRow {
  const row: WireRow = [
    r.kep,
    r.sig,
    r.stage,
    r.status,
    r.kind,
    r.tracking,
    r.note,
    r.release,
    r.alpha,
    r.beta,
    r.stable,
    r.updated,
    r.issue === r.kep ? null : r.issue,
    r.readiness,
    PLANNED_STAGES.reduce((bits, stage, i) => (r.targets.includes(stage) ? bits | (1 << i) : bits), 0),
  ];
  // The last three fields are mostly empty: leave trailing empty ones off (bytes on /track/all/).
  while (row.length > 12 && (row.at(-1) === null || row.at(-1) === 0)) row.pop();
  return row;
}

/** Wire form back to a row, with the title and gates read from the static table. */
export function decodeRow(w: WireRow, title: string, gates: string[]): TrackRow {
  const [kep, sig, stage, status, kind, tracking, note, release, alpha, beta, stable, updated, issue, readiness, bits] =
    w;
  return {
    kep,
    title,
    sig,
    stage,
    status,
    kind,
    tracking,
    note,
    release,
    alpha,
    beta,
    stable,
    updated,
    gates,
    issue: issue ?? kep,
    readiness: readiness ?? null,
    targets: PLANNED_STAGES.filter((_, i) => ((bits ?? 0) & (1 << i)) !== 0),
  };
}

/** JSON for a `<script type="application/json">`: `<` escaped so no text can close the element. */
export function serializePayload(payload: TrackPayload): string {
  return JSON.stringify(payload).replace(/</g, "\\u003c");
}

/**
 * /track/summaries.json: each KEP's one-line summary (the opening paragraph of its README's
 * Summary), read at build time and fetched by the island only when its Summary column is shown
 * (inlined, they would double the weight of /track/all/).
 */
export interface TrackSummaries {
  /** The snapshot's date. */
  asOf: string;
  /** The kubernetes/enhancements commit the READMEs were read at; null when the build had no source. */
  commit: string | null;
  /** KEPs with a summary. */
  count: number;
  /** KEP number to summary, in number order. */
  summaries: Record<string, string>;
}

/** Builds the summaries file from the build's proposals (an empty map: no enhancements source). */
export function buildSummaries(
  asOf: string,
  proposals: ReadonlyMap<number, { summary: string | null; commit: string }>,
): TrackSummaries {
  const entries = [...proposals]
    .filter((entry): entry is [number, { summary: string; commit: string }] => Boolean(entry[1].summary))
    .sort((a, b) => a[0] - b[0]);
  return {
    asOf,
    commit: proposals.values().next().value?.commit ?? null,
    count: entries.length,
    summaries: Object.fromEntries(entries.map(([kep, p]) => [String(kep), p.summary])),
  };
}

/** Reads a fetched summaries file: KEP number to summary, or null when the build had no source; throws on any other shape. */
export function readSummaries(json: unknown): Map<number, string> | null {
  const file = json as Partial<TrackSummaries> | null;
  const summaries = file?.summaries;
  if (typeof summaries !== "object" || summaries === null || file?.commit === undefined) {
    throw new Error("the summaries file is not in a known format");
  }
  if (file.commit === null) return null;
  const byKep = new Map<number, string>();
  for (const [kep, text] of Object.entries(summaries)) {
    if (typeof text === "string" && /^\d+$/.test(kep)) byKep.set(Number(kep), text);
  }
  return byKep;
}
