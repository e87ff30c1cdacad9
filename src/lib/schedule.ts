/**
 * Where a release cycle stands on a given day, and how its schedule reads: labels,
 * times in the zone the schedule wrote them in, positions on a timeline.
 * Pure: "today" is always an argument, never the clock.
 */
import { endOfPacificDay, PACIFIC_ZONES, pacificOffsetHours, scheduleInstant, startOfPacificDay } from "./calendar.ts";
import type { PhaseId, Release, SchedulePhase, Version } from "./schema.ts";
import { compareVersions } from "./versions.ts";

/** Names of the schedule points as the site shows them. */
export const PHASE_LABELS: Record<PhaseId, string> = {
  "cycle-start": "Cycle starts",
  "prr-freeze": "PRR freeze",
  "enhancements-freeze": "Enhancements freeze",
  "code-freeze": "Code freeze",
  "test-freeze": "Test freeze",
  "docs-freeze": "Docs freeze",
  release: "Release",
};

/** Short names for the points on a narrow timeline. */
export const PHASE_SHORT_LABELS: Record<PhaseId, string> = {
  "cycle-start": "Start",
  "prr-freeze": "PRR",
  "enhancements-freeze": "Enhancements",
  "code-freeze": "Code",
  "test-freeze": "Test",
  "docs-freeze": "Docs",
  release: "Release",
};

/** What the cycle is doing after each point has passed (until the next one). */
export const PERIOD_AFTER: Record<PhaseId, string> = {
  "cycle-start": "Enhancements are being opted in",
  "prr-freeze": "Production readiness reviews are closed; enhancements are being finalised",
  "enhancements-freeze": "Enhancements are frozen: implementation is under way",
  "code-freeze": "Code freeze: only fixes for the release go in",
  "test-freeze": "Test freeze: the release is being stabilised",
  "docs-freeze": "Docs are frozen: the release is being prepared",
  release: "Released",
};

const DAY_MS = 86_400_000;

/** The instant a schedule point takes effect: its time when given, else the end of its day (Pacific). */
export function pointInstant(phase: Pick<SchedulePhase, "date" | "at"> & { id?: SchedulePhase["id"] }): number {
  return Date.parse(scheduleInstant(phase));
}

/**
 * The instant a countdown to a point counts to: its time when given, else the start of its day
 * (Pacific), so a release day reads "today" from its first hour.
 */
export function countdownInstant(phase: Pick<SchedulePhase, "date" | "at">): number {
  return Date.parse(phase.at ?? startOfPacificDay(phase.date));
}

/** The end of a release day (Pacific): a release counts as in progress through its whole day. */
function dayEnd(date: string): number {
  return Date.parse(endOfPacificDay(date));
}

/** Whole days from one instant until another, rounded up (0 on the day itself, negative once past). */
export function daysUntil(now: number, then: number): number {
  return Math.ceil((then - now) / DAY_MS);
}

/** A schedule in time order (the upstream tables are not always in order). */
export function sortSchedule(schedule: readonly SchedulePhase[]): SchedulePhase[] {
  return [...schedule].sort((a, b) => pointInstant(a) - pointInstant(b));
}

/** Where the newest cycle stands on a day. */
export type CycleStatus =
  | {
      kind: "in-progress";
      version: Version;
      /** Week of the cycle, counted from its start (week 1 is the first seven days). */
      week: number;
      /** The last point that has passed (null before the first one, which cannot happen in a cycle). */
      passed: SchedulePhase | null;
      /** The next point still ahead. */
      next: SchedulePhase;
      /** Days until the next point. */
      daysToNext: number;
      /** The release date, if the schedule has one. */
      releaseDate: string | null;
    }
  | { kind: "upcoming"; version: Version; start: SchedulePhase; daysToStart: number }
  | {
      kind: "ended";
      version: Version;
      releaseDate: string;
      /** True when the data itself says the release is out (not only that its date has passed). */
      releasedInData: boolean;
    }
  | { kind: "unknown" };

/**
 * The cycle in progress on a day: the newest release whose schedule spans the day. With
 * none in progress, the newest scheduled release either starts later ("upcoming") or has
 * passed its release date with no newer schedule in the data ("ended").
 */
export function describeCycle(
  releases: readonly Pick<Release, "version" | "schedule" | "releaseDate" | "state">[],
  now: number,
): CycleStatus {
  const scheduled = releases.filter((r) => r.schedule.length > 0).sort((a, b) => compareVersions(b.version, a.version));
  for (const release of scheduled) {
    const points = sortSchedule(release.schedule);
    const first = points[0]!;
    const releaseDate = release.schedule.find((p) => p.id === "release")?.date ?? release.releaseDate;
    const end = releaseDate ? dayEnd(releaseDate) : pointInstant(points.at(-1)!);
    if (now < pointInstant(first) || now > end) continue;
    const next = points.find((p) => (p.id === "release" ? dayEnd(p.date) : pointInstant(p)) >= now) ?? points.at(-1)!;
    const passed = points.filter((p) => pointInstant(p) < now && p !== next).at(-1) ?? null;
    return {
      kind: "in-progress",
      version: release.version,
      week: Math.floor((now - pointInstant(first)) / (7 * DAY_MS)) + 1,
      passed,
      next,
      daysToNext: Math.max(0, daysUntil(now, countdownInstant(next))),
      releaseDate,
    };
  }
  const newest = scheduled[0];
  if (!newest) return { kind: "unknown" };
  const start = sortSchedule(newest.schedule)[0]!;
  if (now < pointInstant(start)) {
    return { kind: "upcoming", version: newest.version, start, daysToStart: daysUntil(now, pointInstant(start)) };
  }
  const releaseDate = newest.releaseDate ?? newest.schedule.find((p) => p.id === "release")?.date;
  if (!releaseDate) return { kind: "unknown" };
  return { kind: "ended", version: newest.version, releaseDate, releasedInData: newest.state === "released" };
}

/** The next freeze ahead in a cycle (PRR, enhancements, code, test or docs), or null when all have passed. */
export function nextFreeze(schedule: readonly SchedulePhase[], now: number): SchedulePhase | null {
  return sortSchedule(schedule).find((p) => p.id.endsWith("-freeze") && pointInstant(p) >= now) ?? null;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Thu 5 Oct" (with the year: "Thu 5 Oct 2023") of a UTC calendar day, in fixed English. */
function dayName(date: Date, withYear: boolean): string {
  const base = `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return withYear ? `${base} ${date.getUTCFullYear()}` : base;
}
const CLOCK_FORMAT = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});
const PACIFIC_CLOCK_FORMAT = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "America/Los_Angeles",
});

/** A schedule day as people read it: "Thu 5 Oct 2023". */
export function formatScheduleDay(date: string): string {
  return dayName(new Date(`${date}T12:00:00Z`), true);
}

/**
 * The time of a schedule point as its schedule states it, then the UTC instant with its UTC
 * day when that differs from the stated day: "18:00 PDT · 01:00 UTC Fri 6 Oct",
 * "end of day AoE · 12:00 UTC Thu 23 Jul", "01:00 UTC". Null when the schedule gives a day only.
 */
export function formatPointTime(phase: Pick<SchedulePhase, "date" | "at" | "zone">): string | null {
  if (!phase.at) return null;
  const instant = new Date(phase.at);
  const utcDay = phase.at.slice(0, 10);
  const utc = `${CLOCK_FORMAT.format(instant)} UTC${utcDay === phase.date ? "" : ` ${dayName(instant, false)}`}`;
  const zone = phase.zone?.toUpperCase();
  if (!zone || zone === "UTC" || zone === "GMT") return utc;
  if (PACIFIC_ZONES.has(zone)) {
    const label = pacificOffsetHours(instant.getTime()) === -7 ? "PDT" : "PST";
    return `${PACIFIC_CLOCK_FORMAT.format(instant)} ${label} · ${utc}`;
  }
  if (zone === "AOE") return `end of day AoE · ${utc}`;
  return `${utc} (${phase.zone})`;
}

/** One marker on a schedule timeline: points on the same day share a marker. */
export interface ScheduleMarker {
  ids: PhaseId[];
  date: string;
  /** Position from the first point (0) to the last (1). */
  at: number;
}

/** A schedule laid out on a line from its first to its last point, with optional day markers on it. */
export interface ScheduleLayout {
  markers: ScheduleMarker[];
  /** Where "today" falls, when it is inside the cycle. */
  today: number | null;
  /** Where the data's own date falls, when it is inside the cycle. */
  asOf: number | null;
}

/** Lays a schedule out proportionally in time; days outside the cycle get no marker. */
export function layoutSchedule(
  schedule: readonly SchedulePhase[],
  marks: { today?: number; asOf?: number } = {},
): ScheduleLayout {
  const points = sortSchedule(schedule);
  if (points.length === 0) return { markers: [], today: null, asOf: null };
  const start = Date.parse(`${points[0]!.date}T00:00:00Z`);
  const end = Date.parse(`${points.at(-1)!.date}T00:00:00Z`);
  const span = Math.max(end - start, DAY_MS);
  const position = (instant: number) => Math.min(1, Math.max(0, (instant - start) / span));
  const markers: ScheduleMarker[] = [];
  for (const point of points) {
    const last = markers.at(-1);
    if (last && last.date === point.date) {
      last.ids.push(point.id);
      continue;
    }
    markers.push({ ids: [point.id], date: point.date, at: position(Date.parse(`${point.date}T00:00:00Z`)) });
  }
  const inside = (instant: number | undefined) =>
    instant !== undefined && instant >= start && instant <= end + DAY_MS ? position(instant) : null;
  return { markers, today: inside(marks.today), asOf: inside(marks.asOf) };
}

/** Week of the cycle a day falls in (week 1 starts on the cycle's first day), or null without a start. */
export function cycleWeek(schedule: readonly SchedulePhase[], date: string): number | null {
  const start = schedule.find((p) => p.id === "cycle-start")?.date ?? sortSchedule(schedule)[0]?.date;
  if (!start) return null;
  return Math.floor((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / (7 * DAY_MS)) + 1;
}
