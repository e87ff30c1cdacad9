/** Conversions and ordering for Kubernetes minor versions ("1.29") and milestones ("v1.29"). */
import type { Milestone, Stage, Version } from "./schema.ts";

/** The majors a release version may have: Kubernetes 2.0 is possible, 3.0 is not a plausible value in this data. */
export const MAX_MAJOR = 2;
/** The highest minor accepted (1.37 in 2026; three releases a year). */
export const MAX_MINOR = 199;

/** A release version's numbers. */
export interface VersionParts {
  major: number;
  minor: number;
}

/**
 * The one parser of release versions: "1.29", "v1.29" (and "V1.29") within sane bounds
 * (major 1 to MAX_MAJOR, minor 0 to MAX_MINOR, no leading zeros, no patch); null for anything
 * else, so a caller warns and goes on instead of carrying an implausible value.
 */
export function parseVersion(text: string): VersionParts | null {
  const match = /^[vV]?(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(text.trim());
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major < 1 || major > MAX_MAJOR || minor > MAX_MINOR) return null;
  return { major, minor };
}

/** "v1.29" -> "1.29" */
export function toVersion(milestone: Milestone): Version {
  return milestone.slice(1);
}

/** "1.29" -> "v1.29" */
export function toMilestone(version: Version): Milestone {
  return `v${version}`;
}

/**
 * Every release from `first` to `last`, when both share a major and lie at most `limit` apart;
 * null otherwise (a layout then shows only the releases it names). Always terminates.
 */
export function versionSpan(first: Version, last: Version, limit = 60): Version[] | null {
  const a = parseVersion(first);
  const b = parseVersion(last);
  if (!a || !b || a.major !== b.major || b.minor < a.minor || b.minor - a.minor >= limit) return null;
  const span: Version[] = [];
  for (let minor = a.minor; minor <= b.minor; minor++) span.push(`${a.major}.${minor}`);
  return span;
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
