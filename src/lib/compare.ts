/**
 * Release-to-release comparison for people upgrading: upgrading from A to B brings every
 * enhancement that landed after A, up to and including B (releases A+1..B). Each KEP is
 * listed once, under the stage it reached last in that range, with the steps that got it there.
 */
import { groupByStageAndSig, type StageGroup } from "./release-groups.ts";
import type { ChangeKind, Release, ReleaseStage, Version } from "./schema.ts";
import { compareVersions, stageRank } from "./versions.ts";

/** Release states a comparison can start or end at (planned releases carry no list yet). */
const COMPARABLE_STATES: ReadonlySet<Release["state"]> = new Set(["released", "in-progress"]);

/** One release's entry for a KEP inside the compared range. */
export interface CompareStep {
  release: Version;
  stage: ReleaseStage;
  kind: ChangeKind;
}

/** A KEP that changed between the two releases. */
export interface CompareChange {
  kep: number;
  /** KEP title, or null when the KEP is not in the data. */
  title: string | null;
  owningSig: string;
  /** The stage it reached last in the range. */
  stage: ReleaseStage;
  /** The release it reached that stage in. */
  release: Version;
  kind: ChangeKind;
  /** Every entry in the range, oldest first (more than one when it moved on within the range). */
  steps: CompareStep[];
}

/** Everything that changed between two releases. */
export interface Comparison {
  from: Version;
  to: Version;
  /** The releases whose enhancements count: after `from`, up to and including `to`. */
  releases: Version[];
  /** Those of them that were not out on the data's date. */
  inProgress: Version[];
  /** Changes by stage (stable, beta, alpha, deprecated, removed), each by owning SIG. */
  groups: StageGroup<CompareChange>[];
  /** KEPs that changed. */
  total: number;
}

/** Versions a comparison can use, oldest first: released and in-progress releases. */
export function listComparableVersions(releases: readonly Pick<Release, "version" | "state">[]): Version[] {
  return releases
    .filter((r) => COMPARABLE_STATES.has(r.state))
    .map((r) => r.version)
    .sort(compareVersions);
}

/** Every ordered pair from < to of the given versions, by `from` then `to`. */
export function listComparablePairs(versions: readonly Version[]): { from: Version; to: Version }[] {
  const sorted = [...versions].sort(compareVersions);
  return sorted.flatMap((from, i) => sorted.slice(i + 1).map((to) => ({ from, to })));
}

/** The route of a comparison: "/compare/1.29...1.33/". */
export function compareHref(from: Version, to: Version): string {
  return `/compare/${from}...${to}/`;
}

/** The route parameter of a comparison: "1.29...1.33". */
export function compareSlug(from: Version, to: Version): string {
  return `${from}...${to}`;
}

/** Compares two releases. Throws when `from` is not older than `to`: such pairs have no page. */
export function compareReleases(
  releases: readonly Pick<Release, "version" | "state" | "enhancements">[],
  from: Version,
  to: Version,
  titleOf: (kep: number) => string | null,
): Comparison {
  if (compareVersions(from, to) >= 0) throw new Error(`compare ${from}...${to}: ${from} is not older than ${to}`);
  const inRange = releases
    .filter((r) => compareVersions(r.version, from) > 0 && compareVersions(r.version, to) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  const byKep = new Map<number, { steps: CompareStep[]; owningSig: string }>();
  for (const release of inRange) {
    for (const entry of release.enhancements) {
      const known = byKep.get(entry.kep) ?? { steps: [], owningSig: entry.owningSig };
      known.steps.push({ release: release.version, stage: entry.stage, kind: entry.kind });
      known.owningSig = entry.owningSig;
      byKep.set(entry.kep, known);
    }
  }
  const changes: CompareChange[] = [...byKep].map(([kep, { steps, owningSig }]) => {
    const last = steps.reduce((a, b) =>
      compareVersions(b.release, a.release) > 0 || (b.release === a.release && stageRank(b.stage) > stageRank(a.stage))
        ? b
        : a,
    );
    return { kep, title: titleOf(kep), owningSig, stage: last.stage, release: last.release, kind: last.kind, steps };
  });
  return {
    from,
    to,
    releases: inRange.map((r) => r.version),
    inProgress: inRange.filter((r) => r.state !== "released").map((r) => r.version),
    groups: groupByStageAndSig(changes),
    total: changes.length,
  };
}

/** Headings for each stage group, in the words of someone upgrading. */
export const COMPARE_STAGE_HEADINGS: Record<ReleaseStage, string> = {
  stable: "Graduated to stable",
  beta: "Beta: new or changed",
  alpha: "Alpha: new or changed",
  deprecated: "Deprecated",
  removed: "Removed",
};
