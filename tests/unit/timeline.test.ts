import { describe, expect, test } from "vitest";
import { buildCalendar, type Calendar } from "../../src/lib/calendar.ts";
import { countByStage } from "../../src/lib/release-counts.ts";
import { deriveReleaseSet, type ReleaseSetKep } from "../../src/lib/release-set.ts";
import type { KepVersion, Milestones, Stage, Status } from "../../src/lib/schema.ts";
import { deriveStageTimeline } from "../../src/lib/timeline.ts";

/** Releases 1.19..1.30, four months apart, each with an enhancements freeze five weeks in. */
function calendar(asOf: string): Calendar {
  const releases = [];
  for (let minor = 19; minor <= 30; minor++) {
    const start = new Date(Date.UTC(2020, (minor - 19) * 4, 1));
    const day = (offset: number) => new Date(start.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    releases.push({
      version: `1.${minor}`,
      schedule: [
        { id: "cycle-start" as const, date: day(0) },
        { id: "enhancements-freeze" as const, date: day(35), at: `${day(35)}T01:00:00Z` },
        { id: "release" as const, date: day(100) },
      ],
    });
  }
  return buildCalendar(releases, asOf);
}

let seq = 0;
function version(
  date: string,
  fields: { stage?: Stage | null; status?: Status | null; latest?: string | null; m?: Milestones; cleared?: Stage[] },
): KepVersion {
  seq++;
  const v: KepVersion = {
    commit: seq.toString(16).padStart(40, "0"),
    date: `${date}T12:00:00Z`,
    path: "keps/sig-x/1-x/kep.yaml",
    status: fields.status === undefined ? "implementable" : fields.status,
    stage: fields.stage === undefined ? "alpha" : fields.stage,
    latestMilestone: fields.latest ?? null,
    milestones: fields.m ?? {},
  };
  if (fields.cleared) v.cleared = fields.cleared;
  return v;
}

const cal = calendar("2024-06-01");
// 1.22: cycle 2021-01-01, release 2021-04-11. 1.23: 2021-05-01..2021-08-09. 1.24: 2021-09-01..2021-12-10.

describe("deriveStageTimeline", () => {
  test("marks a target moved while latest-milestone pointed at it as slipped, with date and destination", () => {
    const timeline = deriveStageTimeline(
      [
        version("2021-01-10", { latest: "v1.22", m: { alpha: "v1.22" } }),
        version("2021-03-20", { latest: "v1.23", m: { alpha: "v1.23" } }),
      ],
      cal,
      { stage: "alpha", status: "implementable" },
    );
    expect(timeline[0]).toMatchObject({
      stage: "alpha",
      release: "1.22",
      outcome: "slipped",
      movedTo: "1.23",
      changedOn: "2021-03-20T12:00:00Z",
    });
    expect(timeline[1]).toMatchObject({ stage: "alpha", release: "1.23", outcome: "shipped" });
  });

  test("marks a later stage's plan that moved before work began as replanned, not slipped", () => {
    const timeline = deriveStageTimeline(
      [
        version("2021-01-10", { latest: "v1.22", m: { alpha: "v1.22", beta: "v1.24" } }),
        version("2021-02-01", { latest: "v1.22", m: { alpha: "v1.22", beta: "v1.25" } }),
      ],
      cal,
      { stage: "alpha", status: "implementable" },
    );
    expect(timeline.find((e) => e.stage === "beta" && e.release === "1.24")?.outcome).toBe("replanned");
  });

  test("marks a target moved to an earlier release as pulled-in", () => {
    const timeline = deriveStageTimeline(
      [
        version("2021-01-10", { latest: "v1.23", m: { alpha: "v1.23" } }),
        version("2021-01-20", { latest: "v1.22", m: { alpha: "v1.22" } }),
      ],
      cal,
      { stage: "alpha", status: "implementable" },
    );
    expect(timeline[0]).toMatchObject({ release: "1.23", outcome: "pulled-in", movedTo: "1.22" });
  });

  test("drops open targets when the KEP is withdrawn", () => {
    const timeline = deriveStageTimeline(
      [
        version("2021-01-10", { latest: "v1.22", m: { alpha: "v1.22" } }),
        version("2021-02-10", { status: "withdrawn", latest: "v1.22", m: { alpha: "v1.22" } }),
      ],
      cal,
      { stage: "alpha", status: "withdrawn" },
    );
    expect(timeline[0]).toMatchObject({ release: "1.22", outcome: "dropped", changedOn: "2021-02-10T12:00:00Z" });
  });

  test("ends a target cleared to TBD without a new release", () => {
    const timeline = deriveStageTimeline(
      [
        version("2021-01-10", { stage: "beta", latest: "v1.22", m: { beta: "v1.22", stable: "v1.24" } }),
        version("2021-02-10", { stage: "beta", latest: "v1.22", m: { beta: "v1.22" }, cleared: ["stable"] }),
      ],
      cal,
      { stage: "beta", status: "implementable" },
    );
    const stable = timeline.find((e) => e.stage === "stable");
    expect(stable).toMatchObject({ release: "1.24", outcome: "replanned" });
    expect(stable?.movedTo).toBeUndefined();
  });

  test("keeps a target of a release not yet out as planned", () => {
    // 1.30 is released on 2023-12-10 in this calendar; the data speaks for 2023-10-01.
    const timeline = deriveStageTimeline(
      [version("2023-09-05", { latest: "v1.30", m: { alpha: "v1.30" } })],
      calendar("2023-10-01"),
      {
        stage: "alpha",
        status: "implementable",
      },
    );
    expect(timeline).toEqual([expect.objectContaining({ release: "1.30", outcome: "planned" })]);
  });

  test("marks a past target whose stage was never reached as missed", () => {
    const timeline = deriveStageTimeline(
      [version("2021-01-10", { stage: "alpha", latest: "v1.22", m: { alpha: "v1.21", beta: "v1.22" } })],
      cal,
      {
        stage: "alpha",
        status: "implementable",
      },
    );
    expect(timeline.find((e) => e.stage === "beta")).toMatchObject({ release: "1.22", outcome: "missed" });
  });

  test("KEP-2727: a latest-milestone target that moves on with the stage unchanged slipped, it did not ship", () => {
    const timeline = deriveStageTimeline(
      [
        version("2021-01-10", { stage: "alpha", latest: "v1.22" }),
        version("2021-06-01", { stage: "alpha", latest: "v1.23" }),
      ],
      cal,
      { stage: "alpha", status: "implementable" },
    );
    expect(timeline).toEqual([
      expect.objectContaining({ stage: "alpha", release: "1.22", outcome: "slipped", movedTo: "1.23" }),
      expect.objectContaining({ stage: "alpha", release: "1.23", outcome: "shipped" }),
    ]);
  });

  test("KEP-3685: a kep.yaml written after 1.22 shipped records 1.22 late and ships the stage where it next stood", () => {
    // 1.22 was released on 2021-04-11 in this calendar; the file appears in May naming it.
    const timeline = deriveStageTimeline(
      [
        version("2021-05-05", { stage: "stable", status: "provisional", latest: "v1.22" }),
        version("2021-06-13", { stage: "stable", latest: "v1.23", m: { stable: "v1.23" } }),
      ],
      cal,
      { stage: "stable", status: "implemented" },
    );
    expect(timeline).toEqual([expect.objectContaining({ stage: "stable", release: "1.23", outcome: "shipped" })]);
    expect(timeline[0]?.late).toBeUndefined();
  });

  test("KEP-2149: a target that stood while the KEP was provisional on release day did not ship", () => {
    const timeline = deriveStageTimeline(
      [version("2021-01-19", { stage: "alpha", status: "provisional", latest: "v1.22" })],
      cal,
      { stage: "beta", status: "implementable" },
    );
    expect(timeline).toEqual([expect.objectContaining({ stage: "alpha", release: "1.22", outcome: "missed" })]);
  });

  test("keeps a milestone written only after its release was out as a late record, never as a plan that slipped", () => {
    const timeline = deriveStageTimeline(
      [version("2021-06-01", { stage: "beta", latest: "v1.23", m: { alpha: "v1.22", beta: "v1.23" } })],
      cal,
      { stage: "beta", status: "implementable" },
    );
    expect(timeline).toContainEqual(
      expect.objectContaining({ stage: "alpha", release: "1.22", outcome: "shipped", late: true }),
    );
  });
});

describe("deriveReleaseSet", () => {
  function kep(number: number, history: KepVersion[], current: { stage: Stage; status: Status }): ReleaseSetKep {
    return { number, owningSig: "sig-x", history, timeline: deriveStageTimeline(history, cal, current) };
  }

  test("counts a KEP that stays alpha with latest-milestone on the release as a major change", () => {
    const k = kep(
      1,
      [
        version("2021-01-05", { latest: "v1.21", m: { alpha: "v1.21" } }),
        version("2021-01-10", { latest: "v1.22", m: { alpha: "v1.21" } }),
      ],
      { stage: "alpha", status: "implementable" },
    );
    const set = deriveReleaseSet("1.22", [k], cal, []);
    expect(set.enhancements).toEqual([
      expect.objectContaining({
        kep: 1,
        stage: "alpha",
        kind: "major-change",
        inferredFrom: expect.arrayContaining(["latest-milestone"]),
      }),
    ]);
  });

  test("counts a graduation from the milestone map and names net-new alpha", () => {
    const beta = kep(
      2,
      [version("2021-01-10", { stage: "beta", latest: "v1.22", m: { alpha: "v1.21", beta: "v1.22" } })],
      { stage: "beta", status: "implementable" },
    );
    const alpha = kep(3, [version("2021-01-10", { latest: "v1.22", m: { alpha: "v1.22" } })], {
      stage: "alpha",
      status: "implementable",
    });
    const set = deriveReleaseSet("1.22", [beta, alpha], cal, []);
    expect(set.enhancements.map((e) => [e.kep, e.kind])).toEqual([
      [2, "graduating"],
      [3, "net-new"],
    ]);
  });

  test("lists a KEP whose target moved away as slipped even with an approved exception", () => {
    const k = kep(
      4,
      [
        version("2021-01-10", { latest: "v1.22", m: { alpha: "v1.22" } }),
        version("2021-05-10", { latest: "v1.23", m: { alpha: "v1.23" } }),
      ],
      { stage: "alpha", status: "implementable" },
    );
    const set = deriveReleaseSet("1.22", [k], cal, [
      { kep: 4, freeze: "code", status: "approved", requested: "2021-03-01", pullRequests: 1 },
    ]);
    expect(set.enhancements).toEqual([]);
    expect(set.slipped).toEqual([expect.objectContaining({ kep: 4, stage: "alpha", movedTo: "1.23" })]);
  });

  test("KEP-2004: a deleted kep.yaml puts its KEP in no release and in no slipped list", () => {
    const k = {
      ...kep(6, [version("2021-01-10", { latest: "v1.22", m: { alpha: "v1.22" } })], {
        stage: "alpha",
        status: "implementable",
      }),
      deleted: true,
    };
    const set = deriveReleaseSet("1.22", [k], cal, []);
    expect(set).toEqual({ enhancements: [], slipped: [], stale: [] });
  });

  test("KEP-1432: latest-milestone on release day is no major change for a stage that never shipped", () => {
    const k = kep(
      7,
      [
        version("2021-01-10", { stage: "alpha", latest: "v1.22" }),
        version("2021-06-01", { stage: "alpha", latest: "v1.24", m: { alpha: "v1.24" } }),
      ],
      { stage: "alpha", status: "implementable" },
    );
    const set = deriveReleaseSet("1.22", [k], cal, []);
    expect(set.enhancements).toEqual([]);
    expect(set.slipped).toEqual([expect.objectContaining({ kep: 7, stage: "alpha", movedTo: "1.24" })]);
  });

  test("KEP-1610: a far target nobody touched during the cycle is stale, not slipped", () => {
    // Set in the 1.20 cycle for 1.22 stable, with 1.20 as the current target; moved only after 1.22 shipped.
    const k = kep(
      8,
      [
        version("2020-06-01", { stage: "beta", latest: "v1.20", m: { beta: "v1.20", stable: "v1.22" } }),
        version("2021-06-01", { stage: "beta", latest: "v1.23", m: { beta: "v1.20", stable: "v1.24" } }),
      ],
      { stage: "stable", status: "implemented" },
    );
    const set = deriveReleaseSet("1.22", [k], cal, []);
    expect(set.slipped).toEqual([]);
    expect(set.stale).toEqual([expect.objectContaining({ kep: 8, stage: "stable", movedTo: "1.24" })]);
  });

  test("KEP-1040: a stage counts once; a later latest-milestone bump at stable is a major change, outside the counts", () => {
    const history = [
      version("2021-01-10", { stage: "stable", latest: "v1.22", m: { stable: "v1.22" } }),
      version("2021-06-01", { stage: "stable", latest: "v1.23", m: { stable: "v1.22" } }),
    ];
    const k = kep(9, history, { stage: "stable", status: "implemented" });
    const first = deriveReleaseSet("1.22", [k], cal, []);
    const second = deriveReleaseSet("1.23", [k], cal, []);
    expect(first.enhancements).toEqual([expect.objectContaining({ stage: "stable", kind: "graduating" })]);
    expect(second.enhancements).toEqual([expect.objectContaining({ stage: "stable", kind: "major-change" })]);
    expect(countByStage(second)).toMatchObject({ stable: 0, majorChange: 1, total: 1 });
  });

  test("leaves out a milestone-map value for a stage the KEP never reached", () => {
    const k = kep(
      5,
      [version("2021-01-10", { stage: "alpha", latest: "v1.21", m: { alpha: "v1.21", beta: "v1.22" } })],
      { stage: "alpha", status: "implementable" },
    );
    const set = deriveReleaseSet("1.22", [k], cal, []);
    expect(set.enhancements).toEqual([]);
    expect(set.slipped).toEqual([expect.objectContaining({ kep: 5, stage: "beta" })]);
  });
});
