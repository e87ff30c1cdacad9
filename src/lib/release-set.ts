/**
 * The enhancements a release carried, reconstructed from every signal the data holds.
 * Counting `milestone.<stage> == v1.N` alone misses the Major Change items that stay in
 * their stage (15 to 25 percent of some releases), so kep.yaml as it stood on release
 * day, the stage timeline and approved freeze exceptions all contribute, and each entry
 * records which signals put it there.
 */
import { type Calendar, releaseCutoff } from "./calendar.ts";
import type {
  ChangeKind,
  FreezeException,
  Inference,
  Kep,
  KepVersion,
  ReleaseEnhancement,
  ReleaseStage,
  SlippedEnhancement,
  Stage,
  TimelineEntry,
  Version,
} from "./schema.ts";
import { compareVersions, stageRank, toMilestone } from "./versions.ts";
import { STAGES } from "./vocabulary.ts";

/** What a release-set derivation needs of a KEP. */
export type ReleaseSetKep = Pick<Kep, "number" | "owningSig" | "history" | "timeline"> & Partial<Pick<Kep, "deleted">>;

/** The enhancements a release carried, those that slipped out of it, and stale targets. */
export interface ReleaseSet {
  enhancements: ReleaseEnhancement[];
  slipped: SlippedEnhancement[];
  /** Targets that stood untouched through the cycle and moved away later: not worked on, not slipped. */
  stale: SlippedEnhancement[];
}

const TRACKABLE = new Set(["implementable", "implemented"]);

/** Last metadata version at or before an instant (the newest when `at` is null). */
export function versionAt(history: readonly KepVersion[], at: string | null): KepVersion | undefined {
  if (at === null) return history.at(-1);
  let found: KepVersion | undefined;
  for (const version of history) {
    if (version.date <= at) found = version;
    else break;
  }
  return found;
}

/** Highest stage a milestone map puts in a release. */
function stageInMap(milestones: KepVersion["milestones"], version: Version): Stage | null {
  const milestone = toMilestone(version);
  let best: Stage | null = null;
  for (const stage of STAGES) {
    if (milestones[stage] === milestone && (!best || stageRank(stage) > stageRank(best))) best = stage;
  }
  return best;
}

/** Disabled is grouped with deprecated on release pages. */
function toReleaseStage(stage: Stage): ReleaseStage {
  return stage === "disabled" ? "deprecated" : stage;
}

/** Whether the timeline shows the stage shipped in an earlier release. */
function shippedBefore(kep: ReleaseSetKep, stage: Stage, version: Version): boolean {
  return kep.timeline.some(
    (entry) => entry.stage === stage && entry.outcome === "shipped" && compareVersions(entry.release, version) < 0,
  );
}

/** The kind of an entry; a stage reached in an earlier release is follow-up work here, whatever the stage. */
function kindOf(stage: Stage, graduatesHere: boolean, reachedBefore: boolean): ChangeKind {
  if (!graduatesHere && reachedBefore) return "major-change";
  if (stageRank(stage) > stageRank("stable")) return "deprecation";
  if (!graduatesHere) return "major-change";
  return stage === "alpha" ? "net-new" : "graduating";
}

/** The days a cycle's targets are judged by. */
interface CycleDays {
  start: string | null;
  freeze: string | null;
  cutoff: string | null;
}

/**
 * Whether a target that left a release was live during its cycle: kep.yaml named the release
 * as its latest-milestone at enhancements freeze (the KEP's current target, not a far plan
 * for a later stage), or set or moved the target between the cycle's start and release day.
 * A target nobody touched during the cycle (moved months later) is stale, not a slip.
 */
function wasLive(kep: ReleaseSetKep, entry: TimelineEntry, days: CycleDays): boolean {
  const inCycle = (at: string | undefined) =>
    at !== undefined && (days.start === null || at >= days.start) && (days.cutoff === null || at <= days.cutoff);
  if (inCycle(entry.targetedOn) || inCycle(entry.changedOn)) return true;
  if (!days.freeze) return false;
  return versionAt(kep.history, days.freeze)?.latestMilestone === toMilestone(entry.release);
}

/**
 * Reconstructs one release's enhancement list, slipped list and stale targets. Only kep.yaml
 * as it stood on release day can put a KEP in a release; a deleted kep.yaml puts it in none.
 * `tracked` (from a GitHub sync) maps the KEPs the release team tracked for this release to
 * the stage label they carried.
 */
export function deriveReleaseSet(
  version: Version,
  keps: readonly ReleaseSetKep[],
  calendar: Calendar,
  exceptions: readonly FreezeException[],
  tracked?: ReadonlyMap<number, Stage | null>,
): ReleaseSet {
  const milestone = toMilestone(version);
  const days: CycleDays = {
    start: calendar.entries.get(version)?.cycleStart ?? null,
    freeze: calendar.entries.get(version)?.enhancementsFreeze ?? null,
    cutoff: releaseCutoff(calendar, version),
  };
  const approved = new Set(exceptions.filter((e) => e.status === "approved" && e.kep !== null).map((e) => e.kep));
  const enhancements: ReleaseEnhancement[] = [];
  const slipped: SlippedEnhancement[] = [];
  const stale: SlippedEnhancement[] = [];

  for (const kep of keps) {
    if (kep.deleted) continue;
    const here = kep.timeline.filter((entry) => entry.release === version);
    // A target recorded only after the release was out does not count for it.
    const landed = here.filter((entry) => (entry.outcome === "shipped" || entry.outcome === "planned") && !entry.late);
    const signals = new Set<Inference>();
    let stage: Stage | null = null;
    let graduatesHere = false;

    const onReleaseDay = versionAt(kep.history, days.cutoff);
    // The map as it stood on release day, where the timeline agrees the stage landed here.
    const fromMap = onReleaseDay ? stageInMap(onReleaseDay.milestones, version) : null;
    if (fromMap && landed.some((entry) => entry.stage === fromMap)) signals.add("milestone");
    for (const entry of landed) {
      if (!stage || stageRank(entry.stage) > stageRank(stage)) stage = entry.stage;
      graduatesHere = true;
    }
    // latest-milestone alone names a major change: work in a stage that shipped earlier. A stage
    // that never shipped and did not land here is a target that moved on, not an enhancement.
    const daysStage = onReleaseDay?.stage ?? null;
    const trackable = daysStage !== null && TRACKABLE.has(onReleaseDay?.status ?? "");
    const majorChange = daysStage !== null && (stage !== null || shippedBefore(kep, daysStage, version));
    if (onReleaseDay?.latestMilestone === milestone && trackable && majorChange) {
      signals.add("latest-milestone");
      stage ??= daysStage;
    }
    if (approved.has(kep.number) && onReleaseDay) {
      signals.add("exception");
      stage ??= onReleaseDay.stage ?? null;
    }
    const trackedStage = tracked?.get(kep.number);
    if (trackedStage !== undefined) {
      signals.add("github-tracked");
      if (!stage && trackedStage) graduatesHere = !shippedBefore(kep, trackedStage, version);
      stage ??= trackedStage ?? onReleaseDay?.stage ?? null;
    }
    const atFreeze = days.freeze ? versionAt(kep.history, days.freeze) : undefined;
    if (atFreeze && (atFreeze.latestMilestone === milestone || stageInMap(atFreeze.milestones, version))) {
      if (signals.size > 0 || landed.length > 0) signals.add("targeted-at-freeze");
    }

    const slips = here.filter((entry) => entry.outcome === "slipped" || entry.outcome === "missed");
    // History outranks an approved exception: a target that moved away after it was granted still slipped.
    // The release team's tracked set on release day outranks a kep.yaml slip (the sync reports the disagreement).
    const onlySlipped = slips.length > 0 && landed.length === 0 && trackedStage === undefined;
    if (stage && signals.size > 0 && !onlySlipped) {
      enhancements.push({
        kep: kep.number,
        stage: toReleaseStage(stage),
        kind: kindOf(stage, graduatesHere, shippedBefore(kep, stage, version)),
        owningSig: kep.owningSig,
        inferredFrom: [...signals].sort(),
      });
      continue;
    }
    for (const entry of slips) {
      const slip: SlippedEnhancement = { kep: kep.number, stage: entry.stage, owningSig: kep.owningSig };
      if (entry.changedOn) slip.changedOn = entry.changedOn;
      if (entry.movedTo) slip.movedTo = entry.movedTo;
      (wasLive(kep, entry, days) ? slipped : stale).push(slip);
    }
  }
  const bySlip = (a: SlippedEnhancement, b: SlippedEnhancement) =>
    a.kep - b.kep || stageRank(a.stage) - stageRank(b.stage);
  enhancements.sort((a, b) => a.kep - b.kep);
  slipped.sort(bySlip);
  stale.sort(bySlip);
  return { enhancements, slipped, stale };
}
