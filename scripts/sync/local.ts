/**
 * Builds a snapshot from local sources: a kubernetes/enhancements clone (or bundle) and
 * a folder laid out like kubernetes/sig-release. Normalise, derive, collect warnings;
 * nothing here writes to disk.
 */

import { buildCalendar, isReleased, phaseDay } from "../../src/lib/calendar.ts";
import { classifyKepPath, type KepRecord, parseKepYaml, parsePrrYaml } from "../../src/lib/kep-yaml.ts";
import { compareText } from "../../src/lib/order.ts";
import { deriveReleaseSet } from "../../src/lib/release-set.ts";
import type { CuratedReleases, Kep, KepVersion, PrrApproval, Release, Sources, Warning } from "../../src/lib/schema.ts";
import { knownSigsFromPaths, settleSigNames } from "../../src/lib/sig-names.ts";
import { deriveStageTimeline } from "../../src/lib/timeline.ts";
import { type GitRepo, type Lineage, openEnhancementsRepo, readBlobs, readHistory } from "./git-history.ts";
import { type ReleaseSource, readSigRelease } from "./sig-release.ts";
import type { Snapshot } from "./snapshot.ts";

/** Where the local sources are. */
export interface LocalSources {
  /** A kubernetes/enhancements git clone or git bundle. */
  enhancements: string;
  /** A folder laid out like kubernetes/sig-release. */
  sigRelease: string;
  /** Oldest release to include. */
  fromRelease?: string;
  /** Hand-kept facts the sources lack (content/curated/releases.json). */
  curated?: CuratedReleases;
  /** The enhancements repository when the caller already started opening it. */
  repo?: Promise<GitRepo>;
}

/** Called at each step with a short description, for progress output. */
export type ProgressFn = (step: string) => void;

/** A KEP's versions as parsed, before identity is settled. */
interface ParsedLineage {
  lineage: Lineage;
  dirNumber: number | null;
  versions: { version: KepVersion; record: KepRecord }[];
}

/** Reads both sources and derives the full snapshot in memory. */
export async function buildLocalSnapshot(sources: LocalSources, progress: ProgressFn = () => {}): Promise<Snapshot> {
  const warnings = new WarningLog();
  progress(`reading kep.yaml history from ${sources.enhancements}`);
  // git clones a bundle in the background while the sig-release folder is read.
  const opening = sources.repo ?? openEnhancementsRepo(sources.enhancements);
  opening.catch(() => {});
  const sig = readSigRelease(sources.sigRelease, { from: sources.fromRelease ?? "1.19" });
  warnings.addAll(sig.warnings, true);
  const repo = await opening;
  let history: ReturnType<typeof readHistory>;
  let blobs: Map<string, string>;
  try {
    history = readHistory(repo);
    blobs = readBlobs(
      repo,
      history.lineages.flatMap((l) => l.versions.map((v) => v.blob)),
    );
  } finally {
    repo.close();
  }
  const versionCount = history.lineages.reduce((n, l) => n + l.versions.length, 0);
  progress(
    `read ${versionCount} file versions in ${history.lineages.length} files and ${sig.releases.length} releases`,
  );

  const asOf = history.head.date.slice(0, 10);
  const calendar = buildCalendar(sig.releases, asOf);

  progress("parsing kep.yaml versions");
  const parsed: ParsedLineage[] = [];
  const prr = new Map<number, PrrApproval[]>();
  for (const lineage of history.lineages) {
    const kind = classifyKepPath(lineage.path);
    if (kind.kind === "prr") {
      if (!lineage.deleted) readPrr(lineage, blobs, prr, warnings);
      continue;
    }
    if (kind.kind !== "kep") continue;
    parsed.push(parseLineage(lineage, kind.dirNumber, blobs, warnings));
  }

  progress("settling KEP identities and deriving timelines");
  const groups = settleIdentities(parsed, warnings);
  const sigs = settleSigNames(
    groups.map((group) => toKep(group, prr, calendar)),
    knownSigsFromPaths(history.lineages.map((l) => l.path)),
  );
  const keps = sigs.keps;
  warnings.addAll(sigs.warnings, true);
  // Kept as history-only warnings, so each names the commit that deleted the file.
  warnings.addAll(deletedKeps(groups), false);
  warnings.addAll(prrWithoutKep(prr.keys(), keps), true);

  progress("deriving release enhancement lists");
  const releases = sig.releases.map((source) => toRelease(source, keps, calendar, sources.curated ?? {}));
  const snapshotSources: Sources = {
    enhancements: { commit: history.head.commit, date: history.head.date, versions: versionCount },
    sigRelease: { commit: null },
    asOf,
  };
  return { sources: snapshotSources, keps, releases, warnings: attachKeps(warnings.sorted(), keps) };
}

/** A warning for each production-readiness file whose KEP has no kep.yaml (the GitHub sync reports them the same way). */
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

/** A warning for each KEP whose kep.yaml was deleted upstream, naming the commit that deleted it. */
function deletedKeps(groups: ParsedLineage[][]): Warning[] {
  const out: Warning[] = [];
  for (const group of groups) {
    if (group.some((g) => !g.lineage.deleted)) continue;
    const last = group.reduce((a, b) => (compareText(lastDate(a), lastDate(b)) >= 0 ? a : b));
    const number = last.dirNumber ?? last.versions.at(-1)?.record.kepNumber;
    if (number === null || number === undefined) continue;
    const warning: Warning = {
      kind: "kep-deleted",
      file: last.lineage.path,
      field: "",
      value: last.lineage.deletedIn ? `deleted on ${last.lineage.deletedIn.date.slice(0, 10)}` : "deleted",
      action: "ignored",
      kep: number,
    };
    if (last.lineage.deletedIn) warning.commit = last.lineage.deletedIn.commit;
    out.push(warning);
  }
  return out;
}

/** Names the KEP each warning concerns, from the paths its metadata has had. */
function attachKeps(warnings: Warning[], keps: Kep[]): Warning[] {
  const byPath = new Map<string, number>();
  for (const kep of keps) for (const version of kep.history) byPath.set(version.path, kep.number);
  return warnings.map((warning) => {
    if (warning.kep !== undefined) return warning;
    const prr = /^keps\/prod-readiness\/(?:[^/]+\/)?0*(\d+)\.yaml$/.exec(warning.file);
    const kep = byPath.get(warning.file) ?? (prr ? Number(prr[1]) : undefined);
    return kep === undefined ? warning : { ...warning, kep };
  });
}

function readPrr(lineage: Lineage, blobs: Map<string, string>, prr: Map<number, PrrApproval[]>, warnings: WarningLog) {
  const last = lineage.versions.at(-1);
  if (!last) return;
  const result = parsePrrYaml(blobs.get(last.blob) ?? "", last.path);
  warnings.addAll(result.warnings, true);
  if (result.kep === null) return;
  const approvals = prr.get(result.kep) ?? [];
  approvals.push(...result.approvals);
  prr.set(result.kep, approvals);
}

function parseLineage(
  lineage: Lineage,
  dirNumber: number | null,
  blobs: Map<string, string>,
  warnings: WarningLog,
): ParsedLineage {
  const versions: ParsedLineage["versions"] = [];
  const lastIndex = lineage.versions.length - 1;
  lineage.versions.forEach((fileVersion, index) => {
    const atHead = index === lastIndex && !lineage.deleted;
    const result = parseKepYaml(blobs.get(fileVersion.blob) ?? "", fileVersion.path, fileVersion.commit);
    warnings.addAll(result.warnings, atHead);
    if (!result.record) return;
    const record = result.record;
    const version: KepVersion = {
      commit: fileVersion.commit,
      date: fileVersion.date,
      path: fileVersion.path,
      status: record.status,
      stage: record.stage,
      latestMilestone: record.latestMilestone,
      milestones: record.milestones,
    };
    if (record.clearedMilestones.length > 0) version.cleared = record.clearedMilestones;
    versions.push({ version, record });
  });
  return { lineage, dirNumber, versions };
}

/**
 * Groups parsed lineages into KEPs by number. The number comes from the directory
 * (a renamed or renumbered KEP keeps the number of its newest path); two live files
 * claiming one number keep the active one and report the other.
 */
function settleIdentities(parsed: ParsedLineage[], warnings: WarningLog): ParsedLineage[][] {
  const byNumber = new Map<number, ParsedLineage[]>();
  for (const item of parsed) {
    const last = item.versions.at(-1);
    const file = item.lineage.path;
    if (!last) {
      warnings.add(
        { kind: "kep-never-parsed", file, field: "", value: "", action: "skipped-file" },
        !item.lineage.deleted,
      );
      continue;
    }
    const number = item.dirNumber ?? last.record.kepNumber;
    if (number === null || number === 0) {
      warnings.add(
        {
          kind: "kep-without-number",
          file,
          field: "kep-number",
          value: String(last.record.kepNumber ?? ""),
          action: "skipped-file",
        },
        !item.lineage.deleted,
      );
      continue;
    }
    if (last.record.kepNumber !== null && last.record.kepNumber !== number && !item.lineage.deleted) {
      warnings.add(
        {
          kind: "kep-number-mismatch",
          file,
          field: "kep-number",
          value: String(last.record.kepNumber),
          action: "kept-raw",
          kep: number,
        },
        true,
      );
    }
    const group = byNumber.get(number) ?? [];
    group.push(item);
    byNumber.set(number, group);
  }
  const groups: ParsedLineage[][] = [];
  for (const [number, group] of [...byNumber].sort((a, b) => a[0] - b[0])) {
    const live = group.filter((g) => !g.lineage.deleted);
    if (live.length > 1) {
      // Prefer a KEP that is not marked replaced; among equals, the one changed most recently.
      live.sort((a, b) => rankLive(b) - rankLive(a) || compareText(lastDate(b), lastDate(a)));
      for (const extra of live.slice(1)) {
        warnings.add(
          {
            kind: "kep-number-duplicate",
            file: extra.lineage.path,
            field: "kep-number",
            value: String(number),
            action: "ignored",
            kep: number,
          },
          true,
        );
      }
      groups.push([live[0]!, ...group.filter((g) => g.lineage.deleted)]);
    } else {
      groups.push(group);
    }
  }
  return groups;
}

function rankLive(item: ParsedLineage): number {
  return item.versions.at(-1)?.record.status === "replaced" ? 0 : 1;
}

function lastDate(item: ParsedLineage): string {
  return item.versions.at(-1)?.version.date ?? "";
}

function toKep(
  group: ParsedLineage[],
  prr: Map<number, PrrApproval[]>,
  calendar: ReturnType<typeof buildCalendar>,
): Kep {
  const versions = group.flatMap((g) => g.versions).sort((a, b) => compareText(a.version.date, b.version.date));
  const primary = group.find((g) => !g.lineage.deleted) ?? group.at(-1)!;
  const record = primary.versions.at(-1)!.record;
  return kepFromRecord(record, {
    number: primary.dirNumber ?? record.kepNumber ?? 0,
    path: primary.lineage.path,
    deleted: primary.lineage.deleted,
    history: versions.map((v) => v.version),
    prr,
    calendar,
  });
}

/** A snapshot KEP from its newest kep.yaml record and its history (the GitHub sync builds KEPs the same way). */
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

/** One release from its sig-release folder and the KEPs (the GitHub sync builds releases the same way). */
export function toRelease(
  source: ReleaseSource,
  keps: Kep[],
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

/**
 * Collects warnings. Those seen in the newest version of a file are all kept; those seen
 * only in older versions are kept once per (kind, file, field, value), with the commit.
 */
class WarningLog {
  private readonly seen = new Map<string, Warning>();

  add(warning: Warning, current: boolean): void {
    const key = [warning.kind, warning.file, warning.field, warning.value].join("\0");
    const existing = this.seen.get(key);
    if (current) {
      const { commit: _dropped, ...rest } = warning;
      this.seen.set(key, rest);
    } else if (!existing) {
      this.seen.set(key, warning);
    }
  }

  addAll(warnings: readonly Warning[], current: boolean): void {
    for (const warning of warnings) this.add(warning, current);
  }

  sorted(): Warning[] {
    return [...this.seen.values()].sort(
      (a, b) =>
        compareText(a.file, b.file) ||
        compareText(a.field, b.field) ||
        compareText(a.kind, b.kind) ||
        compareText(a.value, b.value),
    );
  }
}
