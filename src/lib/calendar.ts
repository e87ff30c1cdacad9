/** When releases happen: the small slice of release data that history derivations need. */
import type { PhaseId, Release, SchedulePhase, Version } from "./schema.ts";
import { compareVersions } from "./versions.ts";

/** Dates of one release that derivations look at (ISO days or instants). */
export interface CalendarEntry {
  version: Version;
  releaseDate: string | null;
  /** The cycle's first day (start of that day, UTC), when the schedule gives it. */
  cycleStart: string | null;
  enhancementsFreeze: string | null;
}

/** Releases by version, plus the day the data speaks for. */
export interface Calendar {
  entries: Map<Version, CalendarEntry>;
  /** Releases on or before this day are out. */
  asOf: string;
}

/** Builds a calendar from release schedules. */
export function buildCalendar(releases: Pick<Release, "version" | "schedule">[], asOf: string): Calendar {
  const entries = new Map<Version, CalendarEntry>();
  for (const release of releases) {
    entries.set(release.version, {
      version: release.version,
      releaseDate: phaseDay(release, "release"),
      cycleStart: cycleStartInstant(release),
      enhancementsFreeze: phaseInstant(release, "enhancements-freeze"),
    });
  }
  return { entries, asOf };
}

/** The first instant of a cycle (the start of its first day, UTC, to count anything on that day in). */
function cycleStartInstant(release: Pick<Release, "schedule">): string | null {
  const day = phaseDay(release, "cycle-start");
  return day ? `${day}T00:00:00Z` : null;
}

/** The calendar day of a schedule phase, or null when the schedule lacks it. */
export function phaseDay(release: Pick<Release, "schedule">, id: PhaseId): string | null {
  return release.schedule.find((phase) => phase.id === id)?.date ?? null;
}

/** The instant of a schedule phase (its time when given, else the end of its day, Pacific). */
export function phaseInstant(release: Pick<Release, "schedule">, id: PhaseId): string | null {
  const phase = release.schedule.find((p) => p.id === id);
  return phase ? scheduleInstant(phase) : null;
}

/**
 * The instant a schedule point takes effect: its time when the schedule gives one, else (for
 * a deadline) the end of its day in Pacific time, the release team's working zone ("EOD PST" in the older
 * schedules), so a change merged anywhere on that day counts as before it.
 */
export function scheduleInstant(phase: Pick<SchedulePhase, "date" | "at"> & { id?: PhaseId }): string {
  if (phase.at) return phase.at;
  // A cycle starts at the beginning of its first day; every other point is a deadline.
  if (phase.id === "cycle-start") return startOfPacificDay(phase.date);
  return endOfPacificDay(phase.date);
}

/** The first second of a calendar day in Pacific time, as a UTC instant. */
export function startOfPacificDay(date: string): string {
  const end = Date.parse(endOfPacificDay(date));
  return new Date(end - 86_399_000).toISOString().replace(".000Z", "Z");
}

/** The last second of a calendar day in Pacific time, as a UTC instant ("2020-10-07T06:59:59Z"). */
export function endOfPacificDay(date: string): string {
  const noon = Date.parse(`${date}T12:00:00Z`);
  const offset = pacificOffsetHours(noon);
  return new Date(Date.parse(`${date}T23:59:59Z`) - offset * 3_600_000).toISOString().replace(".000Z", "Z");
}

/** The Pacific offset from UTC (-7 or -8 hours) at an instant, by the US daylight-saving rule. */
export function pacificOffsetHours(instant: number): number {
  const name = PACIFIC_OFFSET.formatToParts(new Date(instant)).find((p) => p.type === "timeZoneName")?.value;
  return Number(/GMT([+-]\d+)/.exec(name ?? "")?.[1] ?? -8);
}

const PACIFIC_OFFSET = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Los_Angeles",
  timeZoneName: "shortOffset",
});
const PACIFIC_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" });

/** Zone labels that mean Pacific time (the label itself is often wrong about daylight saving). */
export const PACIFIC_ZONES: ReadonlySet<string> = new Set(["PST", "PDT", "PT"]);

/**
 * The calendar day an instant falls on in the schedule's own convention: the Pacific day for
 * PST/PDT deadlines, the Anywhere-on-Earth day for AoE deadlines (12:00 UTC on the 23rd ends
 * the 22nd AoE), the UTC day otherwise.
 */
export function statedDay(at: string, zone: string | undefined): string {
  const instant = Date.parse(at);
  const label = zone?.toUpperCase();
  if (label && PACIFIC_ZONES.has(label)) return PACIFIC_DAY.format(new Date(instant));
  // AoE is UTC-12; a deadline is the end of its day there, so step back one second first.
  if (label === "AOE") return new Date(instant - 12 * 3_600_000 - 1000).toISOString().slice(0, 10);
  return new Date(instant).toISOString().slice(0, 10);
}

/**
 * Whether a release is out on the calendar's day. Releases older than the calendar
 * are out; newer ones are not; a known release without a date is out when a later one is.
 */
export function isReleased(calendar: Calendar, version: Version): boolean {
  const known = [...calendar.entries.keys()].sort(compareVersions);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return false;
  if (compareVersions(version, first) < 0) return true;
  if (compareVersions(version, last) > 0) return false;
  const date = calendar.entries.get(version)?.releaseDate;
  if (date) return date <= calendar.asOf;
  return known.some(
    (other) =>
      compareVersions(other, version) > 0 && (calendar.entries.get(other)?.releaseDate ?? "9") <= calendar.asOf,
  );
}

/** Release day as an instant at the end of that day (Pacific), so merges on release day count as before it. */
export function releaseCutoff(calendar: Calendar, version: Version): string | null {
  const date = calendar.entries.get(version)?.releaseDate;
  return date ? endOfPacificDay(date) : null;
}

/** Whether a year, month (1-12) and day name a real calendar day. */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC avoids DST surprises).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
