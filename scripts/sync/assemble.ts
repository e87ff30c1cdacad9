/**
 * The one place that turns parsed sources into snapshot records, for both syncs (local git
 * history and GitHub): which file is which KEP (one tie-break), KEP and release records,
 * production-readiness attachment, and naming the KEP each warning concerns. Pure.
 */
import { type buildCalendar, isReleased, phaseDay } from "../../src/lib/calendar.ts";
import type { KepRecord } from "../../src/lib/kep-yaml.ts";
import { compareText } from "../../src/lib/order.ts";
import { deriveReleaseSet } from "../../src/lib/release-set.ts";
import type { CuratedReleases, Kep, KepVersion, PrrApproval, Release, Status, Warning } from "../../src/lib/schema.ts";
import { deriveStageTimeline } from "../../src/lib/timeline.ts";
import type { ReleaseSource } from "./sig-release.ts";

/** A file that claims a KEP number, as either sync sees it. */
export interface KepCandidate {
  path: string;
  status: Status | null;
  /** When the file last changed (the local sync knows; a tarball does not). */
  date?: string;
}

/**
 * Of several live files claiming one KEP number, the one that is the KEP, by one tie-break for
 * both syncs: a KEP not marked replaced first, then the file the previous snapshot followed,
 * then the one changed most recently, then path order.
 */
export function pickCandidate<T extends KepCandidate>(candidates: readonly T[], previousPath?: string): T[] {
  return [...candidates].sort(
    (a, b) =>
      Number(a.status === "replaced") - Number(b.status === "replaced") ||
      Number(b.path === previousPath) - Number(a.path === previousPath) ||
      compareText(b.date ?? "", a.date ?? "") ||
      compareText(a.path, b.path),
  );
}

/** The warning for a live file that lost its KEP number to another. */
export function duplicateWarning(file: string, number: number): Warning {
  return {
    kind: "kep-number-duplicate",
    file,
    field: "kep-number",
    value: String(number),
    action: "ignored",
    kep: number,
  };
}

/**
 * The KEP number of a file: its folder's, else its kep-number; a warning when neither gives one
 * (the file is skipped) or when the two disagree (the folder's wins).
 */
export function settleKepNumber(
  file: string,
  dirNumber: number | null,
  recordNumber: number | null,
): { number: number | null; warning: Warning | null } {
  const number = dirNumber ?? recordNumber;
  if (number === null || number === 0) {
    const warning: Warning = {
      kind: "kep-without-number",
      file,
      field: "kep-number",
      value: String(recordNumber ?? ""),
      action: "skipped-file",
    };
    return { number: null, warning };
  }
  if (recordNumber !== null && recordNumber !== number) {
    const warning: Warning = {
      kind: "kep-number-mismatch",
      file,
      field: "kep-number",
      value: String(recordNumber),
      action: "kept-raw",
      kep: number,
    };
    return { number, warning };
  }
  return { number, warning: null };
}

/** A warning for each production-readiness file whose KEP has no kep.yaml. */
export function prrWithoutKep(prrNumbers: Iterable<number>, keps: readonly Pick<Kep, "number">[]): Warning[] {
  const known = new Set(keps.map((kep) => kep.number));
  return [...prrNumbers]
    .filter((number) => !known.has(number))
    .map((number) => ({
      kind: "prr-without-kep",
      file: `keps/prod-readiness/*/${number}.yaml`,
      field: "kep-number",
      value: String(number),
      action: "ignored",
      kep: number,
    }));
}

/** Names the KEP each warning concerns, from the paths its metadata has had. */
export function attachKeps(warnings: readonly Warning[], keps: readonly Kep[]): Warning[] {
  const byPath = new Map<string, number>();
  for (const kep of keps) for (const version of kep.history) byPath.set(version.path, kep.number);
  return warnings.map((warning) => {
    if (warning.kep !== undefined) return warning;
    const prr = /^keps\/prod-readiness\/(?:[^/]+\/)?0*(\d+)\.yaml$/.exec(warning.file);
    const kep = byPath.get(warning.file) ?? (prr ? Number(prr[1]) : undefined);
    return kep === undefined ? warning : { ...warning, kep };
  });
}

/** Warnings in the snapshot's order: by file, field, kind, value. */
export function sortWarnings(warnings: Warning[]): Warning[] {
  return warnings.sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      compareText(a.field, b.field) ||
      compareText(a.kind, b.kind) ||
      compareText(a.value, b.value),
  );
}

/** A snapshot KEP from its newest kep.yaml record and its history. */
export function kepFromRecord(
  record: KepRecord,
  where: {
    number: number;
    path: string;
    deleted: boolean;
    history: KepVersion[];
    prr: ReadonlyMap<number, PrrApproval[]>;
    calendar: ReturnType<typeof buildCalendar>;
  },
): Kep {
  const { number, history } = where;
  return {
    number,
    title: record.title,
    path: where.path,
    owningSig: record.owningSig,
    participatingSigs: record.participatingSigs,
    status: record.status,
    stage: record.stage,
    latestMilestone: record.latestMilestone,
    milestones: record.milestones,
    featureGates: record.featureGates,
    authors: record.authors,
    reviewers: record.reviewers,
    approvers: record.approvers,
    prrApprovals: [...(where.prr.get(number) ?? [])].sort((a, b) => compareText(a.stage, b.stage)),
    related: record.related.filter((r) => r.kep !== number),
    creationDate: record.creationDate,
    lastUpdated: record.lastUpdated,
    deleted: where.deleted,
    history,
    timeline: deriveStageTimeline(history, where.calendar, { stage: record.stage, status: record.status }),
  };
}

/** One release from its sig-release folder and the KEPs. */
export function toRelease(
  source: ReleaseSource,
  keps: readonly Kep[],
  calendar: ReturnType<typeof buildCalendar>,
  curated: CuratedReleases,
): Release {
  // The README's theme wins; a curated theme only fills a gap.
  const curatedTheme = curated[source.version]?.theme ?? null;
  const theme = source.theme ?? curatedTheme;
  const set = deriveReleaseSet(source.version, keps, calendar, source.exceptions);
  const cycleStart = phaseDay(source, "cycle-start");
  const state = isReleased(calendar, source.version)
    ? "released"
    : cycleStart && cycleStart <= calendar.asOf
      ? "in-progress"
      : "planned";
  return {
    version: source.version,
    theme,
    themeSource: source.theme ? "readme" : curatedTheme ? "curated" : null,
    logo: source.logo,
    state,
    releaseDate: phaseDay(source, "release"),
    schedule: source.schedule,
    team: source.team,
    exceptions: source.exceptions,
    enhancements: set.enhancements,
    slipped: set.slipped,
    stale: set.stale,
  };
}
