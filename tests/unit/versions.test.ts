/**
 * Release versions: one parser with sane bounds, and layouts and ranges that end for any pair
 * of versions (a `deprecated: "v2.0"` in one kep.yaml once made a KEP page's layout loop forever).
 */
import { describe, expect, test } from "vitest";
import { normaliseMilestone } from "../../src/lib/kep-yaml.ts";
import type { TimelineEntry } from "../../src/lib/schema.ts";
import { layoutTimeline } from "../../src/lib/timeline-drawing.ts";
import { compareVersions, parseVersion, versionSpan } from "../../src/lib/versions.ts";

describe("parseVersion", () => {
  test.each([
    ["1.29", { major: 1, minor: 29 }],
    ["v1.29", { major: 1, minor: 29 }],
    ["V1.0", { major: 1, minor: 0 }],
    ["2.0", { major: 2, minor: 0 }],
    ["1.199", { major: 1, minor: 199 }],
  ])("reads %s", (text, parts) => {
    expect(parseVersion(text)).toEqual(parts);
  });

  test.each(["0.9", "3.1", "1.200", "1.9999999999999999999", "01.37", "1.029", "1.29.1", "v", "", "1", "x.y"])(
    "refuses %s",
    (text) => {
      expect(parseVersion(text)).toBeNull();
    },
  );
});

describe("milestones outside any plausible release", () => {
  test.each([
    ["v3.1", "milestone-out-of-range"],
    ["v1.9999999999999999999", "milestone-out-of-range"],
    ["v0.9", "milestone-before-v1"],
  ])("%s is reported (%s) and left out", (text, warning) => {
    expect(normaliseMilestone(text)).toMatchObject({ value: null, warning });
  });

  test("v2.0 is a release Kubernetes may have, so it is kept", () => {
    expect(normaliseMilestone("v2.0")).toMatchObject({ value: "v2.0", warning: null });
  });
});

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("layouts end for any pair of versions", () => {
  const next = random(20261202);
  const versionOf = () => `${1 + Math.floor(next() * 2)}.${Math.floor(next() * 200)}`;

  test("versionSpan covers a short same-major range and gives up on anything else", () => {
    expect(versionSpan("1.27", "1.30")).toEqual(["1.27", "1.28", "1.29", "1.30"]);
    expect(versionSpan("1.37", "2.0")).toBeNull();
    expect(versionSpan("1.0", "1.150")).toBeNull();
    expect(versionSpan("1.30", "1.27")).toBeNull();
  });

  test("layoutTimeline over 500 random pairs lays out at most the span or the named releases", () => {
    for (let i = 0; i < 500; i++) {
      const [a, b] = [versionOf(), versionOf()];
      const timeline: TimelineEntry[] = [
        { stage: "alpha", release: a, outcome: "shipped", targetedOn: "2021-01-01T00:00:00Z" },
        { stage: "deprecated", release: b, outcome: "planned", targetedOn: "2021-01-01T00:00:00Z" },
      ];
      const layout = layoutTimeline(timeline, "1.37");
      const [low, high] = [a, b].sort(compareVersions);
      const span = versionSpan(low!, high!);
      expect(layout.columns.length, `${a} .. ${b}`).toBe(span ? span.length : new Set([a, b]).size);
      expect(layout.columns.length).toBeLessThanOrEqual(60);
    }
  });

  test("KEP-753 with deprecated v2.0 lays out its 1.x columns and then 2.0", () => {
    const layout = layoutTimeline(
      [
        { stage: "alpha", release: "1.28", outcome: "shipped", targetedOn: "2023-06-01T00:00:00Z" },
        { stage: "stable", release: "1.33", outcome: "shipped", targetedOn: "2025-02-01T00:00:00Z" },
        { stage: "deprecated", release: "2.0", outcome: "planned", targetedOn: "2026-01-01T00:00:00Z" },
      ],
      "1.37",
    );
    expect(layout.columns.map((c) => c.version)).toEqual(["1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "2.0"]);
  });
});
