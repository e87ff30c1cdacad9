/** A release README's schedule: the Summary list and the Timeline table read into phases, the two checked against each other. Pure: text in, facts and warnings out. */
import { pacificOffsetHours, statedDay } from "../calendar.ts";
import { PHASES, type PhaseId, type SchedulePhase, type Warning } from "../schema.ts";
import {
  type Clock,
  type DatePart,
  type Day,
  instantOf,
  isoDay,
  isoInstant,
  isPacificDaylight,
  isRealDay,
  labelledOffset,
  offsetOf,
  PACIFIC,
  parseWhen,
  type ScheduleEntry,
  type TimeHint,
  toClock,
  weekdayOf,
  ZONES,
} from "./dates.ts";
import { type ReleaseReadme, type Report, readTables, reporterFor, stripMarkdown } from "./report.ts";
import { readLogoRef, readTheme } from "./theme.ts";

/** Bullet items that start with a bold date: the Summary / TL;DR list. */
export function readSummaryEntries(text: string): ScheduleEntry[] {
  return collectBullets(text.split(/\r?\n/)).map((item) => {
    const split = /\*\*\s*:/.exec(item.slice(2));
    const cut = split ? split.index + 2 : -1;
    const when = cut >= 0 ? item.slice(0, cut) : "";
    const what = stripMarkdown(cut >= 0 ? item.slice(cut + (split?.[0].length ?? 0)) : item);
    return { source: "summary" as const, what, when, parts: parseWhen(when), hint: null };
  });
}

/** Joins each "- **…" bullet with its indented continuation lines. */
export function collectBullets(lines: string[]): string[] {
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
export function readTimelineEntries(text: string): ScheduleEntry[] {
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
export function readHint(what: string): TimeHint | null {
  const match = new RegExp(`\\((?:(\\d{1,2}):(\\d{2})\\s*(am|pm)?|EOD)\\s*(${ZONES})\\)`, "i").exec(what);
  if (!match) return null;
  const time = match[1] === undefined ? null : toClock(match);
  return { time, zone: (match[4] ?? "").toUpperCase() };
}

/**
 * Rough year of a release's cycle, used only to choose among years whose weekdays fit:
 * about four minors a year until 1.19 (August 2020), three a year since.
 */
export function expectedYear(version: string): number | null {
  const match = /^1\.(\d+)$/.exec(version);
  if (!match) return null;
  const minor = Number(match[1]);
  return Math.round(minor < 19 ? 2015.5 + minor / 4 : 2020.6 + (minor - 19) / 3);
}

/**
 * Fills in missing years, section by section: from the years a section writes, else from
 * the start year that makes the written weekdays right. Returns the sections fitted to weekdays.
 */
export function resolveYears(
  entries: ScheduleEntry[],
  version: string,
): { source: string; year: number; first: string }[] {
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
export const NEW_YEAR_JUMP = 6;

export function nextYear(previous: DatePart, current: DatePart, year: number): number {
  return previous.month - current.month >= NEW_YEAR_JUMP ? year + 1 : year;
}

/** Years for a sequence that starts in `start` and has no written years. */
export function fillFrom(sequence: DatePart[], start: number): void {
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
export function fillAroundWritten(sequence: DatePart[]): void {
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
export function bestStartYear(sequence: DatePart[], center: number): number {
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

export function asDay(part: DatePart): Day {
  return { year: part.year ?? 0, month: part.month, day: part.day };
}

export const PHASE_PATTERNS: Record<PhaseId, RegExp> = {
  "cycle-start": /release cycle begins|start of (?:the )?release cycle/i,
  "prr-freeze": /production readiness (?:soft )?freeze|\bprr freeze/i,
  "enhancements-freeze": /enhancements? freeze/i,
  "code-freeze": /code freeze/i,
  "test-freeze": /test freeze/i,
  "docs-freeze": /docs must be completed|docs complete\b|docs freeze/i,
  release: /\bv?(\d+\.\d+)\.0 released\b/i,
};
// Rows that mention a freeze without being it: reminders, exception calls, blog deadlines.
export const NOT_A_PHASE = /call for|exception|brace yourself|is coming|blog|retro|thaw|burndown/i;

/** Which phases a Summary item or Timeline row announces. */
export function phasesOf(what: string, version: string): PhaseId[] {
  if (NOT_A_PHASE.test(what)) return [];
  return PHASES.filter((id) => {
    const match = PHASE_PATTERNS[id].exec(what);
    return match !== null && (id !== "release" || match[1] === version);
  });
}

export interface Candidate {
  source: ScheduleEntry["source"];
  raw: string;
  phase: SchedulePhase | null;
  /** Every calendar day the cell writes (UTC day, Pacific day, AoE day). */
  written: string[];
  /** False when the cell's UTC and local times name different instants. */
  consistent: boolean;
}

/** A phase as one entry gives it; checks weekday, zone label and typos along the way. */
export function toCandidate(id: PhaseId, entry: ScheduleEntry, report: Report): Candidate {
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
export function checkParts(id: PhaseId, entry: ScheduleEntry, parts: DatePart[], report: Report): void {
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
export function checkPacificLabel(zone: string, day: Day, field: string, raw: string, report: Report): void {
  if (zone !== "PST" && zone !== "PDT") return;
  const expected = isPacificDaylight(day) ? "PDT" : "PST";
  if (zone !== expected) report("schedule-zone-label", field, raw, "normalised");
}

/**
 * The phase from a cell's parts. A written UTC time wins (it is unambiguous); AoE without
 * a UTC time ends at 12:00 UTC the next day, as the schedules themselves convert it; a
 * Pacific time follows the real daylight-saving rule because labels are often wrong.
 */
export function phaseFromParts(id: PhaseId, first: DatePart, parts: DatePart[], hint: TimeHint | null): SchedulePhase {
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

export function localPhase(id: PhaseId, day: Day, time: Clock, zone: string): SchedulePhase {
  const offset = offsetOf(zone, day);
  if (offset === null) return { id, date: isoDay(day) };
  const instant = instantOf(day, time.hour, time.minute, offset);
  // A Pacific time keeps the label the daylight-saving rule gives (upstream labels are often wrong).
  return { id, date: isoDay(day), at: isoInstant(instant), zone: PACIFIC.has(zone) ? pacificLabel(instant) : zone };
}

/** PDT or PST, whichever is in force at an instant. */
export function pacificLabel(instant: number): "PDT" | "PST" {
  return pacificOffsetHours(instant) === -7 ? "PDT" : "PST";
}

/** The end of a day Anywhere on Earth (UTC-12), rounded to 12:00 UTC next day as upstream does. */
export function aoeDeadline(day: Day): number {
  return Date.UTC(day.year, day.month, day.day + 1, 12, 0);
}

/** Whether every timed part of a cell names the instant the phase kept (under the label or the real rule). */
export function isConsistent(parts: DatePart[], phase: SchedulePhase): boolean {
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
export function agree(a: Candidate, b: Candidate): boolean {
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
export function choose(
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
export function pickEntry(entries: ScheduleEntry[], id: PhaseId, version: string): ScheduleEntry | null {
  const matching = entries.filter((entry) => phasesOf(entry.what, version).includes(id));
  return matching.find((entry) => entry.parts.length > 0) ?? matching[0] ?? null;
}

/** The seven phases from a README's Summary list and Timeline table. */
export function readSchedule(text: string, version: string, report: Report): SchedulePhase[] {
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

export function readPhase(
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
export function checkBounds(schedule: SchedulePhase[], report: Report): void {
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
