/**
 * A tracking page's view model (/track/, /track/all/, /releases/<version>/track/): its title,
 * table label, description, counts per tracking status and the cycles it links to. Pure.
 */
import type { Release, Version } from "./schema.ts";
import {
  countByTracking,
  countUnmatchedExceptions,
  TRACKING_LABELS,
  type TrackingStatus,
  type TrackRow,
} from "./track.ts";

/** What a tracking page shows around its table. */
export interface TrackPageView {
  /** The cycle the page is about; null for the all-KEPs page. */
  scope: Version | null;
  title: string;
  /** The table's accessible name. */
  label: string;
  description: string;
  counts: [TrackingStatus, number][];
  /** Exception requests naming issues that are no KEP in the data. */
  unmatched: number;
  /** Every cycle, newest first, for the links between tracking tables. */
  cycles: Version[];
}

/** What a tracking page needs: its rows, its cycle (if any), every release and the KEP numbers. */
export interface TrackPageInput {
  rows: readonly Pick<TrackRow, "tracking">[];
  release?: Pick<Release, "version" | "exceptions"> | undefined;
  /** Every release, oldest first. */
  releases: readonly Pick<Release, "version">[];
  kepNumbers: ReadonlySet<number> | ReadonlyMap<number, unknown>;
}

/** Builds a tracking page's view model: title, label, description, counts, cycles. */
export function buildTrackPage({ rows, release, releases, kepNumbers }: TrackPageInput): TrackPageView {
  const counts = countByTracking(rows);
  return {
    scope: release?.version ?? null,
    title: release ? `Kubernetes ${release.version} tracking table` : "Tracking table: every KEP",
    label: release ? `KEPs in the Kubernetes ${release.version} cycle` : "Every KEP with its latest cycle",
    description: release
      ? `Every KEP in the Kubernetes ${release.version} cycle with its tracking status (${counts.map(([s, n]) => `${n} ${TRACKING_LABELS[s]}`).join(", ")}): search, filter, sort, share and download.`
      : `All ${rows.length} KEPs with their stage, status and tracking status in the newest cycle that names them: search, filter, sort, share and download.`,
    counts,
    unmatched: release ? countUnmatchedExceptions(release, kepNumbers) : 0,
    cycles: releases.map((r) => r.version).reverse(),
  };
}
