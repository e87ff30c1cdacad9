import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { readSnapshot } from "../../src/data/snapshot.ts";
import type { TimelineEntry } from "../../src/lib/schema.ts";
import {
  DATE_LABEL_WIDTHS,
  fluidTimeline,
  layoutTimeline,
  monthYear,
  routeOf,
  summarizeTimeline,
  TIMELINE_SIZES,
  type TimelineLayout,
} from "../../src/lib/timeline-drawing.ts";

/** KEP-1287's alpha story: retargeted from 1.22 release after release until it shipped in 1.27. */
const alphaSlips: TimelineEntry[] = [
  {
    stage: "alpha",
    release: "1.22",
    outcome: "slipped",
    targetedOn: "2021-05-13T19:02:38Z",
    changedOn: "2021-09-07T17:47:16Z",
    movedTo: "1.23",
  },
  {
    stage: "alpha",
    release: "1.23",
    outcome: "slipped",
    targetedOn: "2021-09-07T17:47:16Z",
    changedOn: "2022-01-25T18:45:42Z",
    movedTo: "1.24",
  },
  {
    stage: "alpha",
    release: "1.24",
    outcome: "slipped",
    targetedOn: "2022-01-25T18:45:42Z",
    changedOn: "2022-05-31T16:14:52Z",
    movedTo: "1.27",
  },
  { stage: "alpha", release: "1.27", outcome: "shipped", targetedOn: "2022-05-31T16:14:52Z" },
  { stage: "beta", release: "1.29", outcome: "planned", targetedOn: "2022-05-31T16:14:52Z" },
];

describe("layoutTimeline", () => {
  const layout = layoutTimeline(alphaSlips, "1.28");

  test("has one column per release from the first to the last named, gaps included", () => {
    expect(layout.columns.map((c) => c.version)).toEqual([
      "1.22",
      "1.23",
      "1.24",
      "1.25",
      "1.26",
      "1.27",
      "1.28",
      "1.29",
    ]);
  });

  test("marks releases after the newest released one as not out", () => {
    expect(layout.columns.filter((c) => !c.out).map((c) => c.version)).toEqual(["1.29"]);
  });

  test("has one lane per stage present, in stage order", () => {
    expect(layout.lanes.map((l) => l.stage)).toEqual(["alpha", "beta"]);
  });

  test("draws an arc for every move, labelled with the month it moved", () => {
    expect(layout.arrows.map((a) => [a.from, a.to, a.label])).toEqual([
      ["1.22", "1.23", "Sep 2021"],
      ["1.23", "1.24", "Jan 2022"],
      ["1.24", "1.27", "May 2022"],
    ]);
  });

  test("places a marker in the column of its release", () => {
    const shipped = layout.markers.find((m) => m.outcome === "shipped")!;
    expect(shipped.x).toBe(layout.columns.find((c) => c.version === "1.27")!.x);
  });

  test("is as wide as its columns plus the lane labels", () => {
    const { labelWidth, column, padRight } = TIMELINE_SIZES;
    expect(layout.width).toBe(labelWidth + 8 * column + padRight);
  });

  test("shows the strongest outcome when a cell holds several targets", () => {
    const twice: TimelineEntry[] = [
      {
        stage: "stable",
        release: "1.30",
        outcome: "replanned",
        targetedOn: "2023-01-17T00:00:00Z",
        changedOn: "2023-10-05T00:00:00Z",
        movedTo: "1.31",
      },
      { stage: "stable", release: "1.30", outcome: "shipped", targetedOn: "2024-01-01T00:00:00Z" },
    ];
    const cell = layoutTimeline(twice, "1.31").markers.find((m) => m.release === "1.30")!;
    expect(cell).toMatchObject({ outcome: "shipped", count: 2 });
  });

  test("is empty for an empty timeline", () => {
    expect(layoutTimeline([], null).columns).toEqual([]);
  });
});

test("summarizeTimeline gives each stage's result, slips and route", () => {
  expect(summarizeTimeline(alphaSlips)).toEqual([
    "Alpha reached in 1.27 after 3 slips (1.22 → 1.23 → 1.24 → 1.27).",
    "Beta planned for 1.29.",
  ]);
});

test("routeOf collapses repeats in a row", () => {
  expect(routeOf([alphaSlips[3]!, alphaSlips[3]!])).toEqual(["1.27"]);
});

test("monthYear names the month", () => {
  expect(monthYear("2021-09-07T17:47:16Z")).toBe("Sep 2021");
});

describe("date labels", () => {
  const snapshot = readSnapshot(path.resolve(import.meta.dirname, "../../content"));
  const lastOut = "1.36";
  /** Where the shown labels of one row sit at a plot width, as [left, right] in px. */
  const shownSpans = (layout: TimelineLayout, width: number) => {
    const fluid = fluidTimeline(layout);
    const rows = new Map<string, [number, number][]>();
    for (const a of fluid.arrows) {
      if (!(a.showFrom <= width)) continue;
      const x = (((a.fromAt + a.toAt) / 2) * width) / 100;
      const half = (a.label.length * 6.6) / 2;
      const key = `${a.stage}:${a.backward}`;
      rows.set(key, [...(rows.get(key) ?? []), [x - half, x + half]]);
    }
    return [...rows.values()].map((spans) => spans.sort((a, b) => a[0] - b[0]));
  };

  test("of one row never overlap at any plot width, for every real KEP", () => {
    let checked = 0;
    for (const kep of snapshot.keps) {
      const layout = layoutTimeline(kep.timeline, lastOut);
      for (const width of DATE_LABEL_WIDTHS) {
        for (const spans of shownSpans(layout, width)) {
          for (let i = 1; i < spans.length; i++)
            expect(spans[i]![0], `KEP-${kep.number} at ${width}px`).toBeGreaterThanOrEqual(spans[i - 1]![1]);
          checked += spans.length;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test("thin out on a narrow plot and all show on a wide one (KEP-1287: five alpha slips a release apart)", () => {
    const kep = snapshot.keps.find((k) => k.number === 1287)!;
    const layout = layoutTimeline(kep.timeline, lastOut);
    const shown = (width: number) => shownSpans(layout, width).flat().length;
    expect(shown(480)).toBeLessThan(shown(1600));
    expect(shown(1600)).toBe(layout.arrows.length);
  });

  test("each width but the first has its container query in keps.css", () => {
    const css = readFileSync(path.resolve(import.meta.dirname, "../../src/styles/keps.css"), "utf8");
    for (const width of DATE_LABEL_WIDTHS.slice(1))
      expect(css).toMatch(
        new RegExp(`@container tl-plot \\(width < ${width}px\\) \\{\\s*\\.tl-w${width} \\{\\s*display: none;`),
      );
  });
});
