import { describe, expect, test } from "vitest";
import {
  cycleWeek,
  daysUntil,
  describeCycle,
  formatPointTime,
  formatScheduleDay,
  layoutSchedule,
  nextFreeze,
  sortSchedule,
} from "../../src/lib/schedule.ts";
import type { Release, SchedulePhase } from "../../src/lib/schema.ts";

const at = (iso: string) => Date.parse(iso);

/** A 1.37-like schedule with AoE freezes. */
const schedule137: SchedulePhase[] = [
  { id: "cycle-start", date: "2026-05-18" },
  { id: "prr-freeze", date: "2026-06-10", at: "2026-06-10T12:00:00Z", zone: "AoE" },
  { id: "enhancements-freeze", date: "2026-06-17", at: "2026-06-17T12:00:00Z", zone: "AoE" },
  { id: "code-freeze", date: "2026-07-23", at: "2026-07-23T12:00:00Z", zone: "AoE" },
  { id: "test-freeze", date: "2026-07-23", at: "2026-07-23T12:00:00Z", zone: "AoE" },
  { id: "docs-freeze", date: "2026-08-06", at: "2026-08-06T12:00:00Z", zone: "AoE" },
  { id: "release", date: "2026-08-26" },
];

function release(version: string, schedule: SchedulePhase[], state: Release["state"]) {
  return { version, schedule, state, releaseDate: schedule.find((p) => p.id === "release")?.date ?? null };
}

describe("describeCycle", () => {
  const releases = [
    release(
      "1.36",
      [
        { id: "cycle-start", date: "2026-01-12" },
        { id: "release", date: "2026-04-22" },
      ],
      "released",
    ),
    release("1.37", schedule137, "in-progress"),
  ];

  test("after the newest release day, says the cycle ended and no next schedule is known", () => {
    expect(describeCycle(releases, at("2026-11-21T10:00:00Z"))).toEqual({
      kind: "ended",
      version: "1.37",
      releaseDate: "2026-08-26",
      releasedInData: false,
    });
  });

  test("says the release is out when the data says so", () => {
    const out = [release("1.37", schedule137, "released")];
    expect(describeCycle(out, at("2026-11-21T10:00:00Z"))).toMatchObject({ kind: "ended", releasedInData: true });
  });

  test("between enhancements and code freeze, names the phase, the next freeze and the days to it", () => {
    const status = describeCycle(releases, at("2026-07-13T12:00:00Z"));
    expect(status).toMatchObject({
      kind: "in-progress",
      version: "1.37",
      week: 9,
      passed: { id: "enhancements-freeze" },
      next: { id: "code-freeze" },
      daysToNext: 10,
      releaseDate: "2026-08-26",
    });
  });

  test("counts release day itself as inside the cycle", () => {
    const status = describeCycle(releases, at("2026-08-26T20:00:00Z"));
    expect(status).toMatchObject({ kind: "in-progress", next: { id: "release" }, daysToNext: 0 });
  });

  test("before a scheduled cycle starts, reports it as upcoming", () => {
    const next = [
      ...releases,
      release(
        "1.38",
        [
          { id: "cycle-start", date: "2026-09-14" },
          { id: "release", date: "2026-12-16" },
        ],
        "planned",
      ),
    ];
    expect(describeCycle(next, at("2026-09-01T12:00:00Z"))).toMatchObject({
      kind: "upcoming",
      version: "1.38",
      daysToStart: 13,
    });
  });

  test("without any schedule, knows nothing", () => {
    expect(describeCycle([release("1.19", [], "released")], at("2026-01-01T00:00:00Z"))).toEqual({ kind: "unknown" });
  });
});

describe("nextFreeze", () => {
  test("skips the cycle start and the release, and points that have passed", () => {
    expect(nextFreeze(schedule137, at("2026-06-12T00:00:00Z"))?.id).toBe("enhancements-freeze");
  });
  test("is null once every freeze has passed", () => {
    expect(nextFreeze(schedule137, at("2026-08-10T00:00:00Z"))).toBeNull();
  });
});

describe("formatPointTime", () => {
  test("gives UTC times as written", () => {
    expect(formatPointTime({ date: "2023-10-06", at: "2023-10-06T01:00:00Z", zone: "UTC" })).toBe("01:00 UTC");
  });
  test("shows 1.29's enhancements freeze on the Pacific day, with the UTC time and its day", () => {
    expect(formatPointTime({ date: "2023-10-05", at: "2023-10-06T01:00:00Z", zone: "PDT" })).toBe(
      "18:00 PDT · 01:00 UTC Fri 6 Oct",
    );
  });
  test("shows Pacific times with the label daylight saving gives, whatever the schedule wrote", () => {
    expect(formatPointTime({ date: "2021-05-13", at: "2021-05-14T06:59:00Z", zone: "PST" })).toBe(
      "23:59 PDT · 06:59 UTC Fri 14 May",
    );
    expect(formatPointTime({ date: "2021-11-16", at: "2021-11-17T02:00:00Z", zone: "PST" })).toBe(
      "18:00 PST · 02:00 UTC Wed 17 Nov",
    );
  });
  test("shows 1.37's code freeze as the end of 22 July AoE, 12:00 UTC on the 23rd", () => {
    expect(formatPointTime({ date: "2026-07-22", at: "2026-07-23T12:00:00Z", zone: "AoE" })).toBe(
      "end of day AoE · 12:00 UTC Thu 23 Jul",
    );
  });
  test("gives nothing for a day without a time", () => {
    expect(formatPointTime({ date: "2020-10-06" })).toBeNull();
  });
});

describe("formatScheduleDay", () => {
  test("writes the weekday, day, month and year", () => {
    expect(formatScheduleDay("2023-10-05")).toBe("Thu 5 Oct 2023");
  });
});

describe("layoutSchedule", () => {
  test("shares one marker between points on the same day and spans first to last", () => {
    const layout = layoutSchedule(schedule137);
    expect(layout.markers.map((m) => m.ids)).toEqual([
      ["cycle-start"],
      ["prr-freeze"],
      ["enhancements-freeze"],
      ["code-freeze", "test-freeze"],
      ["docs-freeze"],
      ["release"],
    ]);
    expect(layout.markers[0]?.at).toBe(0);
    expect(layout.markers.at(-1)?.at).toBe(1);
  });
  test("marks today only inside the cycle", () => {
    expect(layoutSchedule(schedule137, { today: at("2026-11-21T00:00:00Z") }).today).toBeNull();
    expect(layoutSchedule(schedule137, { today: at("2026-07-04T00:00:00Z") }).today).toBeCloseTo(0.47, 2);
  });
});

test("sortSchedule orders points by time even when the table does not", () => {
  const shuffled: SchedulePhase[] = [
    { id: "test-freeze", date: "2020-08-06" },
    { id: "docs-freeze", date: "2020-07-16" },
  ];
  expect(sortSchedule(shuffled).map((p) => p.id)).toEqual(["docs-freeze", "test-freeze"]);
});

test("cycleWeek counts week 1 from the cycle start", () => {
  expect(cycleWeek(schedule137, "2026-05-18")).toBe(1);
  expect(cycleWeek(schedule137, "2026-05-25")).toBe(2);
});

test("daysUntil rounds partial days up", () => {
  expect(daysUntil(at("2026-07-13T12:00:00Z"), at("2026-07-14T00:00:00Z"))).toBe(1);
});
