/**
 * The tracking tables' data for this build: a cycle's rows with each KEP's freeze readiness, or
 * every KEP's; and the summaries file the Summary column fetches.
 */
import { deriveVerdicts } from "../lib/readiness/view.ts";
import type { Release } from "../lib/schema.ts";
import { deriveAllRows, deriveReleaseRows, type TrackRow } from "../lib/track.ts";
import { buildSummaries, type TrackSummaries } from "../lib/track-wire.ts";
import { getProposals } from "./proposals.ts";
import { getReadiness } from "./readiness.ts";
import { getSiteData } from "./site.ts";

/** One cycle's rows, and whether its readiness column has results. */
export function cycleTrackRows(release: Release): { rows: TrackRow[]; readiness: boolean } {
  const { keps, kepByNumber } = getSiteData();
  const verdicts = deriveVerdicts(release, getReadiness().get(release.version), kepByNumber);
  return { rows: deriveReleaseRows(keps, release, verdicts), readiness: verdicts.size > 0 };
}

/** Every KEP's row; readiness for the rows whose newest cycle is under way. */
export function allTrackRows(): TrackRow[] {
  const { keps, releases, kepByNumber } = getSiteData();
  const current = currentCycle();
  const verdicts = current
    ? new Map([[current.version, deriveVerdicts(current, getReadiness().get(current.version), kepByNumber)]])
    : new Map();
  return deriveAllRows(keps, releases, verdicts);
}

/** The cycle under way on the data's date, if any (the newest one). */
export function currentCycle(): Release | undefined {
  return getSiteData().releases.findLast((r) => r.state === "in-progress");
}

/** Every KEP's README summary, for /track/summaries.json (no entries without an enhancements source). */
export async function trackSummaries(): Promise<TrackSummaries> {
  return buildSummaries(getSiteData().sources.asOf, await getProposals());
}
