/**
 * Reads kubernetes/sig-release `releases/release-1.N/` folders: the README (theme, logo,
 * schedule), the roster (release-team.md) and the freeze exceptions (exceptions.yaml).
 * Upstream formats drift from release to release, so every irregularity becomes a
 * Warning; nothing in the content makes this module throw (only a missing releases/ does).
 * Only readSigRelease and its private helpers touch the disk; the parse* functions are pure.
 */

import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { isSeq, parseDocument, type Node as YamlNode } from "yaml";
import { isRealDay as isRealCalendarDay, pacificOffsetHours, statedDay } from "../../src/lib/calendar.ts";
import {
  type FreezeException,
  PHASES,
  type PhaseId,
  type SchedulePhase,
  type TeamMember,
  type Version,
  VersionSchema,
  type Warning,
} from "../../src/lib/schema.ts";
import { editDistance, sanitizeText } from "../../src/lib/text.ts";
import { compareVersions, parseVersion } from "../../src/lib/versions.ts";
import type { WarningKind } from "../../src/lib/warning-kinds.ts";

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

// ---------------------------------------------------------------------------------------
// Warnings

type Action = Warning["action"];
type Report = (kind: WarningKind, field: string, value: string, action: Action) => void;

const VALUE_LIMIT = 200;

/** Longest theme, role or name kept: real ones are under 60 characters. */
const TEXT_LIMIT = 200;

/** Upstream text made safe to show: hidden characters removed, length capped, both reported. */
function cleanField(raw: string, field: string, report: Report): string {
  const clean = sanitizeText(raw, TEXT_LIMIT);
  if (clean.hadHidden) report("text-control-characters", field, raw, "normalised");
  if (clean.cutFrom !== null) report("text-too-long", field, `${clean.cutFrom} characters`, "normalised");
  return clean.text;
}

/** Collapses whitespace and cuts to the schema's 200 characters without splitting a surrogate pair. */
function clip(value: string): string {
  const flat = value.replace(/\s+/g, " ").trim();
  if (flat.length <= VALUE_LIMIT) return flat;
  let cut = flat.slice(0, VALUE_LIMIT - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** "releases/release-1.29/README.md" -> "1.29" (warnings carry the release when the path names one). */
function releaseOfFile(file: string): string | null {
  return /release-(\d+\.\d+)(?:\/|$)/.exec(file)?.[1] ?? null;
}

/** A reporter for one file; identical warnings are kept once so re-read text does not repeat them. */
function reporterFor(file: string, release: string | null, into: Warning[]): Report {
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

// ---------------------------------------------------------------------------------------
// Markdown helpers

/** Plain text of a markdown fragment: links become their text, bare "(url)" and emphasis go. */
function stripMarkdown(text: string): string {
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
function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((cell) => cell.trim());
}

const TABLE_SEPARATOR = /^\|?\s*:?-{2,}/;

/** Every markdown table in a document: its header cells and its data rows. */
function readTables(text: string): { header: string[]; rows: string[][] }[] {
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

// ---------------------------------------------------------------------------------------
// Theme and logo

// Emoji and their joiners/selectors decorate some titles ("Mandala (The Universe) ✨🌌").
const DECORATION =
  /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu;

/** The release theme from the README's H1, or null when the H1 names only the version. */
function readTheme(text: string, report: Report): string | null {
  const h1 = /^#[ \t]+(.+)$/m.exec(text)?.[1];
  if (h1 === undefined) {
    report("theme-missing", "theme", "", "ignored");
    return null;
  }
  const title = stripMarkdown(h1)
    .replace(DECORATION, "")
    .replace(/[\p{So}\s]+$/u, "")
    .trim();
  const match = /^(.*?)\bv?\d+\.\d+\b\s*[:\-–—]?\s*(.*)$/u.exec(title);
  if (!match) {
    report("theme-unreadable", "theme", h1, "ignored");
    return null;
  }
  const theme = composeTheme((match[1] ?? "").trim(), (match[2] ?? "").trim());
  if (theme === null) report("theme-missing", "theme", h1, "ignored");
  return theme === null ? null : cleanField(theme, "theme", report);
}

/**
 * "Kubernetes 1.29: Mandala" -> "Mandala". When the H1 replaces "Kubernetes" with a name
 * ("Timbernetes v1.35 - World Tree Release") the name leads and the rest is its subtitle.
 */
function composeTheme(prefix: string, rest: string): string | null {
  const subtitle = rest.replace(/[\s:\-–—]+$/, "");
  const name = prefix === "" || /^kubernetes$/i.test(prefix) ? null : prefix;
  if (name === null) return subtitle === "" ? null : subtitle;
  return subtitle === "" ? name : `${name} (${subtitle})`;
}

/** The first local image the README shows, as a path relative to the sig-release root. */
function readLogoRef(text: string, file: string): string | null {
  const images = /!\[[^\]]*\]\(\s*<?([^)\s>]+)[^)]*\)|<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi;
  for (const match of text.matchAll(images)) {
    const ref = (match[1] ?? match[2] ?? "").split(/[?#]/)[0] ?? "";
    // Remote and site-absolute images are not files of this repository.
    if (ref === "" || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("/")) continue;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), safeDecode(ref)));
    if (!resolved.startsWith("..")) return resolved;
  }
  return null;
}

/** decodeURIComponent that keeps the input when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------------------------------------------------------------------------------------
// Calendar arithmetic (all in UTC; no wall clock)

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const WEEKDAY_SPELLINGS = new Set([
  ...WEEKDAYS,
  ...["sun", "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat"],
]);

interface Day {
  year: number;
  month: number; // 0-based
  day: number;
}

function isoDay(d: Day): string {
  return `${d.year}-${pad(d.month + 1)}-${pad(d.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Milliseconds since the epoch for a local time at a fixed UTC offset (hours). */
function instantOf(d: Day, hour: number, minute: number, offsetHours: number): number {
  return Date.UTC(d.year, d.month, d.day, hour, minute) - offsetHours * 3_600_000;
}

/** "2023-10-06T01:00:00Z" */
function isoInstant(ms: number): string {
  const t = new Date(ms);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:00Z`;
}

function weekdayOf(d: Day): number {
  return new Date(Date.UTC(d.year, d.month, d.day)).getUTCDay();
}

function isRealDay(d: Day): boolean {
  return isRealCalendarDay(d.year, d.month + 1, d.day);
}

/** The n-th Sunday (1-based) of a month. */
function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

/** US daylight saving (second Sunday of March to first Sunday of November), by day. */
function isPacificDaylight(d: Day): boolean {
  const start = Date.UTC(d.year, 2, nthSunday(d.year, 2, 2));
  const end = Date.UTC(d.year, 10, nthSunday(d.year, 10, 1));
  const day = Date.UTC(d.year, d.month, d.day);
  return day >= start && day < end;
}

const PACIFIC = new Set(["PST", "PDT", "PT"]);
// Fixed offsets of the other zones the schedules write.
const FIXED_OFFSETS: Record<string, number> = { UTC: 0, GMT: 0, BST: 1, CET: 1, CEST: 2, AOE: -12 };

/** The offset a zone label means on a day; Pacific labels follow the real DST rule, not the label. */
function offsetOf(zone: string, d: Day): number | null {
  if (PACIFIC.has(zone)) return isPacificDaylight(d) ? -7 : -8;
  return FIXED_OFFSETS[zone] ?? null;
}

/** The offset the label itself claims (PST = -8 even in July). */
function labelledOffset(zone: string, d: Day): number | null {
  if (zone === "PST") return -8;
  if (zone === "PDT") return -7;
  return offsetOf(zone, d);
}

// ---------------------------------------------------------------------------------------
// Dates as the schedules write them

interface Clock {
  hour: number;
  minute: number;
}

/** One dated fragment of a "When" cell ("01:00 UTC Friday 6th October 2023"). */
interface DatePart {
  raw: string;
  day: number;
  month: number;
  year: number | null;
  /** Where the year came from: written in the cell, carried from a neighbouring row, or fitted to weekdays. */
  yearFrom: "written" | "neighbour" | "weekday" | null;
  weekday: number | null;
  typos: string[];
  time: Clock | null;
  zone: string | null;
  aoe: boolean;
}

/** A time-zone note in the "What" cell of older timelines: "(18:00 PDT)", "(EOD PST)". */
interface TimeHint {
  time: Clock | null;
  zone: string;
}

interface ScheduleEntry {
  source: "summary" | "timeline";
  what: string;
  when: string;
  parts: DatePart[];
  hint: TimeHint | null;
}

const ZONES = "UTC|GMT|PST|PDT|PT|BST|CEST|CET";
const TIME = new RegExp(`\\b(\\d{1,2}):(\\d{2})\\s*(am|pm)?\\s*(${ZONES})?\\b`, "i");

/** Splits a "When" cell into its dated parts ("UTC / PDT" pairs, AoE / UTC pairs). */
function parseWhen(when: string): DatePart[] {
  return stripMarkdown(when)
    .split(/\s+\/\s+/)
    .map((raw) => parseDatePart(raw))
    .filter((part): part is DatePart => part !== null);
}

/** Reads one dated fragment; null when it holds no day and month (TBD, a bare time). */
function parseDatePart(raw: string): DatePart | null {
  const aoe = /\bAoE\b|anywhere on earth/i.test(raw);
  let text = raw.replace(/\(?\s*(?:AoE|anywhere on earth)\s*\)?/gi, " ");
  const timeMatch = TIME.exec(text);
  const time = timeMatch ? toClock(timeMatch) : null;
  const zone = timeMatch?.[4]?.toUpperCase() ?? null;
  if (timeMatch) text = text.replace(timeMatch[0], " ");
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return isoPart(raw, iso, time, zone, aoe);
  // Ranges ("Monday 6th - Thursday 9th November 2023", "May 3-7"): the first day counts.
  const [first = "", ...others] = text.split(/\s+[-–—]\s+|(?<=\d)\s*[-–](?=\s*\d)/);
  const head = readTokens(first);
  const tail = readTokens(others.join(" "));
  const month = head.month ?? tail.month;
  const year = head.year ?? tail.year;
  if (head.day === null || month === null) return null;
  return {
    raw,
    day: head.day,
    month,
    year,
    yearFrom: year === null ? null : "written",
    weekday: head.weekday,
    typos: head.typos,
    time,
    zone,
    aoe,
  };
}

function isoPart(raw: string, iso: RegExpExecArray, time: Clock | null, zone: string | null, aoe: boolean): DatePart {
  const year = Number(iso[1]);
  return {
    raw,
    day: Number(iso[3]),
    month: Number(iso[2]) - 1,
    year,
    yearFrom: "written",
    weekday: null,
    typos: [],
    time,
    zone,
    aoe,
  };
}

function toClock(match: RegExpExecArray): Clock {
  let hour = Number(match[1]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  return { hour, minute: Number(match[2]) };
}

interface Tokens {
  day: number | null;
  month: number | null;
  year: number | null;
  weekday: number | null;
  typos: string[];
}

/** Day, month, year and weekday from free text, tolerating ordinals, abbreviations and small typos. */
function readTokens(text: string): Tokens {
  const out: Tokens = { day: null, month: null, year: null, weekday: null, typos: [] };
  // "November2023" happens; split letters from digits that follow them.
  for (const token of text.replace(/([a-z])(\d)/gi, "$1 $2").split(/[\s,.]+/)) {
    readToken(token, out);
  }
  return out;
}

function readToken(token: string, out: Tokens): void {
  const number = /^(\d{1,2})(st|nd|rd|th)?$/i.exec(token);
  if (number) {
    if (out.day !== null) return;
    out.day = Number(number[1]);
    const suffix = number[2]?.toLowerCase();
    if (suffix !== undefined && suffix !== ordinalSuffix(out.day)) out.typos.push(token);
    return;
  }
  if (/^\d{4}$/.test(token)) {
    out.year ??= Number(token);
    return;
  }
  const word = token.toLowerCase();
  if (!/^[a-z]{3,}$/.test(word)) return;
  const month = matchName(word, MONTHS);
  if (month !== null && out.month === null) {
    out.month = month.index;
    if (month.typo) out.typos.push(token);
    return;
  }
  const weekday = matchName(word, WEEKDAYS);
  if (weekday !== null && out.weekday === null) {
    out.weekday = weekday.index;
    if (!WEEKDAY_SPELLINGS.has(word)) out.typos.push(token);
  }
}

/** Matches a prefix ("Sept", "Thurs") or a near-miss of the full name ("Tueday"). */
function matchName(word: string, names: readonly string[]): { index: number; typo: boolean } | null {
  const exact = names.findIndex((name) => name.startsWith(word));
  if (exact >= 0) return { index: exact, typo: false };
  const near = names.findIndex((name) => name.startsWith(word.slice(0, 3)) && editDistance(word, name) <= 2);
  return near >= 0 ? { index: near, typo: true } : null;
}

function ordinalSuffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][day % 10] ?? "th";
}

// ---------------------------------------------------------------------------------------
// Reading the Summary list and the Timeline table

/** Bullet items that start with a bold date: the Summary / TL;DR list. */
function readSummaryEntries(text: string): ScheduleEntry[] {
  return collectBullets(text.split(/\r?\n/)).map((item) => {
    const split = /\*\*\s*:/.exec(item.slice(2));
    const cut = split ? split.index + 2 : -1;
    const when = cut >= 0 ? item.slice(0, cut) : "";
    const what = stripMarkdown(cut >= 0 ? item.slice(cut + (split?.[0].length ?? 0)) : item);
    return { source: "summary" as const, what, when, parts: parseWhen(when), hint: null };
  });
}

/** Joins each "- **…" bullet with its indented continuation lines. */
function collectBullets(lines: string[]): string[] {
  const items: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    const bullet = /^\s*[-*]\s+(\*\*.*)$/.exec(line);
    if (bullet) {
      if (current !== null) items.push(current);
      current = bullet[1] ?? "";
    } else if (current !== null && /^\s+\S/.test(line) && !/^\s*([-*|#]|\d+\.)/.test(line)) {
      current += ` ${line.trim()}`;
    } else {
      if (current !== null) items.push(current);
      current = null;
    }
  }
  if (current !== null) items.push(current);
  return items;
}

/** Rows of the table(s) with a "When" column: the Timeline. */
function readTimelineEntries(text: string): ScheduleEntry[] {
  const entries: ScheduleEntry[] = [];
  for (const table of readTables(text)) {
    const whenColumn = table.header.indexOf("when");
    if (whenColumn < 0) continue;
    const whatColumn = Math.max(0, table.header.indexOf("what"));
    for (const row of table.rows) {
      const whatRaw = row[whatColumn] ?? "";
      const when = row[whenColumn] ?? "";
      entries.push({
        source: "timeline",
        what: stripMarkdown(whatRaw),
        when,
        parts: parseWhen(when),
        hint: readHint(whatRaw),
      });
    }
  }
  return entries;
}

/** "(18:00 PDT)" or "(EOD PST)" in a What cell. */
function readHint(what: string): TimeHint | null {
  const match = new RegExp(`\\((?:(\\d{1,2}):(\\d{2})\\s*(am|pm)?|EOD)\\s*(${ZONES})\\)`, "i").exec(what);
  if (!match) return null;
  const time = match[1] === undefined ? null : toClock(match);
  return { time, zone: (match[4] ?? "").toUpperCase() };
}

// ---------------------------------------------------------------------------------------
// Years: 1.19 to 1.22 write none, later READMEs drop one here and there

/**
 * Rough year of a release's cycle, used only to choose among years whose weekdays fit:
 * about four minors a year until 1.19 (August 2020), three a year since.
 */
function expectedYear(version: string): number | null {
  const match = /^1\.(\d+)$/.exec(version);
  if (!match) return null;
  const minor = Number(match[1]);
  return Math.round(minor < 19 ? 2015.5 + minor / 4 : 2020.6 + (minor - 19) / 3);
}

/**
 * Fills in missing years, section by section: from the years a section writes, else from
 * the start year that makes the written weekdays right. Returns the sections fitted to weekdays.
 */
function resolveYears(entries: ScheduleEntry[], version: string): { source: string; year: number; first: string }[] {
  const all = entries.flatMap((entry) => entry.parts);
  const center = all.find((part) => part.yearFrom === "written")?.year ?? expectedYear(version);
  const fitted: { source: string; year: number; first: string }[] = [];
  for (const source of ["summary", "timeline"] as const) {
    const sequence = entries.filter((entry) => entry.source === source).flatMap((entry) => entry.parts);
    if (sequence.some((part) => part.yearFrom === "written")) {
      fillAroundWritten(sequence);
    } else if (center !== null && sequence[0]) {
      const year = bestStartYear(sequence, center);
      fillFrom(sequence, year);
      fitted.push({ source, year, first: sequence[0].raw });
    }
  }
  return fitted;
}

// A schedule runs forward in time; a month that jumps back by half a year or more
// (December -> January) means a new year, smaller steps back are just rows out of order.
const NEW_YEAR_JUMP = 6;

function nextYear(previous: DatePart, current: DatePart, year: number): number {
  return previous.month - current.month >= NEW_YEAR_JUMP ? year + 1 : year;
}

/** Years for a sequence that starts in `start` and has no written years. */
function fillFrom(sequence: DatePart[], start: number): void {
  let year = start;
  let previous: DatePart | null = null;
  for (const part of sequence) {
    if (previous !== null) year = nextYear(previous, part, year);
    part.year = year;
    part.yearFrom = "weekday";
    previous = part;
  }
}

/** Years for a sequence with some written years: carry them forward, and backward for leading rows. */
function fillAroundWritten(sequence: DatePart[]): void {
  const firstWritten = sequence.findIndex((part) => part.yearFrom === "written");
  for (let i = firstWritten - 1; i >= 0; i--) {
    const part = sequence[i];
    const next = sequence[i + 1];
    if (!part || !next || next.year === null) continue;
    part.year = part.month - next.month >= NEW_YEAR_JUMP ? next.year - 1 : next.year;
    part.yearFrom = "neighbour";
  }
  for (let i = firstWritten + 1; i < sequence.length; i++) {
    const part = sequence[i];
    const previous = sequence[i - 1];
    if (!part || !previous || part.yearFrom === "written" || previous.year === null) continue;
    part.year = nextYear(previous, part, previous.year);
    part.yearFrom = "neighbour";
  }
}

/** The start year (within two of the estimate) under which most written weekdays are right. */
function bestStartYear(sequence: DatePart[], center: number): number {
  let best = center;
  let bestScore = -1;
  // Candidates ordered by distance from the estimate so ties keep the closest year.
  for (const candidate of [center, center - 1, center + 1, center - 2, center + 2]) {
    fillFrom(sequence, candidate);
    const score = sequence.filter((part) => part.weekday !== null && weekdayOf(asDay(part)) === part.weekday).length;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function asDay(part: DatePart): Day {
  return { year: part.year ?? 0, month: part.month, day: part.day };
}

// ---------------------------------------------------------------------------------------
// Phases

const PHASE_PATTERNS: Record<PhaseId, RegExp> = {
  "cycle-start": /release cycle begins|start of (?:the )?release cycle/i,
  "prr-freeze": /production readiness (?:soft )?freeze|\bprr freeze/i,
  "enhancements-freeze": /enhancements? freeze/i,
  "code-freeze": /code freeze/i,
  "test-freeze": /test freeze/i,
  "docs-freeze": /docs must be completed|docs complete\b|docs freeze/i,
  release: /\bv?(\d+\.\d+)\.0 released\b/i,
};
// Rows that mention a freeze without being it: reminders, exception calls, blog deadlines.
const NOT_A_PHASE = /call for|exception|brace yourself|is coming|blog|retro|thaw|burndown/i;

/** Which phases a Summary item or Timeline row announces. */
function phasesOf(what: string, version: string): PhaseId[] {
  if (NOT_A_PHASE.test(what)) return [];
  return PHASES.filter((id) => {
    const match = PHASE_PATTERNS[id].exec(what);
    return match !== null && (id !== "release" || match[1] === version);
  });
}

interface Candidate {
  source: ScheduleEntry["source"];
  raw: string;
  phase: SchedulePhase | null;
  /** Every calendar day the cell writes (UTC day, Pacific day, AoE day). */
  written: string[];
  /** False when the cell's UTC and local times name different instants. */
  consistent: boolean;
}

/** A phase as one entry gives it; checks weekday, zone label and typos along the way. */
function toCandidate(id: PhaseId, entry: ScheduleEntry, report: Report): Candidate {
  const raw = stripMarkdown(`${entry.when}${entry.hint ? ` (${entry.hint.zone})` : ""}`);
  const parts = entry.parts.filter((part) => part.year !== null && isRealDay(asDay(part)));
  const base = { source: entry.source, raw, written: parts.map((p) => isoDay(asDay(p))) };
  const [first] = parts;
  if (!first) return { ...base, phase: null, consistent: false };
  checkParts(id, entry, parts, report);
  const phase = phaseFromParts(id, first, parts, entry.hint);
  const consistent = isConsistent(parts, phase);
  if (!consistent) report("schedule-zone-mismatch", `schedule.${id}`, raw, "normalised");
  return { ...base, phase, consistent };
}

/** Weekday, spelling, inferred-year and zone-label checks for the parts of one cell. */
function checkParts(id: PhaseId, entry: ScheduleEntry, parts: DatePart[], report: Report): void {
  const field = `schedule.${id}`;
  for (const part of parts) {
    const day = asDay(part);
    if (part.weekday !== null && weekdayOf(day) !== part.weekday) {
      report("schedule-weekday-mismatch", field, part.raw, "ignored");
    }
    if (part.typos.length > 0) report("schedule-typo", field, part.raw, "normalised");
    // Years fitted to weekdays are reported once per section by readSchedule.
    if (part.yearFrom === "neighbour") report("schedule-year-inferred", field, part.raw, "normalised");
    const label = part.time ? part.zone : null;
    if (label !== null) checkPacificLabel(label, day, field, part.raw, report);
  }
  const first = parts[0];
  if (entry.hint && first)
    checkPacificLabel(entry.hint.zone, asDay(first), field, `${first.raw} (${entry.hint.zone})`, report);
}

/** Warns when a PST/PDT label does not match the daylight-saving rule on that day. */
function checkPacificLabel(zone: string, day: Day, field: string, raw: string, report: Report): void {
  if (zone !== "PST" && zone !== "PDT") return;
  const expected = isPacificDaylight(day) ? "PDT" : "PST";
  if (zone !== expected) report("schedule-zone-label", field, raw, "normalised");
}

/**
 * The phase from a cell's parts. A written UTC time wins (it is unambiguous); AoE without
 * a UTC time ends at 12:00 UTC the next day, as the schedules themselves convert it; a
 * Pacific time follows the real daylight-saving rule because labels are often wrong.
 */
function phaseFromParts(id: PhaseId, first: DatePart, parts: DatePart[], hint: TimeHint | null): SchedulePhase {
  const utc = parts.find((p) => p.time && (p.zone === "UTC" || p.zone === "GMT"));
  const aoe = parts.find((p) => p.aoe);
  const local = parts.find((p) => p.time && p.zone !== null && offsetOf(p.zone, asDay(p)) !== null);
  if (utc?.time) {
    const at = isoInstant(instantOf(asDay(utc), utc.time.hour, utc.time.minute, 0));
    // The day is the one the schedule states: the AoE day, or the Pacific day beside a UTC time.
    const pacific = parts.some((p) => p.time && p.zone !== null && PACIFIC.has(p.zone));
    const zone = aoe ? "AoE" : pacific ? pacificLabel(Date.parse(at)) : "UTC";
    return { id, date: statedDay(at, zone), at, zone };
  }
  if (aoe) return { id, date: isoDay(asDay(aoe)), at: isoInstant(aoeDeadline(asDay(aoe))), zone: "AoE" };
  if (local?.time && local.zone !== null) return localPhase(id, asDay(local), local.time, local.zone);
  if (hint?.time) return localPhase(id, asDay(first), hint.time, hint.zone);
  return { id, date: isoDay(asDay(first)) };
}

function localPhase(id: PhaseId, day: Day, time: Clock, zone: string): SchedulePhase {
  const offset = offsetOf(zone, day);
  if (offset === null) return { id, date: isoDay(day) };
  const instant = instantOf(day, time.hour, time.minute, offset);
  // A Pacific time keeps the label the daylight-saving rule gives (upstream labels are often wrong).
  return { id, date: isoDay(day), at: isoInstant(instant), zone: PACIFIC.has(zone) ? pacificLabel(instant) : zone };
}

/** PDT or PST, whichever is in force at an instant. */
function pacificLabel(instant: number): "PDT" | "PST" {
  return pacificOffsetHours(instant) === -7 ? "PDT" : "PST";
}

/** The end of a day Anywhere on Earth (UTC-12), rounded to 12:00 UTC next day as upstream does. */
function aoeDeadline(day: Day): number {
  return Date.UTC(day.year, day.month, day.day + 1, 12, 0);
}

/** Whether every timed part of a cell names the instant the phase kept (under the label or the real rule). */
function isConsistent(parts: DatePart[], phase: SchedulePhase): boolean {
  if (phase.at === undefined) return true;
  const kept = Date.parse(phase.at);
  return parts.every((part) => {
    const day = asDay(part);
    if (part.aoe && !part.time) return aoeDeadline(day) === kept;
    if (!part.time || part.zone === null) return true;
    const offsets = [offsetOf(part.zone, day), labelledOffset(part.zone, day)];
    return offsets.some((o) => o !== null && instantOf(day, part.time?.hour ?? 0, part.time?.minute ?? 0, o) === kept);
  });
}

/** Two readings agree when their instants match, or a date-only reading names a day the other writes. */
function agree(a: Candidate, b: Candidate): boolean {
  if (!a.phase || !b.phase) return true;
  if (a.phase.at !== undefined && b.phase.at !== undefined) return a.phase.at === b.phase.at;
  return a.written.includes(b.phase.date) || b.written.includes(a.phase.date);
}

/**
 * Picks between the Summary and the Timeline reading of a phase.
 * Rule: when they agree, keep the one with an exact time (the Timeline on a tie). When they
 * disagree, keep the reading whose UTC and local times agree with each other; if both (or
 * neither) do, keep the Timeline: it is the row-per-event table the team maintains, while the
 * Summary is a digest copied forward from the previous cycle (1.30's Summary test freeze even
 * carries 1.29's everytimezone link). 1.31 shows the first rule: its Timeline test-freeze row
 * says 01:00 UTC beside 19:00 PDT, so the Summary's self-consistent 02:00 UTC is kept.
 */
function choose(
  id: PhaseId,
  summary: Candidate | null,
  timeline: Candidate | null,
  report: Report,
): SchedulePhase | null {
  const [first, second] = [timeline, summary].filter((c): c is Candidate => c !== null && c.phase !== null);
  if (!first) return null;
  if (!second) return first.phase;
  if (agree(first, second))
    return (first.phase?.at === undefined && second.phase?.at !== undefined ? second : first).phase;
  const kept = first.consistent || !second.consistent ? first : second;
  const dropped = kept === first ? second : first;
  const why =
    first.consistent !== second.consistent
      ? `the ${dropped.source} mixes UTC and local times that disagree`
      : `${first.consistent ? "both" : "neither"} self-consistent, Timeline preferred`;
  const value = `kept ${kept.source} (${why}) | summary: ${summary?.raw ?? ""} | timeline: ${timeline?.raw ?? ""}`;
  report("schedule-conflict", `schedule.${id}`, value, "normalised");
  return kept.phase;
}

/** The first readable entry of a source that announces the phase (else the first unreadable one). */
function pickEntry(entries: ScheduleEntry[], id: PhaseId, version: string): ScheduleEntry | null {
  const matching = entries.filter((entry) => phasesOf(entry.what, version).includes(id));
  return matching.find((entry) => entry.parts.length > 0) ?? matching[0] ?? null;
}

/** The seven phases from a README's Summary list and Timeline table. */
function readSchedule(text: string, version: string, report: Report): SchedulePhase[] {
  const summary = readSummaryEntries(text);
  const timeline = readTimelineEntries(text);
  for (const fit of resolveYears([...summary, ...timeline], version)) {
    report(
      "schedule-year-inferred",
      "schedule",
      `${fit.source} writes no year; ${fit.year} fits its weekdays ("${fit.first}", …)`,
      "normalised",
    );
  }
  const schedule: SchedulePhase[] = [];
  for (const id of PHASES) {
    const phase = readPhase(id, summary, timeline, version, report);
    if (phase) schedule.push(phase);
  }
  checkBounds(schedule, report);
  return schedule;
}

function readPhase(
  id: PhaseId,
  summary: ScheduleEntry[],
  timeline: ScheduleEntry[],
  version: string,
  report: Report,
): SchedulePhase | null {
  const fromSummary = pickEntry(summary, id, version);
  const fromTimeline = pickEntry(timeline, id, version);
  if (!fromSummary && !fromTimeline) {
    report("schedule-missing", `schedule.${id}`, "", "ignored");
    return null;
  }
  const a = fromSummary ? toCandidate(id, fromSummary, report) : null;
  const b = fromTimeline ? toCandidate(id, fromTimeline, report) : null;
  for (const candidate of [a, b]) {
    if (candidate && !candidate.phase) report("schedule-unreadable", `schedule.${id}`, candidate.raw, "ignored");
  }
  return choose(id, a, b, report);
}

/** Every phase should fall between the cycle start and the release; anything else hints at a bad year. */
function checkBounds(schedule: SchedulePhase[], report: Report): void {
  const start = schedule.find((p) => p.id === "cycle-start")?.date;
  const end = schedule.find((p) => p.id === "release")?.date;
  for (const phase of schedule) {
    if ((start && phase.date < start) || (end && phase.date > end)) {
      report("schedule-out-of-order", `schedule.${phase.id}`, phase.date, "kept-raw");
    }
  }
}

/** Theme, logo reference and schedule from a release README; never throws on bad content. */
export function parseReleaseReadme(text: string, file: string, version: string): ReleaseReadme {
  const warnings: Warning[] = [];
  const report = reporterFor(file, version, warnings);
  const theme = readTheme(text, report);
  const logo = readLogoRef(text, file);
  const schedule = readSchedule(text, version, report);
  return { theme, logo, schedule, warnings };
}

// ---------------------------------------------------------------------------------------
// Roster (release-team.md)

// Roles that name a person's job rather than a team, so they get no " Lead" suffix.
const PERSONAL_ROLE = /\b(lead|adviser|advisor|manager|liaison)$/i;
const PLACEHOLDER = /^(n\/?a|tbd|tbc|none|-+|—)?$/i;

/** "Release Team Lead" -> "Lead"; a team ("Enhancements") -> "Enhancements Lead", the role its lead holds. */
function normaliseRole(role: string): string {
  const clean = stripMarkdown(role);
  if (/^(release team )?lead$/i.test(clean)) return "Lead";
  return PERSONAL_ROLE.test(clean) ? clean : `${clean} Lead`;
}

// "Name ([@handle](https://github.com/handle) / Slack: `@x`)": the name may not contain
// brackets, parens or backticks, which keeps Slack notes out of it.
const LINKED_PERSON =
  /([\p{L}\p{M}][^()[\]`|]*?)\s*\(\s*\[\s*@?\s*([^\]]*?)\s*\]\(\s*https?:\/\/(?:www\.)?github\.com\/@?([A-Za-z0-9-]+)[^)]*\)/gu;

interface Person {
  name: string;
  github?: string;
}

/** People in one roster cell; linked GitHub handles win over the link text. */
function readPeople(cell: string, field: string, report: Report): Person[] {
  const people: Person[] = [];
  for (const match of cell.matchAll(LINKED_PERSON)) {
    const name = (match[1] ?? "").replace(/^[\s,;/&]+|[\s,;/]+$/g, "").trim();
    const url = match[3] ?? "";
    const text = (match[2] ?? "").replace(/^@/, "");
    if (text !== "" && text.toLowerCase() !== url.toLowerCase()) {
      report("roster-handle-mismatch", field, `${text} vs github.com/${url}`, "normalised");
    }
    if (name !== "") people.push({ name, github: url });
  }
  return people.length > 0 ? people : readPlainPeople(cell);
}

/** Fallback for cells without GitHub links: "Jane Doe (@jdoe)". A handle is required so prose is never read as a name. */
function readPlainPeople(cell: string): Person[] {
  return stripMarkdown(cell)
    .split(/,(?![^(]*\))/)
    .flatMap((chunk) => {
      const handle = /@([A-Za-z0-9-]+)/.exec(chunk)?.[1];
      if (handle === undefined) return [];
      const name = chunk.replace(/\(.*$/, "").trim();
      return [{ name: name === "" ? handle : name, github: handle }];
    });
}

/** Column positions of role, lead and shadows; the classic three-column layout when headers say nothing. */
function rosterColumns(header: string[]): { role: number; lead: number; shadow: number } {
  const shadow = header.findIndex((cell) => cell.includes("shadow"));
  const lead = header.findIndex((cell, i) => i !== shadow && cell.includes("name"));
  return { role: 0, lead: lead > 0 ? lead : 1, shadow: shadow > 0 ? shadow : 2 };
}

function toMembers(role: string, people: Person[], shadow: boolean, field: string, report: Report): TeamMember[] {
  return people.map((p) => {
    const name = cleanField(p.name, field, report);
    return p.github ? { role, name, github: p.github, shadow } : { role, name, shadow };
  });
}

/** Leads and shadows from release-team.md; never throws on bad content. */
export function parseReleaseTeam(text: string, file: string): { team: TeamMember[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const report = reporterFor(file, releaseOfFile(file), warnings);
  const tables = readTables(text).filter((t) => t.header.some((cell) => cell.includes("role")));
  const team = tables.flatMap((table) => {
    const columns = rosterColumns(table.header);
    return table.rows.flatMap((row) => readRosterRow(row, columns, report));
  });
  if (team.length === 0) report("roster-empty", "team", text.split(/\r?\n/)[0] ?? "", "skipped-file");
  return { team, warnings };
}

/** The lead(s) and shadows of one roster row. */
function readRosterRow(row: string[], columns: ReturnType<typeof rosterColumns>, report: Report): TeamMember[] {
  const roleCell = stripMarkdown(row[columns.role] ?? "");
  if (roleCell === "") return [];
  const role = cleanField(normaliseRole(roleCell), "team.role", report);
  return ([false, true] as const).flatMap((shadow) => {
    const cell = row[shadow ? columns.shadow : columns.lead] ?? "";
    const where = `team.${roleCell}.${shadow ? "shadows" : "lead"}`;
    const people = readPeople(cell, where, report);
    const plain = stripMarkdown(cell);
    if (people.length === 0 && !PLACEHOLDER.test(plain)) report("roster-unreadable", where, cell, "ignored");
    // "TBD" is a seat not yet filled; "N/A" and empty cells are normal and stay quiet.
    if (/^tb[dc]$/i.test(plain)) report("roster-placeholder", where, cell, "ignored");
    return toMembers(role, people, shadow, where, report);
  });
}

// ---------------------------------------------------------------------------------------
// Freeze exceptions (exceptions.yaml)

type Freeze = FreezeException["freeze"];
type ExceptionStatus = FreezeException["status"];

// A Map, not an object literal, so "constructor" or "toString" in the data are not found on the prototype.
const STATUS_WORDS = new Map<string, ExceptionStatus>(
  Object.entries({
    approved: "approved",
    accepted: "approved",
    granted: "approved",
    denied: "denied",
    rejected: "denied",
    declined: "denied",
    withdrawn: "withdrawn",
    removed: "withdrawn",
    // An approved change later backed out of the release (1.10 uses it).
    reverted: "withdrawn",
    retracted: "withdrawn",
    pending: "pending",
    requested: "pending",
    open: "pending",
  } satisfies Record<string, ExceptionStatus>),
);

/** Which freeze a map key ("enhancementFreeze") or header comment names. */
function freezeOf(text: string): Freeze | null {
  const match = /(enhancements?|code|tests?|docs?)\s*_?freeze/i.exec(text);
  const word = match?.[1]?.toLowerCase() ?? "";
  if (word.startsWith("enhancement")) return "enhancements";
  if (word === "code") return "code";
  if (word.startsWith("test")) return "test";
  if (word.startsWith("doc")) return "docs";
  return null;
}

interface RawException {
  value: unknown;
  freeze: Freeze;
}

// Invisible characters that break YAML when they sit alone on a line (1.23 uses U+200B).
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// A stray comma after a quoted list item (1.20: `- "https://…", `).
const STRAY_COMMA = /^(\s*-\s*"[^"\n]*")\s*,\s*$/gm;

/** Freeze exception requests from exceptions.yaml; recovers broken YAML where it can and never throws. */
export function parseExceptions(
  text: string,
  file: string,
  version: string,
): { exceptions: FreezeException[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const report = reporterFor(file, version, warnings);
  const raw = readRawExceptions(text, report);
  const exceptions = raw.map((entry, index) => normaliseException(entry, `exceptions[${index}]`, report));
  return { exceptions, warnings };
}

/** Strict parse, then a cleaned-up parse, then entry-by-entry; each fallback is reported. */
function readRawExceptions(text: string, report: Report): RawException[] {
  const strict = parseDocument(text);
  if (strict.errors.length === 0) return rawFromDocument(text, strict.contents, toJS(strict, report), report);
  const reason = strict.errors[0]?.message.split("\n")[0] ?? "YAML error";
  const cleaned = text.replace(INVISIBLE, "").replace(STRAY_COMMA, "$1");
  const retry = parseDocument(cleaned);
  if (retry.errors.length === 0) {
    report(
      "exceptions-unparsable",
      "exceptions",
      `recovered after removing invisible characters and stray commas: ${reason}`,
      "normalised",
    );
    return rawFromDocument(cleaned, retry.contents, toJS(retry, report), report);
  }
  report("exceptions-unparsable", "exceptions", `read entry by entry: ${reason}`, "normalised");
  return rawByEntry(cleaned, report);
}

/** Plain data of a parsed document; alias bombs and the like become a warning, not a throw. */
function toJS(doc: ReturnType<typeof parseDocument>, report: Report): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    report(
      "exceptions-unreadable",
      "exceptions",
      error instanceof Error ? error.message : String(error),
      "skipped-file",
    );
    return null;
  }
}

/** Entries of a parsed document: a map of freeze -> list, or (1.20-1.23) one list with comment headers. */
function rawFromDocument(text: string, contents: unknown, js: unknown, report: Report): RawException[] {
  if (Array.isArray(js) && isSeq(contents)) return rawFromCommentedList(text, contents.items, js, report);
  if (js === null || js === undefined) return [];
  if (typeof js !== "object" || Array.isArray(js)) {
    report("exceptions-unreadable", "exceptions", String(js), "skipped-file");
    return [];
  }
  return Object.entries(js).flatMap(([key, list]) => {
    const freeze = freezeOf(key);
    if (freeze === null) report("exceptions-freeze-unknown", `exceptions.${key}`, key, "kept-raw");
    return asList(list).map((value) => ({ value, freeze: freeze ?? "unknown" }));
  });
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === null || value === undefined ? [] : [value];
}

/** A flat list whose freeze type lives only in "# Code Freeze Exceptions …" comments above the items. */
function rawFromCommentedList(text: string, nodes: unknown[], values: unknown[], report: Report): RawException[] {
  const headers = [...text.matchAll(/^#.*$/gm)]
    .map((m) => ({ at: m.index, freeze: freezeOf(m[0]), line: m[0] }))
    .filter((h): h is { at: number; freeze: Freeze; line: string } => h.freeze !== null);
  report("exceptions-freeze-in-comment", "exceptions", headers.map((h) => h.line).join(" | "), "normalised");
  return values.map((value, index) => {
    const start = (nodes[index] as YamlNode | undefined)?.range?.[0] ?? 0;
    const header = headers.filter((h) => h.at < start).at(-1);
    if (!header) report("exceptions-freeze-unknown", `exceptions[${index}].freeze`, "", "kept-raw");
    return { value, freeze: header?.freeze ?? "unknown" };
  });
}

/** Last resort: parse each "- name:" block on its own, keeping the freeze from keys and comments above it. */
function rawByEntry(text: string, report: Report): RawException[] {
  const out: RawException[] = [];
  for (const block of splitEntries(text)) {
    const doc = parseDocument(block.lines.join("\n"));
    const value: unknown = doc.errors.length === 0 ? toJS(doc, report) : null;
    if (Array.isArray(value) && value.length > 0) out.push({ value: value[0], freeze: block.freeze });
    else report("exceptions-entry-unparsable", `exceptions[${out.length}]`, block.lines.join(" "), "ignored");
  }
  return out;
}

/** The text of each list entry with the freeze named by the last key or header comment above it. */
function splitEntries(text: string): { lines: string[]; freeze: Freeze }[] {
  const blocks: { lines: string[]; freeze: Freeze }[] = [];
  let freeze: Freeze = "unknown";
  let current: { lines: string[]; freeze: Freeze } | null = null;
  for (const line of text.split(/\r?\n/)) {
    const isHeader = /^#/.test(line) || /^[A-Za-z_]\w*\s*:\s*(#.*)?$/.test(line);
    if (isHeader) {
      freeze = freezeOf(line) ?? freeze;
      current = null;
    } else if (/^\s*-\s+name\s*:/.test(line)) {
      current = { lines: [line], freeze };
      blocks.push(current);
    } else {
      current?.lines.push(line);
    }
  }
  return blocks;
}

/** The first of several spellings of a key ("pull_requests", "pull-requests") that a record has. */
function pick(value: unknown, ...keys: string[]): unknown {
  if (value === null || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  for (const key of keys) if (key in record) return record[key];
  return undefined;
}

/** One request as the schema stores it; odd values become null/unknown with a warning. */
function normaliseException(entry: RawException, where: string, report: Report): FreezeException {
  return {
    kep: readKep(pick(entry.value, "issue", "kep"), where, report),
    freeze: entry.freeze,
    status: readStatus(pick(entry.value, "status"), where, report),
    requested: readRequested(pick(entry.value, "date_requested", "date-requested", "requested"), where, report),
    pullRequests: asList(pick(entry.value, "pull_requests", "pull-requests", "pullRequests")).length,
  };
}

/** 1234, "1234", "#1234" or a kubernetes/enhancements issue URL. */
function readKep(value: unknown, where: string, report: Report): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  const text = typeof value === "string" ? value.trim() : "";
  const match = /^#?(\d+)$/.exec(text) ?? /github\.com\/kubernetes\/enhancements\/(?:issues|pull)\/(\d+)/.exec(text);
  if (match) return Number(match[1]);
  if (value !== undefined && value !== null)
    report("exceptions-issue-unreadable", `${where}.issue`, String(value), "ignored");
  return null;
}

/** Status words in any case; synonyms map onto the schema, anything else is "unknown". */
function readStatus(value: unknown, where: string, report: Report): ExceptionStatus {
  const word = typeof value === "string" ? value.trim().toLowerCase() : "";
  const status = STATUS_WORDS.get(word);
  if (status) return status;
  report("exceptions-status-unknown", `${where}.status`, value === undefined ? "" : String(value), "kept-raw");
  return "unknown";
}

/** "2020-11-02"; unpadded "2020-11-2" (1.20) is padded and reported. */
function readRequested(value: unknown, where: string, report: Report): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const day = match ? { year: Number(match[1]), month: Number(match[2]) - 1, day: Number(match[3]) } : null;
  if (day && isRealDay(day)) {
    const iso = isoDay(day);
    if (iso !== text) report("exceptions-date-format", `${where}.requested`, text, "normalised");
    return iso;
  }
  if (value !== undefined && value !== null)
    report("exceptions-date-unreadable", `${where}.requested`, String(value), "ignored");
  return null;
}

// ---------------------------------------------------------------------------------------
// The folder

const IMAGE = /\.(png|svg|jpe?g|gif|webp)$/i;

/** Lower is better: web-sized raster, other raster, SVG, print-resolution raster. */
function logoRank(name: string): number {
  const raster = /\.(png|jpe?g|gif|webp)$/i.test(name);
  if (raster && /\d+\s*dpi|print/i.test(name)) return 3;
  if (raster && /\d+\s*px\b/i.test(name)) return 0;
  return raster ? 1 : 2;
}

/** Largest file of a release folder read (the biggest real README is about 20 KB). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Whether a path is a regular file inside the sig-release folder once links are resolved: a
 * symlink out of the folder is never followed, and an oversized file is not read.
 */
function isFile(root: string, file: string): boolean {
  try {
    const real = realpathSync(file);
    const base = realpathSync(root);
    const stats = statSync(real);
    return real.startsWith(base + path.sep) && stats.isFile() && stats.size <= MAX_FILE_BYTES;
  } catch {
    return false;
  }
}

function listImages(dir: string, folder: string): string[] {
  const absolute = path.join(dir, folder);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) return [];
  return readdirSync(absolute)
    .filter((name) => IMAGE.test(name) && isFile(dir, path.join(absolute, name)))
    .map((name) => `${folder}/${name}`);
}

/** The README's image when it exists, else the best image under logo/ or beside the README. */
function resolveLogo(dir: string, folder: string, ref: string | null, report: Report): string | null {
  if (ref !== null && isFile(dir, path.join(dir, ref))) return ref;
  const candidates = [...listImages(dir, `${folder}/logo`), ...listImages(dir, folder)].sort(
    (a, b) => logoRank(a) - logoRank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const found = candidates[0] ?? null;
  if (ref !== null) report("logo-missing", "logo", ref, found ? "normalised" : "ignored");
  return found;
}

/** Text of a file in the release folder, or null with a warning when it is absent. */
function readOptional(dir: string, file: string, report: Report): string | null {
  const absolute = path.join(dir, file);
  if (!isFile(dir, absolute)) {
    report("file-missing", "", file, "skipped-file");
    return null;
  }
  return readFileSync(absolute, "utf8");
}

/** How far past the newest release before it a folder may be and still be read as a release. */
const MAX_RELEASE_GAP = 3;

/**
 * Release folders ("release-1.19") at or after `from`, in version order. A folder whose name is
 * no plausible release (`release-01.37`, `release-1.999`), or that lies far past the releases
 * before it (`release-2.0` after 1.37), is reported and skipped: it would become the "current cycle".
 */
function listReleases(releasesDir: string, from: string, warnings: Warning[]): Version[] {
  const found: Version[] = [];
  for (const name of readdirSync(releasesDir)) {
    const raw = /^release-(.+)$/.exec(name)?.[1];
    if (raw === undefined || !isDirectory(path.join(releasesDir, name))) continue;
    const parts = parseVersion(raw);
    const canonical = parts ? `${parts.major}.${parts.minor}` : null;
    if (canonical === null || canonical !== raw || raw.startsWith("v")) {
      if (/^v?\d/.test(raw)) warnings.push(folderWarning(name, "release-folder-unrecognised"));
      continue;
    }
    if (compareVersions(canonical, from) >= 0) found.push(canonical);
  }
  found.sort(compareVersions);
  const kept: Version[] = [];
  for (const version of found) {
    const previous = kept.at(-1);
    const parts = parseVersion(version)!;
    const before = previous ? parseVersion(previous)! : null;
    const gap =
      before === null ? 0 : parts.major === before.major ? parts.minor - before.minor : Number.POSITIVE_INFINITY;
    if (before !== null && gap > MAX_RELEASE_GAP) {
      warnings.push(folderWarning(`release-${version}`, "release-folder-implausible"));
      continue;
    }
    kept.push(version);
  }
  return kept;
}

function folderWarning(name: string, kind: WarningKind): Warning {
  return { kind, file: `releases/${name}`, field: "", value: name, action: "skipped-file" };
}

function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** One release folder; missing files become warnings. */
function readRelease(dir: string, version: Version, warnings: Warning[]): ReleaseSource {
  const folder = `releases/release-${version}`;
  const readmeFile = `${folder}/README.md`;
  const readmeText = readOptional(dir, readmeFile, reporterFor(readmeFile, version, warnings));
  const readme = readmeText === null ? null : parseReleaseReadme(readmeText, readmeFile, version);
  warnings.push(...(readme?.warnings ?? []));
  const logo = resolveLogo(dir, folder, readme?.logo ?? null, reporterFor(readmeFile, version, warnings));
  const teamFile = `${folder}/release-team.md`;
  const teamText = readOptional(dir, teamFile, reporterFor(teamFile, version, warnings));
  const team = teamText === null ? null : parseReleaseTeam(teamText, teamFile);
  warnings.push(...(team?.warnings ?? []));
  const exceptionsFile = `${folder}/exceptions.yaml`;
  const exceptionsText = readOptional(dir, exceptionsFile, reporterFor(exceptionsFile, version, warnings));
  const exceptions = exceptionsText === null ? null : parseExceptions(exceptionsText, exceptionsFile, version);
  warnings.push(...(exceptions?.warnings ?? []));
  return {
    version,
    theme: readme?.theme ?? null,
    logo,
    schedule: readme?.schedule ?? [],
    team: team?.team ?? [],
    exceptions: exceptions?.exceptions ?? [],
  };
}

/** Every release folder of a sig-release checkout from `from` (default 1.19) on; throws only when releases/ is missing. */
export function readSigRelease(
  dir: string,
  opts: { from?: string } = {},
): { releases: ReleaseSource[]; warnings: Warning[] } {
  const releasesDir = path.join(dir, "releases");
  if (!isDirectory(releasesDir)) {
    throw new Error(`sig-release: no releases/ folder at ${releasesDir}`);
  }
  const warnings: Warning[] = [];
  const releases = listReleases(releasesDir, opts.from ?? "1.19", warnings).map((version) =>
    readRelease(dir, version, warnings),
  );
  return { releases, warnings };
}
