import { describe, expect, test } from "vitest";
import type { IssueEvent } from "../../scripts/sync/github/issues.ts";
import {
  deriveTracking,
  type ReleaseWindow,
  stageOfLabel,
  versionOfMilestone,
} from "../../scripts/sync/github/tracking.ts";

const WINDOWS: ReleaseWindow[] = [
  { version: "1.29", cutoff: "2023-12-13T00:00:00Z", released: true },
  { version: "1.30", cutoff: "2024-04-17T00:00:00Z", released: true },
  { version: "1.31", cutoff: "2024-08-13T00:00:00Z", released: true },
  { version: "1.32", cutoff: "2024-12-11T00:00:00Z", released: true },
  { version: "1.37", cutoff: "2026-08-26T00:00:00Z", released: false },
];

const e = (kind: IssueEvent["kind"], at: string, name: string): IssueEvent => ({ kind, at: `${at}Z`, name });

/** Opted in before the cycle, tracked before enhancements freeze. */
function optedAndTracked(release: string, stage: string, optIn: string, tracked: string): IssueEvent[] {
  return [
    e("labeled", optIn, "lead-opted-in"),
    e("milestoned", optIn, `v${release}`),
    e("labeled", tracked, `stage/${stage}`),
    e("labeled", tracked, "tracked/yes"),
  ];
}

const current = { labels: ["sig/node"], milestone: null };

describe("tracking rebuilt from an issue timeline", () => {
  test("keeps 1.29 tracked although tracked/yes and v1.29 were wiped a week after release day", () => {
    const events = [
      ...optedAndTracked("1.29", "beta", "2023-08-28T15:04:09", "2023-10-02T10:00:02"),
      e("unlabeled", "2023-12-19T09:00:00", "lead-opted-in"),
      e("unlabeled", "2023-12-19T09:00:00", "tracked/yes"),
      e("unlabeled", "2023-12-19T09:00:00", "stage/beta"),
      e("demilestoned", "2023-12-19T09:00:00", "v1.29"),
    ];
    expect(deriveTracking({ ...current, events }, WINDOWS)).toEqual([
      {
        release: "1.29",
        status: "tracked",
        stage: "beta",
        optedInOn: "2023-08-28T15:04:09Z",
        trackedOn: "2023-10-02T10:00:02Z",
      },
    ]);
  });

  test("marks a KEP taken out of the milestone at code freeze as removed, dated by the removal", () => {
    const events = [
      ...optedAndTracked("1.30", "beta", "2024-01-01T15:04:09", "2024-02-05T10:00:02"),
      e("unlabeled", "2024-03-06T03:12:00", "tracked/yes"),
      e("labeled", "2024-03-06T03:12:01", "tracked/no"),
      e("demilestoned", "2024-03-06T03:12:02", "v1.30"),
    ];
    expect(deriveTracking({ ...current, events }, WINDOWS)).toEqual([
      expect.objectContaining({ release: "1.30", status: "removed", stage: "beta", changedOn: "2024-03-06T03:12:00Z" }),
    ]);
  });

  test("marks a milestone moved from v1.31 to v1.32 before release day as deferred to 1.32", () => {
    const events = [
      ...optedAndTracked("1.31", "beta", "2024-05-06T15:04:09", "2024-06-10T10:00:02"),
      e("unlabeled", "2024-07-24T03:15:00", "tracked/yes"),
      e("demilestoned", "2024-07-24T03:15:01", "v1.31"),
      e("milestoned", "2024-07-24T03:15:02", "v1.32"),
    ];
    const [record] = deriveTracking({ ...current, events }, WINDOWS);
    expect(record).toMatchObject({
      release: "1.31",
      status: "deferred",
      movedTo: "1.32",
      changedOn: "2024-07-24T03:15:01Z",
    });
  });

  test("counts a KEP tracked again after a freeze exception as tracked, from the day of the exception", () => {
    const events = [
      e("labeled", "2023-08-28T15:04:05", "lead-opted-in"),
      e("milestoned", "2023-08-28T15:04:09", "v1.29"),
      e("labeled", "2023-10-06T02:10:00", "stage/beta"),
      e("labeled", "2023-10-06T02:10:03", "tracked/no"),
      e("unlabeled", "2023-10-08T18:30:00", "tracked/no"),
      e("labeled", "2023-10-08T18:30:01", "tracked/yes"),
    ];
    expect(deriveTracking({ ...current, events }, WINDOWS)[0]).toMatchObject({
      status: "tracked",
      trackedOn: "2023-10-08T18:30:01Z",
    });
  });

  test("reports a KEP labelled tracked/no at enhancements freeze as not tracked", () => {
    const events = [
      e("labeled", "2024-01-01T15:04:05", "lead-opted-in"),
      e("milestoned", "2024-01-01T15:04:09", "v1.30"),
      e("labeled", "2024-02-09T02:10:03", "tracked/no"),
    ];
    expect(deriveTracking({ ...current, events }, WINDOWS)[0]).toMatchObject({
      release: "1.30",
      status: "not-tracked",
    });
  });

  test("answers the release under way from the labels it has now: opted in, no decision yet", () => {
    const events = [
      e("labeled", "2026-05-11T15:04:05", "lead-opted-in"),
      e("milestoned", "2026-05-11T15:04:09", "v1.37"),
    ];
    const now = { labels: ["lead-opted-in", "sig/node"], milestone: "v1.37" };
    expect(deriveTracking({ ...now, events }, WINDOWS)).toEqual([
      { release: "1.37", status: "opted-in", stage: null, optedInOn: "2026-05-11T15:04:09Z" },
    ]);
  });

  test("ignores releases the issue never had as milestone, and milestones that name no release", () => {
    const events = [
      e("milestoned", "2022-01-01T00:00:00", "keps-beta"),
      e("labeled", "2022-01-01T00:00:01", "tracked/yes"),
    ];
    expect(deriveTracking({ ...current, events }, WINDOWS)).toEqual([]);
  });
});

describe("label and milestone names", () => {
  test("reads stage/beta as beta and ignores other labels", () => {
    expect(stageOfLabel("stage/beta")).toBe("beta");
    expect(stageOfLabel("stage/unknown")).toBeNull();
    expect(stageOfLabel("sig/node")).toBeNull();
  });

  test("reads v1.29 as release 1.29 and nothing else", () => {
    expect(versionOfMilestone("v1.29")).toBe("1.29");
    expect(versionOfMilestone("1.29")).toBeNull();
    expect(versionOfMilestone(null)).toBeNull();
  });
});
