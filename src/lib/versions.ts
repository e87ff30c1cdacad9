/** Conversions and ordering for Kubernetes minor versions ("1.29") and milestones ("v1.29"). */
import type { Milestone, Stage, Version } from "./schema.ts";

/** "v1.29" -> "1.29" */
export function toVersion(milestone: Milestone): Version {
  return milestone.slice(1);
}

/** "1.29" -> "v1.29" */
export function toMilestone(version: Version): Milestone {
  return `v${version}`;
}

/** Orders "1.9" before "1.10" (numeric on both parts). */
export function compareVersions(a: Version, b: Version): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The release after this one: "1.29" -> "1.30". */
export function nextVersion(version: Version): Version {
  const [major = 1, minor = 0] = version.split(".").map(Number);
  return `${major}.${minor + 1}`;
}

/** The release before this one, or null for x.0. */
export function previousVersion(version: Version): Version | null {
  const [major = 1, minor = 0] = version.split(".").map(Number);
  return minor > 0 ? `${major}.${minor - 1}` : null;
}

const STAGE_RANK: Record<Stage, number> = {
  alpha: 1,
  beta: 2,
  stable: 3,
  deprecated: 4,
  disabled: 5,
  removed: 6,
};

/** Position of a stage in a KEP's life: alpha < beta < stable < deprecated < disabled < removed. */
export function stageRank(stage: Stage): number {
  return STAGE_RANK[stage];
}
