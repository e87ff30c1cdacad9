import { describe, expect, test } from "vitest";
import type { IssueRecord } from "../../scripts/sync/github/issues.ts";
import { keepGithubFacts, mergeGithub } from "../../scripts/sync/github/merge.ts";
import type { Snapshot } from "../../scripts/sync/snapshot.ts";
import { buildCalendar } from "../../src/lib/calendar.ts";
import { deriveReleaseSet } from "../../src/lib/release-set.ts";
import type { Kep, KepVersion, Release } from "../../src/lib/schema.ts";
import { deriveStageTimeline } from "../../src/lib/timeline.ts";
import { makeKep } from "../support/kep.ts";

const ASOF = "2026-07-22";

function release(version: string, freeze: string, day: string, state: Release["state"]): Release {
  return {
    version,
    theme: null,
    themeSource: null,
    logo: null,
    state,
    releaseDate: day,
    schedule: [
      { id: "enhancements-freeze", date: freeze, at: `${freeze}T01:00:00Z`, zone: "UTC" },
      { id: "release", date: day },
    ],
    team: [],
    exceptions: [],
    enhancements: [],
    slipped: [],
    stale: [],
  };
}

const RELEASES = [
  release("1.29", "2023-10-06", "2023-12-13", "released"),
  release("1.30", "2024-02-09", "2024-04-17", "released"),
  release("1.37", "2026-06-17", "2026-08-26", "in-progress"),
];
RELEASES[0]!.exceptions = [
  { kep: 4247, freeze: "enhancements", status: "approved", requested: "2023-10-06", pullRequests: 1 },
];
const CALENDAR = buildCalendar(RELEASES, ASOF);

function version(date: string, fields: Partial<KepVersion>): KepVersion {
  return {
    commit: "a".repeat(40),
    date,
    path: "keps/sig-node/753-sidecar-containers/kep.yaml",
    status: "implementable",
    stage: "alpha",
    latestMilestone: null,
    milestones: {},
    ...fields,
  };
}

function kep(number: number, history: KepVersion[]): Kep {
  const last = history.at(-1)!;
  return makeKep(number, {
    path: last.path,
    status: last.status,
    stage: last.stage,
    latestMilestone: last.latestMilestone,
    milestones: last.milestones,
    history,
    timeline: deriveStageTimeline(history, CALENDAR, { stage: last.stage, status: last.status }),
  });
}

/** A snapshot as the kep.yaml side builds it: release lists derived without GitHub. */
function baseSnapshot(): Snapshot {
  const keps = [
    kep(753, [
      version("2023-10-05T19:27:33Z", {
        stage: "beta",
        latestMilestone: "v1.29",
        milestones: { alpha: "v1.28", beta: "v1.29" },
      }),
    ]),
    kep(2400, [
      version("2023-10-05T16:40:20Z", { stage: "beta", latestMilestone: "v1.29", milestones: { beta: "v1.29" } }),
      version("2024-02-06T19:24:56Z", { stage: "beta", latestMilestone: "v1.30", milestones: { beta: "v1.30" } }),
    ]),
    kep(4247, [
      version("2023-10-10T13:24:35Z", { stage: "beta", latestMilestone: "v1.29", milestones: { beta: "v1.28" } }),
    ]),
    kep(5365, [
      version("2025-06-05T12:00:00Z", { stage: "alpha", latestMilestone: "v1.36", milestones: { alpha: "v1.36" } }),
    ]),
  ];
  const releases = RELEASES.map((r) => ({ ...r, ...deriveReleaseSet(r.version, keps, CALENDAR, r.exceptions) }));
  return {
    sources: {
      enhancements: { commit: "b".repeat(40), date: `${ASOF}T09:00:00Z`, versions: 5 },
      sigRelease: { commit: null },
      asOf: ASOF,
    },
    keps,
    releases,
    warnings: [],
  };
}

function issue(number: number, fields: Partial<IssueRecord>): IssueRecord {
  return {
    number,
    title: `Issue ${number}`,
    state: "open",
    stateReason: null,
    createdAt: "2019-01-29T00:17:21Z",
    closedAt: null,
    updatedAt: "2026-07-01T00:00:00Z",
    milestone: null,
    labels: ["sig/node"],
    assignees: ["someone"],
    comments: 10,
    reactions: 5,
    events: [],
    ...fields,
  };
}

/** Tracked for a release before its freeze, wiped a week after release day. */
function trackedIn(release: string, stage: string, optIn: string, wipe: string): IssueRecord["events"] {
  return [
    { kind: "labeled", at: `${optIn}T15:04:05Z`, name: "lead-opted-in" },
    { kind: "milestoned", at: `${optIn}T15:04:09Z`, name: `v${release}` },
    { kind: "labeled", at: `${optIn}T16:00:00Z`, name: `stage/${stage}` },
    { kind: "labeled", at: `${optIn}T16:00:01Z`, name: "tracked/yes" },
    { kind: "unlabeled", at: `${wipe}T09:00:00Z`, name: "tracked/yes" },
    { kind: "demilestoned", at: `${wipe}T09:00:01Z`, name: `v${release}` },
  ];
}

const ISSUES = new Map<number, IssueRecord>([
  [753, issue(753, { reactions: 402, comments: 204, events: trackedIn("1.29", "beta", "2023-09-01", "2023-12-19") })],
  [2400, issue(2400, { events: trackedIn("1.29", "beta", "2023-09-01", "2023-12-19") })],
  [4247, issue(4247, { events: trackedIn("1.29", "alpha", "2023-10-08", "2023-12-19") })],
  [
    5365,
    issue(5365, {
      milestone: "v1.37",
      labels: ["lead-opted-in", "sig/node"],
      events: [{ kind: "milestoned", at: "2026-05-11T15:04:09Z", name: "v1.37" }],
    }),
  ],
]);
const FACTS = { repository: "kubernetes/enhancements", issues: ISSUES, boards: [] };

describe("merging GitHub facts into a snapshot", () => {
  const merged = mergeGithub(baseSnapshot(), FACTS);
  const find = (n: number) => merged.keps.find((k) => k.number === n);
  const warning = (kind: string, n: number) => merged.warnings.find((w) => w.kind === kind && w.kep === n);

  test("attaches issue state, popularity and per-release tracking to the KEP of the same number", () => {
    expect(find(753)?.github).toMatchObject({
      issue: 753,
      state: "open",
      comments: 204,
      reactions: 402,
      tracking: [{ release: "1.29", status: "tracked", stage: "beta" }],
    });
  });

  test("adds github-tracked to the release list beside the kep.yaml signals", () => {
    const entry = merged.releases[0]?.enhancements.find((e) => e.kep === 753);
    expect(entry?.inferredFrom).toEqual(expect.arrayContaining(["github-tracked", "milestone"]));
  });

  test("lists a KEP the release team tracked on release day even where kep.yaml shows a slip, and says so", () => {
    expect(baseSnapshot().releases[0]?.slipped.map((s) => s.kep)).toContain(2400);
    expect(merged.releases[0]?.enhancements.find((e) => e.kep === 2400)?.inferredFrom).toContain("github-tracked");
    expect(merged.releases[0]?.slipped.map((s) => s.kep)).not.toContain(2400);
    expect(warning("github-release-disagrees", 2400)).toMatchObject({
      file: "github:kubernetes/enhancements#2400",
      field: "tracking.1.29",
      value: "tracked (kep.yaml: slipped to 1.30)",
      release: "1.29",
    });
  });

  test("keeps kep.yaml's stage and reports a stage/* label that disagrees", () => {
    expect(merged.releases[0]?.enhancements.find((e) => e.kep === 4247)?.stage).toBe("beta");
    expect(warning("github-stage-disagrees", 4247)).toMatchObject({
      value: "stage/alpha (kep.yaml: beta)",
      action: "kept-raw",
    });
  });

  test("marks tracking under an approved freeze exception", () => {
    expect(find(4247)?.github?.tracking[0]?.exception).toBe(true);
    expect(find(753)?.github?.tracking[0]?.exception).toBeUndefined();
  });

  test("reports an issue milestoned for a release that kep.yaml's latest-milestone does not name", () => {
    expect(warning("github-milestone-disagrees", 5365)).toMatchObject({
      value: "v1.37 (kep.yaml latest-milestone: v1.36)",
    });
  });

  test("reports a closed issue whose kep.yaml is still implementable", () => {
    const closed = mergeGithub(baseSnapshot(), {
      ...FACTS,
      issues: new Map([
        [753, issue(753, { state: "closed", closedAt: "2025-01-01T00:00:00Z", stateReason: "completed" })],
      ]),
    });
    expect(closed.warnings).toContainEqual(
      expect.objectContaining({ kind: "github-state-disagrees", value: "closed (kep.yaml status: implementable)" }),
    );
  });

  test("leaves the lists of releases GitHub says nothing about exactly as kep.yaml derived them", () => {
    expect(merged.releases[1]).toEqual(baseSnapshot().releases[1]);
  });

  test("reports KEPs without an issue and tracked issues without a kep.yaml", () => {
    const other = issue(6200, {
      milestone: "v1.37",
      labels: ["tracked/yes"],
      events: [{ kind: "milestoned", at: "2026-05-20T00:00:00Z", name: "v1.37" }],
    });
    const result = mergeGithub(baseSnapshot(), { ...FACTS, issues: new Map([[6200, other]]) });
    expect(result.warnings.map((w) => [w.kind, w.kep])).toEqual(
      expect.arrayContaining([
        ["github-issue-without-kep", 6200],
        ["github-issue-missing", 753],
      ]),
    );
  });

  test("records what was read in the snapshot's sources", () => {
    expect(merged.sources.github).toEqual({
      repository: "kubernetes/enhancements",
      issues: 4,
      updatedAt: "2026-07-01T00:00:00Z",
    });
  });
});

describe("an offline sync after a GitHub sync", () => {
  test("keeps the previous snapshot's GitHub facts and re-derives the release lists from them", () => {
    const previous = mergeGithub(baseSnapshot(), FACTS);
    const offline = keepGithubFacts(baseSnapshot(), previous);
    expect(offline).toEqual(previous);
  });

  test("leaves a snapshot that never met GitHub as built", () => {
    const base = baseSnapshot();
    expect(keepGithubFacts(base, baseSnapshot())).toBe(base);
  });
});
