/**
 * The release-team tracking table: one row per KEP (for one cycle, or for every KEP),
 * the rule that gives each row its tracking status, the compact wire format the island
 * reads, the view (search, filters, sort, columns) as a query string, facet counts and
 * CSV/JSON export. Pure: no DOM, no Astro, no React; only type imports from the schema,
 * so the island bundle never pulls in zod.
 */
import { CHANGE_KIND_LABELS, STAGE_LABELS, STATUS_LABELS } from "./format.ts";
import type {
  ChangeKind,
  FreezeException,
  GithubTracking,
  Kep,
  Release,
  ReleaseEnhancement,
  SlippedEnhancement,
  Stage,
  Status,
  Version,
} from "./schema.ts";
import { shippedStages } from "./timeline.ts";
import { stageRank, toVersion } from "./versions.ts";
import { VERDICT_LABELS, VERDICTS, type Verdict } from "./vocabulary.ts";

/** Where a KEP stands in a cycle, from the release team's point of view. */
export const TRACKING_STATUSES = [
  "tracked",
  "at-risk",
  "exception-approved",
  "exception-pending",
  "exception-denied",
  "opted-in",
  "deferred",
  "removed",
  "not-tracked",
  "out-of-tree",
  "not-in-cycle",
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/** Tracking statuses in running text. */
export const TRACKING_LABELS: Record<TrackingStatus, string> = {
  tracked: "tracked",
  "at-risk": "at risk",
  "exception-approved": "exception approved",
  "exception-pending": "exception pending",
  "exception-denied": "exception denied",
  "opted-in": "opted in",
  deferred: "deferred",
  removed: "removed",
  "not-tracked": "not tracked",
  "out-of-tree": "out of tree",
  "not-in-cycle": "not in a cycle",
};

/** One row of the tracking table. */
export interface TrackRow {
  kep: number;
  title: string;
  /** Owning SIG slug ("sig-node"). */
  sig: string;
  /** Stage for the cycle on a release page; the KEP's current stage on the all-KEPs page. */
  stage: Stage | null;
  /** kep.yaml status today. */
  status: Status | null;
  /** Kind of change in the cycle, when the data gives one. */
  kind: ChangeKind | null;
  tracking: TrackingStatus;
  /** The fact behind the tracking status in a few words ("to 1.30", "code freeze"), if any. */
  note: string | null;
  /** The cycle the tracking status speaks for; null when the KEP is in no cycle. */
  release: Version | null;
  /** Release per stage: where the stage shipped, else the target kep.yaml names today (see `targets`). */
  alpha: Version | null;
  beta: Version | null;
  stable: Version | null;
  /** The stage columns that hold a target (not shipped yet, or never), not a result. */
  targets: PlannedStage[];
  /** Day of the newest kep.yaml version merged to master (YYYY-MM-DD). */
  updated: string | null;
  gates: string[];
  /** Tracking issue number in kubernetes/enhancements. */
  issue: number;
  /** Freeze readiness in the row's cycle (src/lib/readiness/); null when the cycle has none for the KEP. */
  readiness: Verdict | null;
}

/** The stages the table has a column for. */
export const PLANNED_STAGES = ["alpha", "beta", "stable"] as const;
export type PlannedStage = (typeof PLANNED_STAGES)[number];

/** Tracking status of one KEP in one release, with what the row shows beside it. */
export interface CycleTracking {
  tracking: TrackingStatus;
  note: string | null;
  stage: Stage | null;
  kind: ChangeKind | null;
}

/** A release's entries indexed by KEP number, so rows can be derived without scanning lists. */
export interface ReleaseIndex {
  version: Version;
  enhancements: Map<number, ReleaseEnhancement>;
  slipped: Map<number, SlippedEnhancement>;
  exceptions: Map<number, FreezeException[]>;
}

/** Indexes a release's enhancements, slipped entries and exception requests by KEP. */
export function indexRelease(
  release: Pick<Release, "version" | "enhancements" | "slipped" | "exceptions">,
): ReleaseIndex {
  const exceptions = new Map<number, FreezeException[]>();
  for (const request of release.exceptions) {
    if (request.kep === null) continue;
    exceptions.set(request.kep, [...(exceptions.get(request.kep) ?? []), request]);
  }
  return {
    version: release.version,
    enhancements: new Map(release.enhancements.map((e) => [e.kep, e])),
    slipped: new Map(release.slipped.map((s) => [s.kep, s])),
    exceptions,
  };
}

/** Reads a Projects board status ("At risk for Code Freeze", "Removed from Milestone") as a tracking status. */
export function readBoardStatus(text: string): TrackingStatus | null {
  const t = text.toLowerCase();
  if (t.includes("at risk")) return "at-risk";
  if (t.includes("exception")) {
    if (t.includes("approved")) return "exception-approved";
    if (t.includes("pending")) return "exception-pending";
    if (t.includes("denied") || t.includes("rejected")) return "exception-denied";
    return null;
  }
  if (t.includes("deferred")) return "deferred";
  if (t.includes("removed")) return "removed";
  if (t.includes("not tracked")) return "not-tracked";
  if (t.includes("tracked")) return "tracked";
  return null;
}

/** Reads a Projects board type ("Net New", "Major Change") as a kind of change. */
function readBoardKind(text: string | null | undefined): ChangeKind | null {
  const t = (text ?? "").toLowerCase().replace(/[^a-z]/g, "");
  if (t === "netnew") return "net-new";
  if (t === "majorchange") return "major-change";
  if (t === "graduating") return "graduating";
  if (t === "deprecation") return "deprecation";
  return null;
}

/** What a board status says beyond its tracking status: "At risk for Code Freeze" -> "for code freeze". */
function boardNote(text: string, status: TrackingStatus): string | null {
  const rest = text.toLowerCase().replace(TRACKING_LABELS[status], "").replace(/\s+/g, " ").trim();
  return rest || null;
}

const GITHUB_TO_TRACKING: Record<GithubTracking["status"], TrackingStatus> = {
  tracked: "tracked",
  removed: "removed",
  deferred: "deferred",
  "not-tracked": "not-tracked",
  "out-of-tree": "out-of-tree",
  "opted-in": "opted-in",
};

/** The request that decides an exception: approved over pending over denied; withdrawn and unreadable ones decide nothing. */
function decidingException(requests: readonly FreezeException[]): FreezeException | null {
  for (const status of ["approved", "pending", "denied"] as const) {
    const found = requests.find((r) => r.status === status);
    if (found) return found;
  }
  return null;
}

/**
 * Tracking status of a KEP in a release; null when nothing in the data puts the KEP in it.
 * First rule that applies wins (the page's "how tracking status is derived" note says the same):
 * 1. the release's Projects board status, when a GitHub sync read one;
 * 2. a freeze exception request in sig-release: approved, pending or denied;
 * 3. the tracking issue's timeline for the release (tracked, removed, deferred, opted in, ...);
 * 4. the release's enhancement list: tracked;
 * 5. the release's slipped list: deferred when it moved to a later release, else removed.
 */
export function deriveCycleTracking(
  kep: Pick<Kep, "number" | "timeline" | "github">,
  release: ReleaseIndex,
): CycleTracking | null {
  const enhancement = release.enhancements.get(kep.number);
  const slip = release.slipped.get(kep.number);
  const exception = decidingException(release.exceptions.get(kep.number) ?? []);
  const github = kep.github?.tracking.find((t) => t.release === release.version);
  if (!enhancement && !slip && !exception && !github) return null;

  const timelineStage = kep.timeline.findLast((t) => t.release === release.version)?.stage ?? null;
  const stage = enhancement?.stage ?? slip?.stage ?? github?.stage ?? timelineStage;
  const kind = enhancement?.kind ?? readBoardKind(github?.board?.type);
  const movedTo = slip?.movedTo ?? github?.movedTo;
  const moved = movedTo ? `to ${movedTo}` : null;
  const freeze = exception && exception.freeze !== "unknown" ? `${exception.freeze} freeze` : null;
  const result = (tracking: TrackingStatus, ...notes: (string | null | undefined)[]): CycleTracking => {
    const note = notes.filter(Boolean).join("; ");
    return { tracking, note: note || null, stage, kind };
  };

  const boardText = github?.board?.status ?? null;
  const board = boardText ? readBoardStatus(boardText) : null;
  if (board) return result(board, board === "deferred" ? moved : boardNote(boardText ?? "", board));
  if (exception) return result(`exception-${exception.status}` as TrackingStatus, freeze, slip ? moved : null);
  if (github) {
    if (github.exception) return result("exception-approved");
    return result(GITHUB_TO_TRACKING[github.status], github.status === "deferred" ? moved : null);
  }
  if (enhancement) return result("tracked");
  if (slip)
    return slip.movedTo ? result("deferred", moved) : result("removed", slip.changedOn ? "target cleared" : null);
  return null;
}

/** The facts of a KEP every row carries, whatever the cycle. */
function baseRow(kep: Kep): Omit<TrackRow, "stage" | "kind" | "tracking" | "note" | "release" | "readiness"> {
  const last = kep.history.at(-1);
  const shipped = shippedStages(kep.timeline);
  const target = (stage: PlannedStage) => kep.milestones[stage];
  return {
    kep: kep.number,
    title: kep.title,
    sig: kep.owningSig,
    status: kep.status,
    ...stageColumns(shipped, target),
    targets: PLANNED_STAGES.filter((stage) => !shipped[stage] && target(stage)),
    updated: last ? last.date.slice(0, 10) : kep.lastUpdated,
    gates: kep.featureGates.map((g) => g.name),
    issue: kep.github?.issue ?? kep.number,
  };
}

/** Each stage column's release: where the stage shipped, else the kep.yaml target. */
function stageColumns(
  shipped: Partial<Record<Stage, Version>>,
  target: (stage: PlannedStage) => string | null | undefined,
): Pick<TrackRow, PlannedStage> {
  const column = (stage: PlannedStage) => {
    const milestone = target(stage);
    return shipped[stage] ?? (milestone ? toVersion(milestone) : null);
  };
  return { alpha: column("alpha"), beta: column("beta"), stable: column("stable") };
}

/** Rows for one release: every KEP in the data that its enhancements, slipped list, exceptions or GitHub tracking name. */
export function deriveReleaseRows(
  keps: readonly Kep[],
  release: Pick<Release, "version" | "enhancements" | "slipped" | "exceptions">,
  verdicts: ReadonlyMap<number, Verdict> = new Map(),
): TrackRow[] {
  const index = indexRelease(release);
  const rows: TrackRow[] = [];
  for (const kep of keps) {
    const cycle = deriveCycleTracking(kep, index);
    if (!cycle) continue;
    rows.push({ ...baseRow(kep), ...cycle, release: release.version, readiness: verdicts.get(kep.number) ?? null });
  }
  return rows.sort((a, b) => a.kep - b.kep);
}

/**
 * Rows for every KEP: tracking status in the newest release (of the given ones, oldest
 * first) that names the KEP, or "not in a cycle". Stage is the KEP's current stage.
 */
export function deriveAllRows(
  keps: readonly Kep[],
  releases: readonly Pick<Release, "version" | "enhancements" | "slipped" | "exceptions">[],
  verdicts: ReadonlyMap<Version, ReadonlyMap<number, Verdict>> = new Map(),
): TrackRow[] {
  const newestFirst = releases.map(indexRelease).reverse();
  return keps
    .map((kep): TrackRow => {
      for (const index of newestFirst) {
        const cycle = deriveCycleTracking(kep, index);
        const readiness = verdicts.get(index.version)?.get(kep.number) ?? null;
        if (cycle) return { ...baseRow(kep), ...cycle, stage: kep.stage, release: index.version, readiness };
      }
      return {
        ...baseRow(kep),
        stage: kep.stage,
        kind: null,
        tracking: "not-in-cycle",
        note: null,
        release: null,
        readiness: null,
      };
    })
    .sort((a, b) => a.kep - b.kep);
}

/** Exception requests of a release that name an issue which is not a KEP in the data (they get no row). */
export function countUnmatchedExceptions(
  release: Pick<Release, "exceptions">,
  kepNumbers: ReadonlySet<number> | ReadonlyMap<number, unknown>,
): number {
  return release.exceptions.filter((e) => e.kep !== null && !kepNumbers.has(e.kep)).length;
}

/** Rows per tracking status, in the table's status order; statuses without rows are left out. */
export function countByTracking(rows: readonly Pick<TrackRow, "tracking">[]): [TrackingStatus, number][] {
  const counts = new Map<TrackingStatus, number>();
  for (const row of rows) counts.set(row.tracking, (counts.get(row.tracking) ?? 0) + 1);
  return TRACKING_STATUSES.filter((s) => counts.has(s)).map((s) => [s, counts.get(s) ?? 0]);
}

// ---------------------------------------------------------------------------------------
// Wire format: what the page ships to the island, once.

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

// ---------------------------------------------------------------------------------------
// Columns and facets.

/** Columns in display order, with header labels. */
export const COLUMNS = [
  { id: "kep", label: "KEP" },
  { id: "title", label: "Title" },
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

/**
 * Default columns: all but the KEP status; a release page leaves out its one release too, and
 * shows readiness only when its cycle has readiness results.
 */
export function defaultColumns(scope: Version | null, readiness = false): ColumnId[] {
  return COLUMN_IDS.filter(
    (id) => id !== "status" && !(scope && id === "release") && (id !== "readiness" || (scope !== null && readiness)),
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
export const UNSORTABLE: readonly ColumnId[] = ["links"];

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

/** What cells need besides the row: SIG names and where the site lives. */
export interface CellContext {
  sigs: Record<string, string>;
  /** Site base path, ending in "/". */
  base: string;
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
