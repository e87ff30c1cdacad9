/**
 * Rebuilds what a tracking issue said about each release from its timeline. The release team
 * wipes `lead-opted-in`, `tracked/*` and the milestone after every cycle, so the current labels
 * say nothing about the past; replaying labeled/unlabeled and milestoned/demilestoned events up
 * to release day does. Pure: events and release windows in, tracking records out.
 */
import { compareText } from "../../../src/lib/order.ts";
import {
  type GithubTracking,
  type GithubTrackingStatus,
  type Stage,
  StageSchema,
  type Version,
} from "../../../src/lib/schema.ts";
import { compareVersions } from "../../../src/lib/versions.ts";
import type { IssueEvent, IssueRecord } from "./issues.ts";

/** When a release's tracking is settled. */
export interface ReleaseWindow {
  version: Version;
  /** Start of release day, UTC: later events are the end-of-cycle wipe, not part of the release. */
  cutoff: string | null;
  /** Whether the release is out on the snapshot's day (else the current labels are the answer). */
  released: boolean;
}

const OPTED_IN = "lead-opted-in";
const TRACKED = "tracked/yes";
const NOT_TRACKED = "tracked/no";
const OUT_OF_TREE = "tracked/out-of-tree";

/** "stage/beta" -> "beta"; other labels -> null. */
export function stageOfLabel(label: string): Stage | null {
  const match = /^stage\/(.+)$/.exec(label);
  const parsed = StageSchema.safeParse(match?.[1]);
  return parsed.success ? parsed.data : null;
}

/** "v1.29" -> "1.29"; any other milestone title -> null. */
export function versionOfMilestone(title: string | null): Version | null {
  return /^v(\d+\.\d+)$/.exec(title ?? "")?.[1] ?? null;
}

interface Replay {
  labels: Set<string>;
  milestone: string | null;
  firstIn?: string;
  optedInOn?: string;
  trackedOn?: string;
  /** Last time the issue went from tracked to not tracked for the release. */
  lostAt?: string;
  /** Last time the milestone left the release. */
  leftAt?: string;
  stage: Stage | null;
  trackedStage: Stage | null;
  everTracked: boolean;
}

function stageIn(labels: Set<string>): Stage | null {
  for (const label of [...labels].sort()) {
    const stage = stageOfLabel(label);
    if (stage) return stage;
  }
  return null;
}

/** Replays events before `cutoff` (all when null), watching one milestone. */
function replay(events: readonly IssueEvent[], milestone: string, cutoff: string | null): Replay {
  const state: Replay = { labels: new Set(), milestone: null, stage: null, trackedStage: null, everTracked: false };
  let wasIn = false;
  let wasTracked = false;
  for (const event of events) {
    if (cutoff !== null && event.at >= cutoff) break;
    if (event.kind === "labeled") state.labels.add(event.name);
    else if (event.kind === "unlabeled") state.labels.delete(event.name);
    else if (event.kind === "milestoned") state.milestone = event.name;
    else if (state.milestone === event.name) state.milestone = null;
    const isIn = state.milestone === milestone;
    const tracked = isIn && state.labels.has(TRACKED);
    if (isIn) {
      state.firstIn ??= event.at;
      if (state.labels.has(OPTED_IN)) state.optedInOn ??= event.at;
      state.stage = stageIn(state.labels) ?? state.stage;
    }
    if (tracked) {
      state.trackedOn ??= event.at;
      state.everTracked = true;
      state.trackedStage = stageIn(state.labels) ?? state.trackedStage;
    }
    if (wasTracked && !tracked) state.lostAt = event.at;
    if (wasIn && !isIn) state.leftAt = event.at;
    wasIn = isIn;
    wasTracked = tracked;
  }
  return state;
}

/** Releases the issue was ever milestoned for (or is now). */
function namedReleases(issue: Pick<IssueRecord, "events" | "milestone">): Set<Version> {
  const named = new Set<Version>();
  for (const event of issue.events) {
    const version = event.kind === "milestoned" ? versionOfMilestone(event.name) : null;
    if (version) named.add(version);
  }
  const current = versionOfMilestone(issue.milestone);
  if (current) named.add(current);
  return named;
}

/** The tracking record of every release in `windows` the issue was milestoned for, in release order. */
export function deriveTracking(
  issue: Pick<IssueRecord, "events" | "labels" | "milestone">,
  windows: readonly ReleaseWindow[],
): GithubTracking[] {
  // Stable sort: events of one second keep GitHub's order.
  const events = [...issue.events].sort((a, b) => compareText(a.at, b.at));
  const named = namedReleases(issue);
  const records: GithubTracking[] = [];
  for (const window of [...windows].sort((a, b) => compareVersions(a.version, b.version))) {
    if (!named.has(window.version)) continue;
    const milestone = `v${window.version}`;
    const state = replay(events, milestone, window.released ? window.cutoff : null);
    // A release not out yet is answered by the labels it has now (older events may be missing).
    const labels = window.released ? state.labels : new Set(issue.labels);
    const finalMilestone = window.released ? state.milestone : issue.milestone;
    const finalIn = finalMilestone === milestone;
    if (!state.firstIn && !finalIn) continue;
    const finalTracked = finalIn && labels.has(TRACKED);
    const movedTo = versionOfMilestone(finalMilestone);
    let status: GithubTrackingStatus;
    if (finalTracked) status = "tracked";
    else if (movedTo && compareVersions(movedTo, window.version) > 0) status = "deferred";
    else if (state.everTracked) status = "removed";
    else if (finalIn && labels.has(OUT_OF_TREE)) status = "out-of-tree";
    else if (finalIn && labels.has(NOT_TRACKED)) status = "not-tracked";
    else if (!window.released && finalIn) status = "opted-in";
    else status = "not-tracked";
    const stage = status === "tracked" ? (stageIn(labels) ?? state.trackedStage ?? state.stage) : state.stage;
    const record: GithubTracking = { release: window.version, status, stage };
    if (state.optedInOn) record.optedInOn = state.optedInOn;
    if (state.trackedOn) record.trackedOn = state.trackedOn;
    if (status === "deferred" && movedTo) {
      record.movedTo = movedTo;
      if (state.leftAt) record.changedOn = state.leftAt;
    }
    if (status === "removed" && state.lostAt) record.changedOn = state.lostAt;
    records.push(record);
  }
  return records;
}
