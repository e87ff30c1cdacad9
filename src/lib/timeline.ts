/**
 * A KEP's stage timeline: for each stage, the releases kep.yaml aimed it at over time
 * and what became of each target. kep.yaml keeps only the final milestone of a stage;
 * the targets that moved before it are read from the metadata's history.
 */

import { type Calendar, isReleased, releaseCutoff } from "./calendar.ts";
import { compareText } from "./order.ts";
import type { KepVersion, Milestone, Stage, Status, TimelineEntry, Version } from "./schema.ts";
import { compareVersions, stageRank, toVersion } from "./versions.ts";
import { STAGES } from "./vocabulary.ts";

/** Statuses that end every open target: the KEP is no longer heading anywhere. */
const ENDING_STATUSES: ReadonlySet<Status> = new Set(["withdrawn", "rejected", "replaced", "deferred"]);

/** Statuses under which a reached stage counts as shipped. */
const SHIPPING_STATUSES: ReadonlySet<Status | null> = new Set(["implementable", "implemented", null]);

interface OpenTarget {
  entry: TimelineEntry;
}

/** The release a version aims a stage at, and whether that came from latest-milestone. */
function targetOf(version: KepVersion, stage: Stage): { milestone: Milestone; fromLatest: boolean } | null {
  const mapped = version.milestones[stage];
  if (mapped) return { milestone: mapped, fromLatest: false };
  if (version.stage === stage && version.latestMilestone && !version.cleared?.includes(stage)) {
    return { milestone: version.latestMilestone, fromLatest: true };
  }
  return null;
}

/**
 * A target that moves counts as a slip when the stage was being worked on for it:
 * latest-milestone pointed at that release, or the release went out while targeted.
 * Otherwise a plan for a later stage was moved early: a replan.
 */
function isActive(target: TimelineEntry, before: KepVersion | undefined, calendar: Calendar, on: string): boolean {
  if (before?.latestMilestone && toVersion(before.latestMilestone) === target.release) return true;
  return isOutBy(calendar, target.release, on);
}

/** Whether a release was out at an instant (its release day had ended, Pacific time). */
function isOutBy(calendar: Calendar, release: Version, on: string): boolean {
  const cutoff = releaseCutoff(calendar, release);
  return cutoff !== null && cutoff < on;
}

/** The metadata version in force at an instant (versions oldest first). */
function versionOn(versions: readonly KepVersion[], on: string): KepVersion | undefined {
  let found: KepVersion | undefined;
  for (const version of versions) {
    if (version.date <= on) found = version;
    else break;
  }
  return found;
}

/** Derives the stage timeline from a KEP's metadata versions (oldest first). */
export function deriveStageTimeline(
  versions: readonly KepVersion[],
  calendar: Calendar,
  current: { stage: Stage | null; status: Status | null },
): TimelineEntry[] {
  const done: TimelineEntry[] = [];
  const open = new Map<Stage, OpenTarget>();
  let previous: KepVersion | undefined;

  const close = (stage: Stage, outcome: TimelineEntry["outcome"], on: string, movedTo?: Version) => {
    const target = open.get(stage);
    if (!target) return;
    open.delete(stage);
    // A record written after the fact was never a plan: only a shipped one is kept.
    if (target.entry.late && outcome !== "shipped") return;
    const entry: TimelineEntry = { ...target.entry, outcome };
    if (outcome !== "shipped") entry.changedOn = on;
    if (movedTo) entry.movedTo = movedTo;
    done.push(entry);
  };

  for (const version of versions) {
    if (version.status && ENDING_STATUSES.has(version.status)) {
      for (const [stage, target] of [...open]) {
        const reached = version.stage !== null && stageRank(version.stage) >= stageRank(stage);
        const out = isActive(target.entry, undefined, calendar, version.date);
        close(stage, reached && out ? "shipped" : "dropped", version.date);
      }
      previous = version;
      continue;
    }
    for (const stage of STAGES) {
      const target = targetOf(version, stage);
      const standing = open.get(stage);
      if (!target) {
        if (standing && version.cleared?.includes(stage)) {
          const active = isActive(standing.entry, previous, calendar, version.date);
          close(stage, active ? "slipped" : "replanned", version.date);
        }
        continue;
      }
      const release = toVersion(target.milestone);
      if (standing?.entry.release === release) continue;
      if (standing) {
        // A target that moves on, even with the stage unchanged, did not ship where it stood:
        // a kep.yaml that keeps a stage and moves its release is still working towards it.
        const later = compareVersions(release, standing.entry.release) > 0;
        const active = isActive(standing.entry, previous, calendar, version.date);
        close(stage, later ? (active ? "slipped" : "replanned") : "pulled-in", version.date, release);
      } else if (done.some((entry) => entry.stage === stage && entry.outcome === "shipped")) {
        continue;
      }
      const entry: TimelineEntry = { stage, release, outcome: "planned", targetedOn: version.date };
      // Named only after the release was out: history written after the fact.
      if (isOutBy(calendar, release, version.date) && calendar.entries.has(release)) entry.late = true;
      open.set(stage, { entry });
    }
    previous = version;
  }

  for (const [stage, target] of open) {
    const outcome = finalOutcome(stage, target.entry, versions, calendar, current);
    // A late record of a stage never reached says nothing: leave it out.
    if (target.entry.late && outcome !== "shipped") continue;
    done.push({ ...target.entry, outcome });
  }
  return done.sort(compareEntries);
}

/**
 * What became of a target that stood to the end of the history: planned while its release is
 * not out; shipped when the KEP reached the stage and, on release day, kep.yaml was trackable
 * (a provisional KEP ships nothing); missed otherwise.
 */
function finalOutcome(
  stage: Stage,
  entry: TimelineEntry,
  versions: readonly KepVersion[],
  calendar: Calendar,
  current: { stage: Stage | null; status: Status | null },
): TimelineEntry["outcome"] {
  if (!isReleased(calendar, entry.release)) return "planned";
  const reached = current.stage !== null && stageRank(current.stage) >= stageRank(stage);
  if (!reached || !SHIPPING_STATUSES.has(current.status)) return "missed";
  const cutoff = releaseCutoff(calendar, entry.release);
  const onReleaseDay = cutoff && !entry.late ? versionOn(versions, cutoff) : undefined;
  if (onReleaseDay && !SHIPPING_STATUSES.has(onReleaseDay.status)) return "missed";
  return "shipped";
}

function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  return (
    compareText(a.targetedOn, b.targetedOn) ||
    stageRank(a.stage) - stageRank(b.stage) ||
    compareVersions(a.release, b.release)
  );
}

/** The release each stage shipped in, from a timeline. */
export function shippedStages(timeline: readonly TimelineEntry[]): Partial<Record<Stage, Version>> {
  const shipped: Partial<Record<Stage, Version>> = {};
  for (const entry of timeline) if (entry.outcome === "shipped") shipped[entry.stage] = entry.release;
  return shipped;
}
