/** When releases happen: the small slice of release data that history derivations need. */
import type { PhaseId, Release, Version } from "./schema.ts";
import { compareVersions } from "./versions.ts";

/** Dates of one release that derivations look at (ISO days or instants). */
export interface CalendarEntry {
  version: Version;
  releaseDate: string | null;
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
      enhancementsFreeze: phaseInstant(release, "enhancements-freeze"),
    });
  }
  return { entries, asOf };
}

/** The calendar day of a schedule phase, or null when the schedule lacks it. */
export function phaseDay(release: Pick<Release, "schedule">, id: PhaseId): string | null {
  return release.schedule.find((phase) => phase.id === id)?.date ?? null;
}

/** The instant of a schedule phase (its time when given, else the start of its day, UTC). */
export function phaseInstant(release: Pick<Release, "schedule">, id: PhaseId): string | null {
  const phase = release.schedule.find((p) => p.id === id);
  if (!phase) return null;
  return phase.at ?? `${phase.date}T00:00:00Z`;
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

/** Release day as an instant at the end of that day, so merges on release day count as before it. */
export function releaseCutoff(calendar: Calendar, version: Version): string | null {
  const date = calendar.entries.get(version)?.releaseDate;
  return date ? `${date}T23:59:59Z` : null;
}
