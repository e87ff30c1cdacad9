import path from "node:path";
import { describe, expect, test } from "vitest";
import { readSnapshot } from "../../src/data/snapshot.ts";
import { compareHref, compareReleases, listComparablePairs, listComparableVersions } from "../../src/lib/compare.ts";
import type { Release, ReleaseEnhancement } from "../../src/lib/schema.ts";

type TestRelease = Pick<Release, "version" | "state" | "enhancements">;

const entry = (kep: number, stage: ReleaseEnhancement["stage"], kind: ReleaseEnhancement["kind"] = "graduating") =>
  ({ kep, stage, kind, owningSig: "sig-node", inferredFrom: ["milestone"] }) satisfies ReleaseEnhancement;

const releases: TestRelease[] = [
  { version: "1.28", state: "released", enhancements: [entry(1, "alpha", "net-new")] },
  { version: "1.29", state: "released", enhancements: [entry(1, "beta"), entry(2, "alpha", "net-new")] },
  { version: "1.30", state: "released", enhancements: [entry(1, "stable"), entry(3, "deprecated", "deprecation")] },
  { version: "1.31", state: "in-progress", enhancements: [entry(2, "beta")] },
  { version: "1.32", state: "planned", enhancements: [] },
];
const title = (kep: number) => `KEP ${kep}`;

describe("comparing releases", () => {
  test("counts the releases after `from` up to and including `to`", () => {
    expect(compareReleases(releases, "1.28", "1.30", title).releases).toEqual(["1.29", "1.30"]);
  });

  test("lists a KEP once, under the stage it reached last, with its steps", () => {
    const comparison = compareReleases(releases, "1.28", "1.30", title);
    const stable = comparison.groups.find((g) => g.stage === "stable");
    const item = stable?.sigs[0]?.items[0];
    expect(item).toMatchObject({ kep: 1, release: "1.30", stage: "stable" });
    expect(item?.steps.map((s) => `${s.stage} ${s.release}`)).toEqual(["beta 1.29", "stable 1.30"]);
    expect(comparison.total).toBe(3);
  });

  test("leaves out what landed in `from` itself", () => {
    const comparison = compareReleases(releases, "1.29", "1.30", title);
    const kep2 = comparison.groups.flatMap((g) => g.sigs.flatMap((s) => s.items)).find((i) => i.kep === 2);
    expect(kep2).toBeUndefined();
  });

  test("names the releases in the range that are not out yet", () => {
    expect(compareReleases(releases, "1.29", "1.31", title).inProgress).toEqual(["1.31"]);
  });

  test("refuses a pair that does not go forward", () => {
    expect(() => compareReleases(releases, "1.30", "1.29", title)).toThrow(/not older/);
  });

  test("offers released and in-progress releases, every ordered pair once", () => {
    const versions = listComparableVersions(releases);
    expect(versions).toEqual(["1.28", "1.29", "1.30", "1.31"]);
    expect(listComparablePairs(versions)).toHaveLength(6);
    expect(compareHref("1.29", "1.33")).toBe("/compare/1.29...1.33/");
  });
});

describe("comparisons from the real snapshot", () => {
  const snapshot = readSnapshot(path.resolve(import.meta.dirname, "../../content"));
  const titles = new Map(snapshot.keps.map((k) => [k.number, k.title]));

  test("1.28 to 1.33 lists KEP-753 as graduated to stable in 1.33", () => {
    const comparison = compareReleases(snapshot.releases, "1.28", "1.33", (n) => titles.get(n) ?? null);
    const stable = comparison.groups.find((g) => g.stage === "stable");
    const sidecar = stable?.sigs.flatMap((s) => s.items).find((i) => i.kep === 753);
    expect(sidecar).toMatchObject({ release: "1.33", title: "Sidecar Containers", owningSig: "sig-node" });
  });

  test("19 releases give 171 pages", () => {
    const versions = listComparableVersions(snapshot.releases);
    expect(listComparablePairs(versions)).toHaveLength((versions.length * (versions.length - 1)) / 2);
  });
});
