/**
 * Builds a snapshot from local sources: a kubernetes/enhancements clone (or bundle) and
 * a folder laid out like kubernetes/sig-release. Normalise, derive, collect warnings;
 * nothing here writes to disk.
 */

import { buildCalendar } from "../../src/lib/calendar.ts";
import { classifyKepPath, type KepRecord, parseKepYaml, parsePrrYaml } from "../../src/lib/kep-yaml.ts";
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
import { type GitRepo, type Lineage, openEnhancementsRepo, readBlobs, readHistory } from "./git-history.ts";
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
