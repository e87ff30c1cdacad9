/**
 * The tracking table's view: columns and facets, search, facet counts, the view (search,
 * filters, sort, columns) as a query string, cell text and CSV/JSON export. Pure and zod-free:
 * the island bundles it.
 */
import { CHANGE_KIND_LABELS, STAGE_LABELS, STATUS_LABELS } from "./format.ts";
import type { Stage, Status, Version } from "./schema.ts";
import { TRACKING_LABELS, TRACKING_STATUSES, type TrackingStatus, type TrackRow } from "./track.ts";
import { stageRank } from "./versions.ts";
import { VERDICT_LABELS, VERDICTS, type Verdict } from "./vocabulary.ts";

/** Columns in display order, with header labels. */
export const COLUMNS = [
  { id: "kep", label: "KEP" },
  { id: "title", label: "Title" },
  { id: "summary", label: "Summary" },
  { id: "sig", label: "SIG" },
  { id: "stage", label: "Stage" },
  { id: "status", label: "Status" },
  { id: "kind", label: "Change" },
  { id: "tracking", label: "Tracking" },
  { id: "readiness", label: "Readiness" },
  { id: "release", label: "Release" },
  { id: "alpha", label: "Alpha in" },
  { id: "beta", label: "Beta in" },
  { id: "stable", label: "Stable in" },
  { id: "updated", label: "Last change" },
  { id: "gates", label: "Feature gates" },
  { id: "links", label: "Links" },
] as const;
export type ColumnId = (typeof COLUMNS)[number]["id"];
export const COLUMN_IDS: readonly ColumnId[] = COLUMNS.map((c) => c.id);
export const COLUMN_LABELS = Object.fromEntries(COLUMNS.map((c) => [c.id, c.label])) as Record<ColumnId, string>;

/** Columns a view may not hide: without them a row cannot be told apart. */
export const FIXED_COLUMNS: readonly ColumnId[] = ["kep"];

/** Columns the page does not ship: the island fetches their text when the reader shows them. */
export const FETCHED_COLUMNS: readonly ColumnId[] = ["summary"];

/**
 * Default columns: all but the KEP status and the fetched summary; a release page leaves out its
 * one release too, and shows readiness only when its cycle has readiness results.
 */
export function defaultColumns(scope: Version | null, readiness = false): ColumnId[] {
  return COLUMN_IDS.filter(
    (id) =>
      id !== "status" &&
      !FETCHED_COLUMNS.includes(id) &&
      !(scope && id === "release") &&
      (id !== "readiness" || (scope !== null && readiness)),
  );
}

/** Columns the table can be filtered by, each a column of the same name. */
export const FACETS = ["sig", "stage", "status", "release", "tracking", "readiness"] as const;
export type FacetId = (typeof FACETS)[number];

/** Facet value standing for an empty cell. */
export const NONE = "none";

/** A row's value for a facet, as the URL and the facet list name it. */
export function facetValue(row: TrackRow, facet: FacetId): string {
  if (facet === "tracking") return row.tracking;
  return row[facet] ?? NONE;
}

/** Orders facet values: SIGs by name, stages by life order, releases newest first, the rest by their list order. */
export function sortFacetValues(facet: FacetId, values: Iterable<string>, sigs: Record<string, string>): string[] {
  const rank = (v: string): number | string => {
    if (v === NONE) return Number.POSITIVE_INFINITY;
    if (facet === "stage") return stageRank(v as Stage);
    if (facet === "status") return Object.keys(STATUS_LABELS).indexOf(v);
    if (facet === "tracking") return TRACKING_STATUSES.indexOf(v as TrackingStatus);
    if (facet === "readiness") return VERDICTS.indexOf(v as Verdict);
    if (facet === "release") return -versionKey(v);
    return (sigs[v] ?? v).toLowerCase();
  };
  return [...values].sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Label of a facet value. */
export function facetLabel(facet: FacetId, value: string, sigs: Record<string, string>): string {
  if (facet === "tracking") return TRACKING_LABELS[value as TrackingStatus] ?? value;
  if (value === NONE) return facet === "release" ? "not in a cycle" : facet === "readiness" ? "not checked" : "none";
  if (facet === "readiness") return VERDICT_LABELS[value as Verdict] ?? value;
  if (facet === "sig") return sigs[value] ?? value;
  if (facet === "stage") return STAGE_LABELS[value as Stage] ?? value;
  if (facet === "status") return STATUS_LABELS[value as Status] ?? value;
  return value;
}

/** "1.29" -> 1029, a number that sorts releases; 0 for text that is no version. */
export function versionKey(version: string): number {
  const m = /^(\d+)\.(\d+)$/.exec(version);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : 0;
}

// ---------------------------------------------------------------------------------------
// Search.

/** Lower-case text a row is searched by: number, title, SIG, stage, status, change, tracking, release, gates. */
export function searchText(row: TrackRow, sigs: Record<string, string>): string {
  return [
    `kep-${row.kep}`,
    row.title,
    row.sig,
    sigs[row.sig] ?? "",
    row.stage ?? "",
    row.status ?? "",
    row.kind ? CHANGE_KIND_LABELS[row.kind] : "",
    TRACKING_LABELS[row.tracking],
    row.readiness ? VERDICT_LABELS[row.readiness] : "",
    row.note ?? "",
    row.release ?? "",
    ...row.gates,
  ]
    .join(" | ")
    .toLowerCase();
}

/** The rows' search texts with each KEP's summary added (rows and texts in the same order). */
export function addSummaries(
  texts: readonly string[],
  rows: readonly Pick<TrackRow, "kep">[],
  summaries: ReadonlyMap<number, string>,
): string[] {
  return texts.map((text, i) => {
    const summary = summaries.get(rows[i]!.kep);
    return summary ? `${text} | ${summary.toLowerCase()}` : text;
  });
}

/** Words of a search; a row matches when its text contains every one. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** 1 for each text that contains every term, else 0. */
export function matchSearch(texts: readonly string[], query: string): Uint8Array {
  const terms = searchTerms(query);
  const out = new Uint8Array(texts.length);
  outer: for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    for (const term of terms) if (!text.includes(term)) continue outer;
    out[i] = 1;
  }
  return out;
}

/** Selected values per facet; a facet without values does not filter. */
export type FacetFilters = Partial<Record<FacetId, string[]>>;

/**
 * Counts per facet value over the rows that match the search and every *other* facet's
 * selection, so each count says how many rows choosing that value (too) would show.
 */
export function countFacets(
  rows: readonly TrackRow[],
  matches: Uint8Array,
  filters: FacetFilters,
): Record<FacetId, Map<string, number>> {
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<
    FacetId,
    Map<string, number>
  >;
  const active = FACETS.filter((f) => filters[f]?.length).map((f) => [f, new Set(filters[f])] as const);
  const values: string[] = new Array(FACETS.length);
  for (let i = 0; i < rows.length; i++) {
    if (!matches[i]) continue;
    const row = rows[i]!;
    let failed: FacetId | null = null;
    let failures = 0;
    for (const [facet, selected] of active) {
      if (!selected.has(facetValue(row, facet))) {
        failed = facet;
        if (++failures > 1) break;
      }
    }
    if (failures > 1) continue;
    for (let f = 0; f < FACETS.length; f++) values[f] = facetValue(row, FACETS[f]!);
    for (let f = 0; f < FACETS.length; f++) {
      const facet = FACETS[f]!;
      if (failed && failed !== facet) continue;
      const map = counts[facet];
      const value = values[f]!;
      map.set(value, (map.get(value) ?? 0) + 1);
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------
// The view in the URL.

/** One sort key. */
export interface SortKey {
  id: ColumnId;
  desc: boolean;
}

/** Everything a link reproduces: search, filters, sort and visible columns. */
export interface TrackView {
  q: string;
  filters: FacetFilters;
  sort: SortKey[];
  /** Visible columns in display order. */
  columns: ColumnId[];
}

/** Columns that cannot be sorted by. */
export const UNSORTABLE: readonly ColumnId[] = ["summary", "links"];

/** The view a bare URL shows. */
export function defaultView(columns: readonly ColumnId[]): TrackView {
  return { q: "", filters: {}, sort: [], columns: [...columns] };
}

const enc = (text: string) => encodeURIComponent(text).replace(/%20/g, "+");

/**
 * The view as a query string (without "?"), leaving out what equals the default:
 * `q=sidecar&sig=sig-node,sig-apps&tracking=deferred&sort=tracking,-kep&cols=kep,title`.
 */
export function encodeView(view: TrackView, defaults: readonly ColumnId[]): string {
  const parts: string[] = [];
  if (view.q) parts.push(`q=${enc(view.q)}`);
  for (const facet of FACETS) {
    const values = view.filters[facet];
    if (values?.length) parts.push(`${facet}=${values.map(enc).join(",")}`);
  }
  if (view.sort.length) parts.push(`sort=${view.sort.map((s) => `${s.desc ? "-" : ""}${s.id}`).join(",")}`);
  const columns = COLUMN_IDS.filter((id) => view.columns.includes(id));
  if (columns.join() !== COLUMN_IDS.filter((id) => defaults.includes(id)).join()) {
    parts.push(`cols=${columns.join(",")}`);
  }
  return parts.join("&");
}

const isColumn = (id: string): id is ColumnId => (COLUMN_IDS as readonly string[]).includes(id);
const list = (value: string | null) => (value ?? "").split(",").filter(Boolean);

/** Reads a view from a query string; unknown columns and repeated keys are dropped, facet values kept as given. */
export function decodeView(search: string, defaults: readonly ColumnId[]): TrackView {
  const params = new URLSearchParams(search);
  const filters: FacetFilters = {};
  for (const facet of FACETS) {
    const values = [...new Set(list(params.get(facet)))];
    if (values.length) filters[facet] = values;
  }
  const sort: SortKey[] = [];
  for (const token of list(params.get("sort"))) {
    const id = token.replace(/^-/, "");
    if (isColumn(id) && !UNSORTABLE.includes(id) && !sort.some((s) => s.id === id)) {
      sort.push({ id, desc: token.startsWith("-") });
    }
  }
  const named = params.has("cols") ? list(params.get("cols")).filter(isColumn) : [...defaults];
  const columns = COLUMN_IDS.filter((id) => named.includes(id) || FIXED_COLUMNS.includes(id));
  return { q: params.get("q") ?? "", filters, sort, columns };
}

// ---------------------------------------------------------------------------------------
// Cell text and export.

/**
 * The Summary column's text, fetched when the column is first shown: on its way, failed (with
 * the reason), absent (the build had no enhancements source) or loaded.
 */
export type SummaryState =
  | { state: "loading" }
  | { state: "failed"; reason: string }
  | { state: "absent" }
  | { state: "loaded"; byKep: ReadonlyMap<number, string> };

/** What the Summary column says in place of a summary, per state (and for a KEP whose README has none). */
export const SUMMARY_TEXTS = {
  loading: "Loading…",
  failed: "Summaries could not be loaded",
  absent: "No summaries in this build",
  none: "No summary in its README",
} as const;

/** What cells need besides the row: SIG names, where the site lives, and the summaries once fetched. */
export interface CellContext {
  sigs: Record<string, string>;
  /** Site base path, ending in "/". */
  base: string;
  /** Absent until the Summary column is first shown. */
  summaries?: SummaryState | undefined;
}

/** A row's summary, once the summaries are loaded; null before, and for a KEP whose README has none. */
export function summaryOf(kep: number, ctx: CellContext): string | null {
  return ctx.summaries?.state === "loaded" ? (ctx.summaries.byKep.get(kep) ?? null) : null;
}

/** Link to a KEP's page on this site. */
export function kepPagePath(kep: number, base: string): string {
  return `${base}keps/${kep}/`;
}

/** Link to a tracking issue. */
export function issueUrl(issue: number): string {
  return `https://github.com/kubernetes/enhancements/issues/${issue}`;
}

/** The tracking cell's text: status, then its note in brackets. */
export function trackingText(row: Pick<TrackRow, "tracking" | "note">): string {
  return row.note ? `${TRACKING_LABELS[row.tracking]} (${row.note})` : TRACKING_LABELS[row.tracking];
}

/** A cell as text, the same text the table shows (links give their addresses, absolute against `origin`). */
export function cellText(row: TrackRow, column: ColumnId, ctx: CellContext, origin = ""): string {
  switch (column) {
    case "kep":
      return String(row.kep);
    case "title":
      return row.title;
    case "summary":
      return summaryOf(row.kep, ctx) ?? "";
    case "sig":
      return ctx.sigs[row.sig] ?? row.sig;
    case "stage":
      return row.stage ? STAGE_LABELS[row.stage] : "";
    case "status":
      return row.status ? STATUS_LABELS[row.status] : "";
    case "kind":
      return row.kind ? CHANGE_KIND_LABELS[row.kind] : "";
    case "tracking":
      return trackingText(row);
    case "readiness":
      return row.readiness ? VERDICT_LABELS[row.readiness] : "";
    case "alpha":
    case "beta":
    case "stable":
      return row[column] ? `${row[column]}${row.targets.includes(column) ? " (target)" : ""}` : "";
    case "gates":
      return row.gates.join(", ");
    case "links":
      return `${origin}${kepPagePath(row.kep, ctx.base)} ${issueUrl(row.issue)}`;
    default:
      return row[column] ?? "";
  }
}

/** One CSV field: formula-looking text gets a leading quote, then RFC 4180 quoting. */
export function csvField(text: string): string {
  // Spreadsheets run cells starting with = + - @ (or tab/CR) as formulas: https://owasp.org/www-community/attacks/CSV_Injection
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows and columns of a view as CSV (RFC 4180: CRLF line ends, a header line). */
export function toCsv(rows: readonly TrackRow[], columns: readonly ColumnId[], ctx: CellContext, origin = ""): string {
  const lines = [columns.map((c) => csvField(COLUMN_LABELS[c]))];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellText(row, c, ctx, origin))));
  return `${lines.map((l) => l.join(",")).join("\r\n")}\r\n`;
}

/** A cell as a JSON value: numbers stay numbers, gates a list, links an object, empty cells null. */
export function cellValue(row: TrackRow, column: ColumnId, ctx: CellContext, origin = ""): unknown {
  if (column === "kep") return row.kep;
  if (column === "gates") return row.gates;
  if (column === "links") return { page: `${origin}${kepPagePath(row.kep, ctx.base)}`, issue: issueUrl(row.issue) };
  return cellText(row, column, ctx, origin) || null;
}

/** The rows and columns of a view as a JSON document, with the view that produced it. */
export function toJson(
  rows: readonly TrackRow[],
  view: TrackView,
  meta: { scope: Version | null; url: string; ctx: CellContext; origin?: string },
): string {
  const origin = meta.origin ?? "";
  const document = {
    scope: meta.scope ?? "all",
    url: meta.url,
    search: view.q,
    filters: view.filters,
    sort: view.sort,
    columns: view.columns.map((id) => ({ id, label: COLUMN_LABELS[id] })),
    count: rows.length,
    rows: rows.map((row) => Object.fromEntries(view.columns.map((c) => [c, cellValue(row, c, meta.ctx, origin)]))),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
