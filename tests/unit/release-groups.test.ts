import { describe, expect, test } from "vitest";
import {
  countInferences,
  countOnlyFrom,
  describeExceptionOutcome,
  describeSlip,
  groupByStageAndSig,
  groupTeam,
  neighbours,
  sigRows,
  stageRows,
} from "../../src/lib/release-groups.ts";
import type { Release, ReleaseEnhancement } from "../../src/lib/schema.ts";

const entry = (
  kep: number,
  stage: ReleaseEnhancement["stage"],
  owningSig: string,
  inferredFrom: ReleaseEnhancement["inferredFrom"] = ["milestone"],
): ReleaseEnhancement => ({
  kep,
  stage,
  kind: "graduating",
  owningSig,
  inferredFrom,
});

describe("groupByStageAndSig", () => {
  const groups = groupByStageAndSig([
    entry(3866, "alpha", "sig-network"),
    entry(753, "beta", "sig-node"),
    entry(1287, "alpha", "sig-node"),
    entry(127, "alpha", "sig-node"),
    entry(4004, "deprecated", "sig-network"),
  ]);

  test("orders stages stable, beta, alpha, deprecated and leaves empty ones out", () => {
    expect(groups.map((g) => g.stage)).toEqual(["beta", "alpha", "deprecated"]);
  });

  test("puts the largest SIG first within a stage and KEPs by number", () => {
    const alpha = groups.find((g) => g.stage === "alpha")!;
    expect(alpha.sigs.map((s) => [s.sig, s.items.map((i) => i.kep)])).toEqual([
      ["sig-node", [127, 1287]],
      ["sig-network", [3866]],
    ]);
  });
});

describe("describeSlip", () => {
  test("says where and when the target moved", () => {
    expect(describeSlip({ changedOn: "2023-01-17T18:44:34Z", movedTo: "1.27" })).toBe("moved to 1.27 on 2023-01-17");
  });
  test("says a target without a recorded move stood past release day", () => {
    expect(describeSlip({})).toBe("stood past release day, stage never recorded as reached");
  });
  test("says a cleared target was cleared", () => {
    expect(describeSlip({ changedOn: "2024-10-10T03:10:22Z" })).toBe("target cleared on 2024-10-10");
  });
});

describe("describeExceptionOutcome", () => {
  const release = {
    enhancements: [entry(4247, "beta", "sig-scheduling")],
    slipped: [
      { kep: 1287, stage: "alpha" as const, owningSig: "sig-node", changedOn: "2023-01-17T18:44:34Z", movedTo: "1.27" },
    ],
  };
  test("an approved exception whose KEP slipped reads 'approved — slipped to <release>'", () => {
    expect(describeExceptionOutcome({ kep: 1287, status: "approved" }, release).text).toBe(
      "approved — slipped to 1.27",
    );
  });
  test("an approved exception whose KEP made it says so with the stage", () => {
    expect(describeExceptionOutcome({ kep: 4247, status: "approved" }, release)).toEqual({
      text: "approved — in the release (beta)",
      result: "in-release",
    });
  });
  test("a denied exception for a KEP in neither list says it is not in the lists", () => {
    expect(describeExceptionOutcome({ kep: 4144, status: "denied" }, release).text).toBe(
      "denied — not in this release's lists",
    );
  });
  test("an exception naming no KEP says so", () => {
    expect(describeExceptionOutcome({ kep: null, status: "unknown" }, release).result).toBe("no-kep");
  });
});

test("countInferences counts every signal an entry carries", () => {
  const release = {
    enhancements: [entry(1, "alpha", "a", ["milestone", "latest-milestone"]), entry(2, "beta", "a", ["exception"])],
  };
  expect(countInferences(release)).toEqual({
    milestone: 1,
    "latest-milestone": 1,
    "targeted-at-freeze": 0,
    exception: 1,
    "github-tracked": 0,
  });
  expect(countOnlyFrom(release, "exception")).toBe(1);
  expect(countOnlyFrom(release, "milestone")).toBe(0);
});

test("groupTeam keeps roles in roster order with leads apart from shadows", () => {
  const roles = groupTeam([
    { role: "Lead", name: "A", shadow: false },
    { role: "Lead", name: "B", shadow: true },
    { role: "Docs Lead", name: "C", shadow: false },
  ]);
  expect(roles.map((r) => [r.role, r.leads.length, r.shadows.length])).toEqual([
    ["Lead", 1, 1],
    ["Docs Lead", 1, 0],
  ]);
});

test("neighbours finds the releases either side, and none past the ends", () => {
  const releases = [{ version: "1.10" }, { version: "1.9" }, { version: "1.11" }];
  expect(neighbours(releases, "1.10")).toEqual({ previous: { version: "1.9" }, next: { version: "1.11" } });
  expect(neighbours(releases, "1.11").next).toBeNull();
});

describe("chart rows", () => {
  const release: Pick<Release, "version" | "enhancements"> = {
    version: "1.29",
    enhancements: [
      entry(1, "alpha", "sig-a"),
      entry(2, "alpha", "sig-b"),
      entry(3, "beta", "sig-b"),
      entry(4, "stable", "sig-c"),
    ],
  };
  test("stageRows counts each stage per release", () => {
    expect(stageRows([{ ...release, state: "released" }])).toEqual([
      { label: "1.29", alpha: 2, beta: 1, stable: 1, deprecated: 0, removed: 0, majorChange: 0 },
    ]);
  });

  test("stageRows marks a cycle under way and counts its major changes apart", () => {
    const running = { ...release, state: "in-progress" as const };
    running.enhancements = [...release.enhancements, { ...entry(5, "beta", "sig-a"), kind: "major-change" as const }];
    expect(stageRows([running])).toEqual([
      { label: "1.29*", alpha: 2, beta: 1, stable: 1, deprecated: 0, removed: 0, majorChange: 1 },
    ]);
  });
  test("sigRows puts the busiest SIG first and folds the tail into one row", () => {
    const rows = sigRows(release, 2);
    expect(rows.map((r) => r.label)).toEqual(["sig-b", "2 other SIGs"]);
    expect(rows[1]).toMatchObject({ alpha: 1, stable: 1 });
  });
});
