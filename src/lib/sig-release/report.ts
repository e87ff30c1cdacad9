/** What the sig-release readers share: the source types, warnings with clipped values, Markdown stripped to text. Pure: text in, facts and warnings out. */
import {
  type FreezeException,
  type SchedulePhase,
  type TeamMember,
  type Version,
  VersionSchema,
  type Warning,
} from "../schema.ts";
import { sanitizeText } from "../text.ts";
import type { WarningKind } from "../warning-kinds.ts";

/** Everything the sync needs from one release folder. */
export interface ReleaseSource {
  version: Version;
  theme: string | null;
  /** Logo path relative to the sig-release root, forward slashes; null when there is none. */
  logo: string | null;
  schedule: SchedulePhase[];
  team: TeamMember[];
  exceptions: FreezeException[];
}

/** What the README gives. */
export interface ReleaseReadme {
  theme: string | null;
  /** Image the README shows, resolved against the README's folder; existence is the caller's call. */
  logo: string | null;
  schedule: SchedulePhase[];
  warnings: Warning[];
}

export type Action = Warning["action"];
export type Report = (kind: WarningKind, field: string, value: string, action: Action) => void;

export const VALUE_LIMIT = 200;

/** Longest theme, role or name kept: real ones are under 60 characters. */
export const TEXT_LIMIT = 200;

/** Upstream text made safe to show: hidden characters removed, length capped, both reported. */
export function cleanField(raw: string, field: string, report: Report): string {
  const clean = sanitizeText(raw, TEXT_LIMIT);
  if (clean.hadHidden) report("text-control-characters", field, raw, "normalised");
  if (clean.cutFrom !== null) report("text-too-long", field, `${clean.cutFrom} characters`, "normalised");
  return clean.text;
}

/** Collapses whitespace and cuts to the schema's 200 characters without splitting a surrogate pair. */
export function clip(value: string): string {
  const flat = value.replace(/\s+/g, " ").trim();
  if (flat.length <= VALUE_LIMIT) return flat;
  let cut = flat.slice(0, VALUE_LIMIT - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** "releases/release-1.29/README.md" -> "1.29" (warnings carry the release when the path names one). */
export function releaseOfFile(file: string): string | null {
  return /release-(\d+\.\d+)(?:\/|$)/.exec(file)?.[1] ?? null;
}

/** A reporter for one file; identical warnings are kept once so re-read text does not repeat them. */
export function reporterFor(file: string, release: string | null, into: Warning[]): Report {
  const seen = new Set<string>();
  const tag = release !== null && VersionSchema.safeParse(release).success ? { release } : {};
  return (kind, field, value, action) => {
    const warning: Warning = { kind, file, field, value: clip(value), action, ...tag };
    const key = JSON.stringify(warning);
    if (seen.has(key)) return;
    seen.add(key);
    into.push(warning);
  };
}

/** Plain text of a markdown fragment: links become their text, bare "(url)" and emphasis go. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/\(\s*https?:\/\/[^)\s]*\s*\)/g, " ")
    .replace(/\[([^\]]*)\]/g, "$1")
    .replace(/\*\*|__|`/g, "")
    .replace(/[\s\u00a0]+/g, " ")
    .trim();
}

/** Cells of a markdown table row ("| a | b |" -> ["a", "b"]). */
export function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

export const TABLE_SEPARATOR = /^\|?\s*:?-{2,}/;

/** Every markdown table in a document: its header cells and its data rows. */
export function readTables(text: string): { header: string[]; rows: string[][] }[] {
  const tables: { header: string[]; rows: string[][] }[] = [];
  let current: { header: string[]; rows: string[][] } | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim().startsWith("|")) {
      current = null;
      continue;
    }
    if (current === null) {
      current = { header: tableCells(line).map((c) => stripMarkdown(c).toLowerCase()), rows: [] };
      tables.push(current);
    } else if (!TABLE_SEPARATOR.test(line.trim())) {
      current.rows.push(tableCells(line));
    }
  }
  return tables;
}
