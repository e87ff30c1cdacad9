/**
 * The data-quality report: the sync's warnings counted per kind, per SIG, per KEP and per
 * release, each kind with the upstream edit that would clear it. kep.yaml kinds take their
 * fix from WARNING_KINDS; the other kinds have fixes written here.
 */
import { WARNING_KINDS } from "./kep-yaml.ts";
import { compareText } from "./order.ts";
import type { Kep, Version, Warning } from "./schema.ts";
import { compareVersions } from "./versions.ts";
import { describeWarningKind } from "./warnings.ts";

/** Where a kind of warning comes from. */
export type WarningSource = "kep.yaml" | "sig-release" | "kep-identity";

/** Upstream fixes for the kinds the sig-release reader and the KEP identity checks report, in our words. */
const OTHER_FIXES: Record<string, string> = {
  "theme-missing": "put the theme in the README's first heading, after the version",
  "theme-unreadable": "write the first heading as `# Kubernetes 1.N: Theme`",
  "logo-missing": "add the logo image to the release folder, or point the README at the right path",
  "file-missing": "add the file to the release folder (copy the layout of a recent release)",
  "schedule-missing": "add the date to the schedule's summary list and timeline table",
  "schedule-unreadable": "write the date as weekday, month, day and year",
  "schedule-typo": "correct the spelling of the day or weekday",
  "schedule-year-inferred": "write the year in every schedule date",
  "schedule-weekday-mismatch": "correct the weekday or the date so they agree",
  "schedule-zone-label": "label Pacific times PDT in summer and PST in winter, or give the time in UTC",
  "schedule-zone-mismatch": "make the times written in different zones name the same instant",
  "schedule-conflict": "make the summary list and the timeline table give the same date",
  "schedule-out-of-order": "list the schedule points in time order",
  "roster-empty": "list the team as a table with Role, Name and Shadows columns",
  "roster-unreadable": "write each person as `Name ([@handle](https://github.com/handle))`",
  "roster-placeholder": "fill in the seat, or remove the row if the role was not staffed",
  "roster-handle-mismatch": "make the handle's text and its GitHub link name the same account",
  "exceptions-unparsable": "fix the YAML syntax (a stray comma or an invisible character is the usual cause)",
  "exceptions-unreadable": "fix the YAML syntax so the file parses",
  "exceptions-entry-unparsable": "write the entry with the same keys as the others",
  "exceptions-freeze-in-comment": "group the entries under keys that name the freeze instead of YAML comments",
  "exceptions-freeze-unknown": "name the freeze: enhancements, code, test or docs",
  "exceptions-issue-unreadable": "give the tracking issue number as a plain number",
  "exceptions-status-unknown": "use one status word: approved, denied or withdrawn",
  "exceptions-date-format": "write the request date as YYYY-MM-DD",
  "exceptions-date-unreadable": "write the request date as YYYY-MM-DD",
  "kep-number-mismatch": "make kep-number equal the number in the folder name (the tracking issue)",
  "kep-number-duplicate": "give each KEP folder its own tracking issue number",
  "kep-without-number": "rename the folder after the KEP's tracking issue and set kep-number to match",
  "kep-never-parsed": "fix the YAML so at least one version of the file can be read",
  "prr-without-kep": "remove the production-readiness file, or correct its number to the KEP it approves",
};

/** The upstream edit that would clear a kind of warning. */
export function fixFor(kind: string): string {
  const kepYaml = (WARNING_KINDS as Record<string, { fix: string }>)[kind];
  if (kepYaml) return kepYaml.fix;
  return OTHER_FIXES[kind] ?? describeWarningKind(kind).fix ?? "check the value in the source file";
}

/** Where a kind comes from, judged by the kind and a file it was seen in. */
export function sourceOf(kind: string, file: string): WarningSource {
  if (kind in WARNING_KINDS) return "kep.yaml";
  if (file.startsWith("releases/")) return "sig-release";
  return "kep-identity";
}

/** Fragment id of a KEP on /quality/. */
export function qualityAnchor(kep: number): string {
  return `kep-${kep}`;
}

/** Link to a KEP's entry on /quality/ (only exists when the KEP has warnings). */
export function qualityHref(kep: number): string {
  return `/quality/#${qualityAnchor(kep)}`;
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

/** Source names as the page shows them. */
export const SOURCE_LABELS: Record<WarningSource, string> = {
  "kep.yaml": "kep.yaml",
  "sig-release": "sig-release",
  "kep-identity": "KEP numbering",
};
