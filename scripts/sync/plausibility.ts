/**
 * The plausibility check before a sync accepts new upstream data: KEPs and releases come and go
 * one or two at a time, so a large drop from the previous snapshot means a broken or partial
 * upstream (a shrunken archive, a half-copied folder), not a real change. Pure: two snapshots in,
 * a message or null out; the caller fails with it unless the user allowed the shrink.
 */
import { compareVersions } from "../../src/lib/versions.ts";
import type { Snapshot } from "./snapshot.ts";

/** How much may drop between two syncs before the new data is refused. */
export interface ShrinkLimits {
  /** Live (not deleted) KEPs that may disappear or turn deleted at once. */
  maxKepDrop: number;
  /** Share of the previous live KEPs that may drop (checked once more than `minShareDrop` dropped). */
  maxKepDropShare: number;
  /** Drops this small never count against the share (a tiny snapshot losing one KEP is normal). */
  minShareDrop: number;
  /** Releases (from the oldest release synced on) that may disappear at once. */
  maxReleaseDrop: number;
}

/** More than 20 KEPs, more than 10% of them (beyond 2), or more than 2 releases is not a real change. */
export const DEFAULT_SHRINK_LIMITS: ShrinkLimits = {
  maxKepDrop: 20,
  maxKepDropShare: 0.1,
  minShareDrop: 2,
  maxReleaseDrop: 2,
};

/** The part of a snapshot the check reads. */
export type ShrinkInput = Pick<Snapshot, "keps" | "releases">;

const NAMED = 8;

/** "KEP-24, KEP-753 and 3 more" */
function nameSome(items: readonly string[]): string {
  const named = items.slice(0, NAMED).join(", ");
  return items.length > NAMED ? `${named} and ${items.length - NAMED} more` : named;
}

/**
 * Compares new data with the previous snapshot; returns a message naming what dropped when the
 * drop is too large to be real, else null. `from` is the oldest release synced: releases before
 * it were left out on purpose and do not count as dropped.
 */
export function checkShrink(
  previous: ShrinkInput | null,
  next: ShrinkInput,
  options: { from?: string; limits?: ShrinkLimits } = {},
): string | null {
  if (previous === null) return null;
  const limits = options.limits ?? DEFAULT_SHRINK_LIMITS;
  const problems: string[] = [];

  const live = new Set(next.keps.filter((k) => !k.deleted).map((k) => k.number));
  const before = previous.keps.filter((k) => !k.deleted);
  const droppedKeps = before.filter((k) => !live.has(k.number)).map((k) => `KEP-${k.number}`);
  const share = before.length === 0 ? 0 : droppedKeps.length / before.length;
  if (
    droppedKeps.length > limits.maxKepDrop ||
    (droppedKeps.length > limits.minShareDrop && share > limits.maxKepDropShare)
  ) {
    problems.push(
      `${droppedKeps.length} of ${before.length} KEPs would disappear or be marked deleted (${nameSome(droppedKeps)})`,
    );
  }

  const versions = new Set(next.releases.map((r) => r.version));
  const from = options.from;
  const wanted = previous.releases.filter((r) => from === undefined || compareVersions(r.version, from) >= 0);
  const droppedReleases = wanted.filter((r) => !versions.has(r.version)).map((r) => r.version);
  if (droppedReleases.length > limits.maxReleaseDrop) {
    problems.push(
      `${droppedReleases.length} of ${wanted.length} releases would disappear (${nameSome(droppedReleases)})`,
    );
  }

  if (problems.length === 0) return null;
  return `the new upstream data is much smaller than the previous snapshot: ${problems.join("; ")}. This looks like a broken or partial upstream, not a real change`;
}
