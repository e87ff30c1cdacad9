/**
 * The data-quality report: the sync's warnings counted per kind, per SIG, per KEP and per
 * release, each kind with the upstream edit that would clear it (from the catalogue of kinds).
 */

import { compareText } from "./order.ts";
import type { Kep, Version, Warning } from "./schema.ts";
import { compareVersions } from "./versions.ts";
import { isWarningKind, WARNING_KINDS, type WarningSource } from "./warning-kinds.ts";
import { describeWarningKind } from "./warnings.ts";

/** The upstream edit that would clear a kind of warning. */
export function fixFor(kind: string): string {
  return describeWarningKind(kind).fix;
}

/** Where a kind comes from (a kind the catalogue does not know is judged by the file it was seen in). */
export function sourceOf(kind: string, file: string): WarningSource {
  if (isWarningKind(kind)) return WARNING_KINDS[kind].source;
  return file.startsWith("releases/") ? "sig-release" : "kep-identity";
}

/** Fragment id of a KEP on a kind's page. */
export function qualityAnchor(kep: number): string {
  return `kep-${kep}`;
}

/** The page that lists every warning of one kind. */
export function kindPath(kind: string): string {
  return `/quality/${kind}/`;
}

/** Link to a KEP's entry on the page of one of its kinds (only exists when the KEP has such a warning). */
export function qualityHref(kep: number, kind: string): string {
  return `${kindPath(kind)}#${qualityAnchor(kep)}`;
}

/** Fragment id of a release on /quality/. */
export function releaseQualityAnchor(version: Version): string {
  return `release-${version}`;
}

/** Whether a warning is about a value only earlier versions of a file had (the file today is fine there). */
export function isHistoryOnly(warning: Pick<Warning, "commit">): boolean {
  return warning.commit !== undefined;
}

/** One kind, counted. */
export interface KindSummary {
  kind: string;
  source: WarningSource;
  description: string;
  fix: string;
  /** Warnings about today's files. */
  current: number;
  /** Warnings about values only earlier versions had. */
  history: number;
}

/** Warnings of one kind within one KEP, release or file. */
export interface KindGroup {
  kind: string;
  fix: string;
  warnings: Warning[];
}

/** One KEP's warnings. */
export interface KepQuality {
  kep: number;
  /** Null when the KEP is not in the data (e.g. a production-readiness file without its KEP). */
  title: string | null;
  sig: string;
  current: number;
  history: number;
  kinds: KindGroup[];
}

/** One SIG's share of the report. */
export interface SigQuality {
  sig: string;
  current: number;
  history: number;
  keps: KepQuality[];
  /** kep.yaml files of the SIG that no KEP number could be given to. */
  files: FileQuality[];
  /** The kind with the most current warnings. */
  topKind: string | null;
}

/** Warnings about a file that belongs to no KEP number. */
export interface FileQuality {
  file: string;
  kinds: KindGroup[];
}

/** One release folder's warnings. */
export interface ReleaseQuality {
  release: Version;
  current: number;
  kinds: KindGroup[];
}

/** The whole report. */
export interface QualityReport {
  total: number;
  current: number;
  history: number;
  kinds: KindSummary[];
  sigs: SigQuality[];
  releases: ReleaseQuality[];
  /** Files outside both (neither a KEP number nor a release). */
  other: FileQuality[];
}

/** The SIG folder a kep.yaml or production-readiness path sits in. */
export function sigOfPath(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== "keps") return null;
  const sig = parts[1] === "prod-readiness" ? parts[2] : parts[1];
  return sig && !sig.includes("*") ? sig : null;
}

/** Groups warnings by kind (most first, then by name). */
export function groupByKind(warnings: readonly Warning[]): KindGroup[] {
  const byKind = new Map<string, Warning[]>();
  for (const w of warnings) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), w]);
  return [...byKind]
    .map(([kind, items]) => ({ kind, fix: fixFor(kind), warnings: items }))
    .sort((a, b) => b.warnings.length - a.warnings.length || compareText(a.kind, b.kind));
}

const countCurrent = (warnings: readonly Warning[]) => warnings.filter((w) => !isHistoryOnly(w)).length;

/** Builds the report from the snapshot's warnings and its KEPs. */
export function buildQualityReport(
  warnings: readonly Warning[],
  keps: ReadonlyMap<number, Pick<Kep, "title" | "owningSig">>,
): QualityReport {
  const kinds = new Map<string, KindSummary>();
  const byKep = new Map<number, Warning[]>();
  const byRelease = new Map<Version, Warning[]>();
  const byFile = new Map<string, Warning[]>();
  for (const w of warnings) {
    let summary = kinds.get(w.kind);
    if (!summary) {
      const text = describeWarningKind(w.kind);
      summary = {
        kind: w.kind,
        source: sourceOf(w.kind, w.file),
        description: text.description,
        fix: fixFor(w.kind),
        current: 0,
        history: 0,
      };
      kinds.set(w.kind, summary);
    }
    if (isHistoryOnly(w)) summary.history++;
    else summary.current++;
    if (w.kep !== undefined) byKep.set(w.kep, [...(byKep.get(w.kep) ?? []), w]);
    else if (w.release !== undefined) byRelease.set(w.release, [...(byRelease.get(w.release) ?? []), w]);
    else byFile.set(w.file, [...(byFile.get(w.file) ?? []), w]);
  }

  const sigs = new Map<string, SigQuality>();
  const sigEntry = (sig: string) => {
    let entry = sigs.get(sig);
    if (!entry) {
      entry = { sig, current: 0, history: 0, keps: [], files: [], topKind: null };
      sigs.set(sig, entry);
    }
    return entry;
  };
  const other: FileQuality[] = [];
  for (const [kep, items] of byKep) {
    const known = keps.get(kep);
    const sig = known?.owningSig ?? sigOfPath(items[0]!.file) ?? "unknown";
    const current = countCurrent(items);
    sigEntry(sig).keps.push({
      kep,
      title: known?.title ?? null,
      sig,
      current,
      history: items.length - current,
      kinds: groupByKind(items),
    });
  }
  for (const [file, items] of byFile) {
    const sig = sigOfPath(file);
    const entry = { file, kinds: groupByKind(items) };
    if (sig) sigEntry(sig).files.push(entry);
    else other.push(entry);
  }
  for (const sig of sigs.values()) {
    sig.keps.sort((a, b) => a.kep - b.kep);
    sig.files.sort((a, b) => compareText(a.file, b.file));
    const all = [...sig.keps.flatMap((k) => k.kinds), ...sig.files.flatMap((f) => f.kinds)].flatMap((g) => g.warnings);
    sig.current = countCurrent(all);
    sig.history = all.length - sig.current;
    sig.topKind = groupByKind(all.filter((w) => !isHistoryOnly(w)))[0]?.kind ?? null;
  }

  const current = countCurrent(warnings);
  return {
    total: warnings.length,
    current,
    history: warnings.length - current,
    kinds: [...kinds.values()].sort(
      (a, b) => b.current + b.history - (a.current + a.history) || compareText(a.kind, b.kind),
    ),
    sigs: [...sigs.values()].sort(
      (a, b) => b.current - a.current || b.history - a.history || compareText(a.sig, b.sig),
    ),
    releases: [...byRelease]
      .map(([release, items]) => ({ release, current: countCurrent(items), kinds: groupByKind(items) }))
      .sort((a, b) => compareVersions(a.release, b.release)),
    other: other.sort((a, b) => compareText(a.file, b.file)),
  };
}

/** One kind's page: its counts and the report of its warnings alone. */
export interface KindPage {
  summary: KindSummary;
  report: QualityReport;
}

/** A page per kind, in the order of the report's kind table. */
export function buildKindPages(
  warnings: readonly Warning[],
  keps: ReadonlyMap<number, Pick<Kep, "title" | "owningSig">>,
): KindPage[] {
  const byKind = Map.groupBy(warnings, (w) => w.kind);
  return buildQualityReport(warnings, keps).kinds.map((summary) => ({
    summary,
    report: buildQualityReport(byKind.get(summary.kind as Warning["kind"]) ?? [], keps),
  }));
}

/**
 * Where each KEP's entry went when the per-KEP lists left /quality/: the page of the KEP's most
 * frequent kind, as an index into `kinds`, so an old `/quality/#kep-<number>` link still lands.
 */
export function kepKindIndex(report: QualityReport): { kinds: string[]; keps: Record<number, number> } {
  const kinds = report.kinds.map((k) => k.kind);
  const keps: Record<number, number> = {};
  for (const kep of report.sigs.flatMap((s) => s.keps)) {
    const top = kep.kinds[0]?.kind;
    if (top !== undefined) keps[kep.kep] = kinds.indexOf(top);
  }
  return { kinds, keps };
}

/** Source names as the page shows them. */
export const SOURCE_LABELS: Record<WarningSource, string> = {
  "kep.yaml": "kep.yaml",
  "sig-release": "sig-release",
  "kep-identity": "KEP numbering",
  github: "GitHub tracking issue",
};
