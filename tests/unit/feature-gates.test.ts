import path from "node:path";
import { describe, expect, test } from "vitest";
import { readSnapshot } from "../../src/data/snapshot.ts";
import { deriveStageRuns, gateAnchor, listFeatureGates, stageInRelease } from "../../src/lib/feature-gates.ts";
import type { TimelineEntry } from "../../src/lib/schema.ts";

const shipped = (stage: TimelineEntry["stage"], release: string) => ({ stage, release, outcome: "shipped" as const });

describe("stage runs", () => {
  test("holds each stage until the release before the next one shipped", () => {
    const runs = deriveStageRuns([shipped("alpha", "1.28"), shipped("beta", "1.29"), shipped("stable", "1.33")]);
    expect(runs).toEqual([
      { stage: "alpha", from: "1.28", to: "1.28" },
      { stage: "beta", from: "1.29", to: "1.32" },
      { stage: "stable", from: "1.33", to: null },
    ]);
  });

  test("ignores targets that slipped or are only planned", () => {
    const runs = deriveStageRuns([
      { stage: "alpha", release: "1.27", outcome: "slipped" },
      shipped("alpha", "1.28"),
      { stage: "beta", release: "1.37", outcome: "planned" },
    ]);
    expect(runs).toEqual([{ stage: "alpha", from: "1.28", to: null }]);
  });

  test("takes the later stage when two shipped in one release", () => {
    expect(deriveStageRuns([shipped("alpha", "1.30"), shipped("beta", "1.30")])).toEqual([
      { stage: "beta", from: "1.30", to: null },
    ]);
  });

  test("reads the stage a KEP had in a given release", () => {
    const runs = deriveStageRuns([shipped("alpha", "1.28"), shipped("beta", "1.29"), shipped("stable", "1.33")]);
    expect(stageInRelease(runs, "1.27")).toBeNull();
    expect(stageInRelease(runs, "1.31")).toBe("beta");
    expect(stageInRelease(runs, "1.36")).toBe("stable");
  });
});

describe("gate anchors", () => {
  test("keeps a Go identifier as it is", () => {
    expect(gateAnchor("NodeSwap")).toBe("NodeSwap");
  });

  test("cleans names with characters unsafe in a fragment", () => {
    expect(gateAnchor("KUBECTL ALPHA/thing")).toBe("KUBECTL-ALPHA-thing");
  });
});

describe("feature gates from the real snapshot", () => {
  const { keps } = readSnapshot(path.resolve(import.meta.dirname, "../../content"));
  const gates = listFeatureGates(keps);

  test("maps SidecarContainers to KEP-753, stable since 1.33", () => {
    const gate = gates.find((g) => g.name === "SidecarContainers");
    expect(gate?.anchor).toBe("SidecarContainers");
    expect(gate?.owners.map((o) => o.kep)).toEqual([753]);
    expect(gate?.owners[0]?.runs.at(-1)).toEqual({ stage: "stable", from: "1.33", to: null });
  });

  test("lists every KEP that declares a shared gate", () => {
    const gate = gates.find((g) => g.name === "InPlacePodVerticalScaling");
    expect(gate?.owners.map((o) => o.kep)).toEqual([1287, 2273]);
  });

  test("gives every gate a unique anchor", () => {
    expect(new Set(gates.map((g) => g.anchor)).size).toBe(gates.length);
  });
});
