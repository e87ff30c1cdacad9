/**
 * How many enhancements a release carried, said one way everywhere: counts per stage (a
 * stage counts once, so major changes are counted apart), the headline figure with the right
 * noun ("enhancements" once released, "targeting" while the cycle runs), and the one line that
 * sets the derived count beside the release announcement's.
 */
import { type Announcement, compareWithAnnouncement, isCountedLikeAnnouncement } from "./announcements.ts";
import type { Release, ReleaseStage } from "./schema.ts";
import { RELEASE_STAGES } from "./vocabulary.ts";

/** Enhancements per stage (major changes apart), the major changes, and the total listed. */
export type StageCounts = Record<ReleaseStage | "majorChange" | "total", number>;

/** Counts a release's list: each stage once; major changes (follow-up work within a stage) apart. */
export function countByStage(release: Pick<Release, "enhancements">): StageCounts {
  const counts = Object.fromEntries([...RELEASE_STAGES, "majorChange", "total"].map((k) => [k, 0])) as StageCounts;
  for (const entry of release.enhancements) {
    if (entry.kind === "major-change") counts.majorChange++;
    else counts[entry.stage]++;
  }
  counts.total = release.enhancements.length;
  return counts;
}

/** The headline count of a release and how to say it. */
export interface ReleaseHeadline {
  count: number;
  /** "enhancements" once the release is out; "targeting" while it is not (the list can still change). */
  noun: "enhancements" | "targeting";
  /** True until release day has passed: the figure is a snapshot, not the outcome. */
  provisional: boolean;
  /** The day the data speaks for, shown with a provisional figure. */
  asOf: string;
}

/** The headline figure of a release as of the data's day. */
export function releaseHeadline(release: Pick<Release, "enhancements" | "state">, asOf: string): ReleaseHeadline {
  const provisional = release.state !== "released";
  return { count: release.enhancements.length, noun: provisional ? "targeting" : "enhancements", provisional, asOf };
}

/** "68 enhancements" or "105 targeting (as of 2026-07-24)". */
export function formatHeadline(headline: ReleaseHeadline): string {
  return headline.provisional
    ? `${headline.count} targeting (as of ${headline.asOf})`
    : `${headline.count} ${headline.count === 1 ? "enhancement" : "enhancements"}`;
}

/** The derived count beside the announced one, and why they differ, in one line. */
export interface OfficialComparison {
  announced: number;
  derived: number;
  url: string;
  /** One sentence: what the announcement states and where our count differs. */
  line: string;
}

/**
 * Compares a released version's list with its announcement. The announcement counts the
 * tracked set by stage, major changes in alpha and beta included; follow-up work on a stable
 * KEP is not a new stable enhancement here, and deprecations are counted apart by both.
 */
export function compareOfficial(
  release: Pick<Release, "version" | "enhancements" | "state">,
  announcement: Announcement | undefined,
): OfficialComparison | null {
  if (!announcement || release.state !== "released") return null;
  const result = compareWithAnnouncement(release, announcement);
  const announced = result.announced.total;
  const derived = result.derived.total;
  const majors = release.enhancements.filter((e) => e.kind === "major-change");
  const counted = majors.filter(isCountedLikeAnnouncement).length;
  const stableMajors = majors.length - counted;
  const stated = `The release announcement states ${announced} (${announcement.stable} stable, ${announcement.beta} beta, ${announcement.alpha} alpha)`;
  const parts: string[] = [];
  if (counted > 0)
    parts.push(
      `${counted} major ${counted === 1 ? "change" : "changes"} in alpha or beta, counted in their stage as the release team does`,
    );
  if (stableMajors > 0)
    parts.push(`${stableMajors} follow-up ${stableMajors === 1 ? "change" : "changes"} to stable KEPs, not counted`);
  const gap = derived - announced;
  const diff =
    gap === 0
      ? "the same as derived here"
      : `${Math.abs(gap)} ${gap > 0 ? "fewer" : "more"} than derived here from kep.yaml on release day (${derived})`;
  const line = `${stated}, ${diff}${parts.length > 0 ? `; ours includes ${parts.join(" and ")}` : ""}.`;
  return { announced, derived, url: announcement.url, line };
}
