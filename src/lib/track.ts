/**
 * The release-team tracking table's rows: one per KEP (for one cycle, or for every KEP), and
 * the rule that gives each row its tracking status. Pure: no DOM, no Astro, no React; only
 * type imports from the schema, so the island bundle never pulls in zod. The wire format is in
 * track-wire.ts, columns, search, the view in the URL and export in track-view.ts.
 */
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
import { toVersion } from "./versions.ts";
import type { Verdict } from "./vocabulary.ts";

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
