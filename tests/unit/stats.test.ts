import { expect, test } from "vitest";
import type { TimelineEntry } from "../../src/lib/schema.ts";
import {
  distributeGraduations,
  listGraduations,
  median,
  releasesBetween,
  sigThroughput,
  slipRates,
} from "../../src/lib/stats.ts";

const shipped = (stage: TimelineEntry["stage"], release: string): TimelineEntry => ({
  stage,
  release,
  outcome: "shipped",
  targetedOn: "2020-01-01T00:00:00Z",
});

test("median takes the middle value, or the mean of the middle two", () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([])).toBeNull();
});

test("releasesBetween counts minor releases", () => {
  expect(releasesBetween("1.28", "1.33")).toBe(5);
});

test("listGraduations takes KEPs that shipped alpha and stable, from their timelines", () => {
  const keps = [
    { number: 753, timeline: [shipped("alpha", "1.28"), shipped("beta", "1.29"), shipped("stable", "1.33")] },
    { number: 9, timeline: [shipped("alpha", "1.30")] },
  ];
  expect(listGraduations(keps)).toEqual([{ kep: 753, alpha: "1.28", stable: "1.33", releases: 5 }]);
});

test("distributeGraduations fills gaps with zero", () => {
  const g = (releases: number) => ({ kep: releases, alpha: "1.1", stable: "1.2", releases });
  expect(distributeGraduations([g(2), g(4), g(4)])).toEqual([
    { releases: 2, keps: 1 },
    { releases: 3, keps: 0 },
    { releases: 4, keps: 2 },
  ]);
});

test("slipRates divides slipped by enhancements plus slipped and flags unfinished releases", () => {
  const e = {
    kep: 1,
    stage: "alpha" as const,
    kind: "net-new" as const,
    owningSig: "s",
    inferredFrom: ["milestone" as const],
  };
  const s = { kep: 2, stage: "alpha" as const, owningSig: "s" };
  expect(
    slipRates([
      { version: "1.30", enhancements: [e, e, e], slipped: [s], state: "released" },
      { version: "1.29", enhancements: [], slipped: [], state: "released" },
      { version: "1.31", enhancements: [e], slipped: [], state: "in-progress" },
    ]),
  ).toEqual([
    { version: "1.29", enhancements: 0, slipped: 0, rate: null, inProgress: false },
    { version: "1.30", enhancements: 3, slipped: 1, rate: 0.25, inProgress: false },
    { version: "1.31", enhancements: 1, slipped: 0, rate: 0, inProgress: true },
  ]);
});

test("sigThroughput sums enhancements by stage and slips per SIG, busiest first", () => {
  const rows = sigThroughput([
    {
      enhancements: [
        { kep: 1, stage: "alpha", kind: "net-new", owningSig: "sig-b", inferredFrom: ["milestone"] },
        { kep: 2, stage: "beta", kind: "graduating", owningSig: "sig-a", inferredFrom: ["milestone"] },
        { kep: 3, stage: "stable", kind: "graduating", owningSig: "sig-a", inferredFrom: ["milestone"] },
      ],
      slipped: [{ kep: 4, stage: "alpha", owningSig: "sig-b" }],
    },
  ]);
  expect(rows.map((r) => [r.sig, r.total, r.slipped, r.byStage.stable])).toEqual([
    ["sig-a", 2, 0, 1],
    ["sig-b", 1, 1, 0],
  ]);
});
