/**
 * A KEP's stage timeline: for each stage, the releases kep.yaml aimed it at over time
 * and what became of each target. kep.yaml keeps only the final milestone of a stage;
 * the targets that moved before it are read from the metadata's history.
 */

import { type Calendar, isReleased } from "./calendar.ts";
import { compareText } from "./order.ts";
import type { KepVersion, Milestone, Stage, Status, TimelineEntry, Version } from "./schema.ts";
import { STAGES } from "./schema.ts";
import { compareVersions, stageRank, toVersion } from "./versions.ts";

/** Statuses that end every open target: the KEP is no longer heading anywhere. */
const ENDING_STATUSES: ReadonlySet<Status> = new Set(["withdrawn", "rejected", "replaced", "deferred"]);

/** Statuses under which a reached stage counts as shipped. */
const SHIPPING_STATUSES: ReadonlySet<Status | null> = new Set(["implementable", "implemented", null]);

interface OpenTarget {
  entry: TimelineEntry;
  /** The target came from latest-milestone because the milestone map had no value for the stage. */
  fromLatest: boolean;
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
  const released = calendar.entries.get(target.release)?.releaseDate;
  return released !== null && released !== undefined && `${released}T23:59:59Z` < on;
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
        // A latest-milestone target that outlived its release, with the stage reached, shipped there:
        // the newer value is follow-up work in the same stage, not a move of the target.
        const shippedThere =
          standing.fromLatest &&
          target.fromLatest &&
          isActive(standing.entry, undefined, calendar, version.date) &&
          version.stage !== null &&
          stageRank(version.stage) >= stageRank(stage);
        if (shippedThere) {
          close(stage, "shipped", version.date);
          continue;
        }
        const later = compareVersions(release, standing.entry.release) > 0;
        const active = isActive(standing.entry, previous, calendar, version.date);
        close(stage, later ? (active ? "slipped" : "replanned") : "pulled-in", version.date, release);
      } else if (done.some((entry) => entry.stage === stage && entry.outcome === "shipped")) {
        continue;
      }
      open.set(stage, {
        entry: { stage, release, outcome: "planned", targetedOn: version.date },
        fromLatest: target.fromLatest,
      });
    }
    previous = version;
  }

  for (const [stage, target] of open) {
    const entry: TimelineEntry = {
      ...target.entry,
      outcome: finalOutcome(stage, target.entry.release, calendar, current),
    };
    done.push(entry);
  }
  return done.sort(compareEntries);
}

function finalOutcome(
  stage: Stage,
  release: Version,
  calendar: Calendar,
  current: { stage: Stage | null; status: Status | null },
): TimelineEntry["outcome"] {
  if (!isReleased(calendar, release)) return "planned";
  const reached = current.stage !== null && stageRank(current.stage) >= stageRank(stage);
  return reached && SHIPPING_STATUSES.has(current.status) ? "shipped" : "missed";
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
