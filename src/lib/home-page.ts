/** The home page's view model (/): the latest releases and earlier ones, each with when it shipped, and headline counts. Pure. */
import type { Kep, Release } from "./schema.ts";
import { isActive } from "./sigs.ts";

/** A release as the home page lists it, with when it came out or is due. */
export interface HomeRelease {
  release: Release;
  when: string;
}

/** Everything the home page shows besides the cycle status. */
export interface HomePage {
  /** The four newest releases, newest first. */
  latest: HomeRelease[];
  /** The rest, newest first. */
  earlier: HomeRelease[];
  /** KEPs still provisional or implementable. */
  active: number;
  sigs: number;
}

/** Says when a release came out, or where its cycle stands on the data's day. */
export function describeReleaseWhen(release: Pick<Release, "state" | "releaseDate">, asOf: string): string {
  return release.state === "released"
    ? `Released ${release.releaseDate}`
    : release.state === "in-progress"
      ? `In progress on ${asOf}; release scheduled for ${release.releaseDate ?? "a date not yet set"}`
      : "Planned";
}

/** Builds the home page: releases newest first (four with cards), counts of active KEPs and SIGs. */
export function buildHomePage(
  keps: readonly Pick<Kep, "status" | "deleted" | "owningSig">[],
  releases: readonly Release[],
  asOf: string,
): HomePage {
  const newestFirst = [...releases].reverse().map((release) => ({ release, when: describeReleaseWhen(release, asOf) }));
  return {
    latest: newestFirst.slice(0, 4),
    earlier: newestFirst.slice(4),
    active: keps.filter(isActive).length,
    sigs: new Set(keps.map((k) => k.owningSig)).size,
  };
}
