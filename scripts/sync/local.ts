/**
 * Builds a snapshot from local sources: a kubernetes/enhancements clone (or bundle) and
 * a folder laid out like kubernetes/sig-release. Normalise, derive, collect warnings;
 * nothing here writes to disk.
 */

import { buildCalendar } from "../../src/lib/calendar.ts";
import { classifyKepPath, type KepParseResult, type KepRecord, parsePrrYaml } from "../../src/lib/kep-yaml.ts";
import { compareText } from "../../src/lib/order.ts";
import type { CuratedReleases, Kep, KepVersion, PrrApproval, Sources, Warning } from "../../src/lib/schema.ts";
import { knownSigsFromPaths, settleSigNames } from "../../src/lib/sig-names.ts";
import {
  attachKeps,
  duplicateWarning,
  kepFromRecord,
  pickCandidate,
  prrWithoutKep,
  settleKepNumber,
  sortWarnings,
  toRelease,
} from "./assemble.ts";
import {
  type FileVersion,
  type GitRepo,
  type Lineage,
  openEnhancementsRepo,
  readBlobs,
  readHistory,
} from "./git-history.ts";
import { type ParseJob, parseKepJobs, type SyncHelper, splitInTwo } from "./helper.ts";
import { openReadCache, PLACEHOLDER_COMMIT, parseKey, type ReadCache } from "./read-cache.ts";
import { readSigRelease } from "./sig-release.ts";
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
  /** What earlier syncs read, by blob id (none: everything is read and parsed). */
  cache?: ReadCache;
  /** A second thread to parse half of the kep.yaml versions on. */
  helper?: SyncHelper | undefined;
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
  const cache = sources.cache ?? openReadCache(null, () => {});
  const repo = await opening;
  let history: ReturnType<typeof readHistory>;
  try {
    history = readHistory(repo);
    // Only the blobs whose reading is not cached: none when nothing changed upstream.
    const blobs = readBlobs(repo, uncachedBlobs(history.lineages, cache));
    cache.blobsRead += blobs.size;
    for (const [blob, text] of blobs) cache.texts.set(blob, text);
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
  const results = takeOnce(await parseKepVersions(history.lineages, cache, sources.helper));
  const parsed: ParsedLineage[] = [];
  const prr = new Map<number, PrrApproval[]>();
  for (const lineage of history.lineages) {
    const kind = classifyKepPath(lineage.path);
    if (kind.kind === "prr") {
      if (!lineage.deleted) readPrr(lineage, cache, prr, warnings);
      continue;
    }
    if (kind.kind !== "kep") continue;
    parsed.push(parseLineage(lineage, kind.dirNumber, results, warnings));
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

/** The blobs the parse needs that the cache cannot answer: kep.yaml versions, and each live PRR file's newest version. */
function uncachedBlobs(lineages: readonly Lineage[], cache: ReadCache): Set<string> {
  const wanted = new Set<string>();
  for (const lineage of lineages) {
    const kind = classifyKepPath(lineage.path).kind;
    if (kind === "prr" && !lineage.deleted) {
      const last = lineage.versions.at(-1);
      if (last && !cache.prr.has(parseKey(last.blob, last.path))) wanted.add(last.blob);
    } else if (kind === "kep") {
      for (const v of lineage.versions) if (!cache.kepYaml.has(parseKey(v.blob, v.path))) wanted.add(v.blob);
    }
  }
  return wanted;
}

/**
 * Every kep.yaml version's parse result, by parseKey: from the cache, else parsed (half of them on
 * the helper thread when there is one) and cached. Results carry PLACEHOLDER_COMMIT (withCommit).
 */
export async function parseKepVersions(
  lineages: readonly Lineage[],
  cache: ReadCache,
  helper: SyncHelper | undefined,
): Promise<Map<string, KepParseResult>> {
  const results = new Map<string, KepParseResult>();
  const jobs = new Map<string, ParseJob>();
  for (const lineage of lineages) {
    if (classifyKepPath(lineage.path).kind !== "kep") continue;
    for (const version of lineage.versions) {
      const key = parseKey(version.blob, version.path);
      if (results.has(key) || jobs.has(key)) continue;
      const cached = cache.kepYaml.get(key);
      if (cached) results.set(key, cached);
      else jobs.set(key, { text: cache.texts.get(version.blob) ?? "", path: version.path });
    }
  }
  const [mine, theirs] = helper
    ? splitInTwo(
        [...jobs],
        ([key]) => key,
        ([, job]) => job.text.length,
      )
    : [[...jobs], []];
  const asked = theirs.length > 0 ? helper!.parseKeps(theirs.map(([, job]) => job)) : null;
  asked?.catch(() => {});
  const parse = (part: [string, ParseJob][], parsed: KepParseResult[]) =>
    part.forEach(([key], index) => {
      results.set(key, parsed[index]!);
      cache.kepYaml.set(key, parsed[index]!);
    });
  parse(mine, parseKepJobs(mine.map(([, job]) => job)));
  // The helper's half, or, when it failed, parsed here after all.
  const helped = await asked?.catch(() => null);
  parse(theirs, helped ?? parseKepJobs(theirs.map(([, job]) => job)));
  return results;
}

/**
 * Hands out each result; a key asked for again (one blob at one path in two versions: a revert)
 * gets a copy, as a parse of its own would, so no two versions share a record.
 */
function takeOnce(results: ReadonlyMap<string, KepParseResult>): (key: string) => KepParseResult {
  const taken = new Set<string>();
  return (key) => {
    const result = results.get(key)!;
    if (!taken.has(key)) {
      taken.add(key);
      return result;
    }
    return structuredClone(result);
  };
}

/** A parse result with its warnings naming this version's commit, as parseKepYaml(text, path, commit) would. */
function withCommit(result: KepParseResult, version: FileVersion): KepParseResult {
  const commit = /^[0-9a-f]{40}$/.test(version.commit) ? version.commit : undefined;
  const warnings = result.warnings.map((warning) => {
    if (warning.commit !== PLACEHOLDER_COMMIT) return warning;
    const { commit: _placeholder, ...rest } = warning;
    return commit === undefined ? rest : { ...warning, commit };
  });
  return { record: result.record, warnings };
}

function readPrr(lineage: Lineage, cache: ReadCache, prr: Map<number, PrrApproval[]>, warnings: WarningLog) {
  const last = lineage.versions.at(-1);
  if (!last) return;
  const key = parseKey(last.blob, last.path);
  let result = cache.prr.get(key);
  if (!result) {
    result = parsePrrYaml(cache.texts.get(last.blob) ?? "", last.path);
    cache.prr.set(key, result);
  }
  warnings.addAll(result.warnings, true);
  if (result.kep === null) return;
  const approvals = prr.get(result.kep) ?? [];
  approvals.push(...result.approvals);
  prr.set(result.kep, approvals);
}

function parseLineage(
  lineage: Lineage,
  dirNumber: number | null,
  results: (key: string) => KepParseResult,
  warnings: WarningLog,
): ParsedLineage {
  const versions: ParsedLineage["versions"] = [];
  const lastIndex = lineage.versions.length - 1;
  lineage.versions.forEach((fileVersion, index) => {
    const atHead = index === lastIndex && !lineage.deleted;
    const result = withCommit(results(parseKey(fileVersion.blob, fileVersion.path)), fileVersion);
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
    const settled = settleKepNumber(file, item.dirNumber, last.record.kepNumber);
    // A missing number is reported for any file (history-only when deleted); a mismatch only for live files.
    if (settled.warning && (settled.number === null || !item.lineage.deleted))
      warnings.add(settled.warning, !item.lineage.deleted);
    const number = settled.number;
    if (number === null) continue;
    const group = byNumber.get(number) ?? [];
    group.push(item);
    byNumber.set(number, group);
  }
  const groups: ParsedLineage[][] = [];
  for (const [number, group] of [...byNumber].sort((a, b) => a[0] - b[0])) {
    const live = group.filter((g) => !g.lineage.deleted);
    if (live.length > 1) {
      const ranked = pickCandidate(
        live.map((item) => ({
          item,
          path: item.lineage.path,
          status: item.versions.at(-1)?.record.status ?? null,
          date: lastDate(item),
        })),
      );
      for (const extra of ranked.slice(1)) warnings.add(duplicateWarning(extra.path, number), true);
      groups.push([ranked[0]!.item, ...group.filter((g) => g.lineage.deleted)]);
    } else {
      groups.push(group);
    }
  }
  return groups;
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
    return sortWarnings([...this.seen.values()]);
  }
}
