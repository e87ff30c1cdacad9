/** Dates as the release schedules write them: days without a year, typos, weekdays, Pacific and AoE times. Pure: text in, facts and warnings out. */
import { isRealDay as isRealCalendarDay } from "../calendar.ts";
import { editDistance } from "../text.ts";
import { stripMarkdown } from "./report.ts";

export const MONTHS = [
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
export const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export const WEEKDAY_SPELLINGS = new Set([
  ...WEEKDAYS,
  ...["sun", "mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat"],
]);

export interface Day {
  year: number;
  month: number; // 0-based
  day: number;
}

export function isoDay(d: Day): string {
  return `${d.year}-${pad(d.month + 1)}-${pad(d.day)}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Milliseconds since the epoch for a local time at a fixed UTC offset (hours). */
export function instantOf(d: Day, hour: number, minute: number, offsetHours: number): number {
  return Date.UTC(d.year, d.month, d.day, hour, minute) - offsetHours * 3_600_000;
}

/** "2023-10-06T01:00:00Z" */
export function isoInstant(ms: number): string {
  const t = new Date(ms);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:00Z`;
}

export function weekdayOf(d: Day): number {
  return new Date(Date.UTC(d.year, d.month, d.day)).getUTCDay();
}

export function isRealDay(d: Day): boolean {
  return isRealCalendarDay(d.year, d.month + 1, d.day);
}

/** The n-th Sunday (1-based) of a month. */
export function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

/** US daylight saving (second Sunday of March to first Sunday of November), by day. */
export function isPacificDaylight(d: Day): boolean {
  const start = Date.UTC(d.year, 2, nthSunday(d.year, 2, 2));
  const end = Date.UTC(d.year, 10, nthSunday(d.year, 10, 1));
  const day = Date.UTC(d.year, d.month, d.day);
  return day >= start && day < end;
}

export const PACIFIC = new Set(["PST", "PDT", "PT"]);
// Fixed offsets of the other zones the schedules write.
export const FIXED_OFFSETS: Record<string, number> = { UTC: 0, GMT: 0, BST: 1, CET: 1, CEST: 2, AOE: -12 };

/** The offset a zone label means on a day; Pacific labels follow the real DST rule, not the label. */
export function offsetOf(zone: string, d: Day): number | null {
  if (PACIFIC.has(zone)) return isPacificDaylight(d) ? -7 : -8;
  return FIXED_OFFSETS[zone] ?? null;
}

/** The offset the label itself claims (PST = -8 even in July). */
export function labelledOffset(zone: string, d: Day): number | null {
  if (zone === "PST") return -8;
  if (zone === "PDT") return -7;
  return offsetOf(zone, d);
}

export interface Clock {
  hour: number;
  minute: number;
}

/** One dated fragment of a "When" cell ("01:00 UTC Friday 6th October 2023"). */
export interface DatePart {
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
export interface TimeHint {
  time: Clock | null;
  zone: string;
}

export interface ScheduleEntry {
  source: "summary" | "timeline";
  what: string;
  when: string;
  parts: DatePart[];
  hint: TimeHint | null;
}

export const ZONES = "UTC|GMT|PST|PDT|PT|BST|CEST|CET";
export const TIME = new RegExp(`\\b(\\d{1,2}):(\\d{2})\\s*(am|pm)?\\s*(${ZONES})?\\b`, "i");

/** Splits a "When" cell into its dated parts ("UTC / PDT" pairs, AoE / UTC pairs). */
export function parseWhen(when: string): DatePart[] {
  return stripMarkdown(when)
    .split(/\s+\/\s+/)
    .map((raw) => parseDatePart(raw))
    .filter((part): part is DatePart => part !== null);
}

/** Reads one dated fragment; null when it holds no day and month (TBD, a bare time). */
export function parseDatePart(raw: string): DatePart | null {
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

export function isoPart(
  raw: string,
  iso: RegExpExecArray,
  time: Clock | null,
  zone: string | null,
  aoe: boolean,
): DatePart {
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

export function toClock(match: RegExpExecArray): Clock {
  let hour = Number(match[1]);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  return { hour, minute: Number(match[2]) };
}

export interface Tokens {
  day: number | null;
  month: number | null;
  year: number | null;
  weekday: number | null;
  typos: string[];
}

/** Day, month, year and weekday from free text, tolerating ordinals, abbreviations and small typos. */
export function readTokens(text: string): Tokens {
  const out: Tokens = { day: null, month: null, year: null, weekday: null, typos: [] };
  // "November2023" happens; split letters from digits that follow them.
  for (const token of text.replace(/([a-z])(\d)/gi, "$1 $2").split(/[\s,.]+/)) {
    readToken(token, out);
  }
  return out;
}

export function readToken(token: string, out: Tokens): void {
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
export function matchName(word: string, names: readonly string[]): { index: number; typo: boolean } | null {
  const exact = names.findIndex((name) => name.startsWith(word));
  if (exact >= 0) return { index: exact, typo: false };
  const near = names.findIndex((name) => name.startsWith(word.slice(0, 3)) && editDistance(word, name) <= 2);
  return near >= 0 ? { index: near, typo: true } : null;
}

export function ordinalSuffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][day % 10] ?? "th";
}
