import { describe, expect, test } from "vitest";
import type { Kep, Release } from "../../src/lib/schema.ts";
import { cycleStanding, isActive, sigName, summarizeSigs } from "../../src/lib/sigs.ts";

test("sigName spells acronyms as the community does", () => {
  expect(sigName("sig-api-machinery")).toBe("SIG API Machinery");
  expect(sigName("sig-cli")).toBe("SIG CLI");
  expect(sigName("sig-node")).toBe("SIG Node");
  expect(sigName("provider-aws")).toBe("provider-aws");
});

test("isActive counts provisional and implementable KEPs that still exist", () => {
  expect(isActive({ status: "implementable", deleted: false })).toBe(true);
  expect(isActive({ status: "implemented", deleted: false })).toBe(false);
  expect(isActive({ status: "provisional", deleted: true })).toBe(false);
});

describe("cycleStanding", () => {
  const current: Pick<Release, "version" | "enhancements" | "slipped"> = {
    version: "1.37",
    enhancements: [{ kep: 1, stage: "beta", kind: "graduating", owningSig: "sig-node", inferredFrom: ["milestone"] }],
    slipped: [{ kep: 2, stage: "alpha", owningSig: "sig-node", changedOn: "2026-06-20T00:00:00Z", movedTo: "1.38" }],
  };
  const kep = (number: number, timeline: Kep["timeline"] = []) => ({ number, timeline });

  test("a KEP in the release's enhancements is on track", () => {
    expect(cycleStanding(kep(1), current)?.kind).toBe("on-track");
  });
  test("a KEP in the slipped list is slipping", () => {
    expect(cycleStanding(kep(2), current)).toMatchObject({ kind: "slipping", slipped: { movedTo: "1.38" } });
  });
  test("a KEP whose target for the release moved away is slipping", () => {
    const moved = kep(3, [
      {
        stage: "stable",
        release: "1.37",
        outcome: "slipped",
        targetedOn: "2026-01-01T00:00:00Z",
        changedOn: "2026-06-01T00:00:00Z",
        movedTo: "1.38",
      },
    ]);
    expect(cycleStanding(moved, current)).toMatchObject({ kind: "slipping", slipped: null });
  });
  test("a KEP with nothing aimed at the release has no standing", () => {
    expect(cycleStanding(kep(4), current)).toBeNull();
  });

  test("summarizeSigs counts on track and slipping per SIG", () => {
    const keps = [1, 2, 4].map((number) => ({
      number,
      owningSig: "sig-node",
      status: "implementable" as const,
      deleted: false,
      timeline: [],
    }));
    expect(summarizeSigs(keps, current)).toEqual([
      { sig: "sig-node", name: "SIG Node", keps: 3, active: 3, implemented: 0, closed: 0, onTrack: 1, slipping: 1 },
    ]);
  });
});
