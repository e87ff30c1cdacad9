import { describe, expect, test } from "vitest";
import { layoutBarChart, niceStep } from "../../src/lib/bar-chart.ts";

const series = [
  { key: "alpha", label: "Alpha", color: "var(--alpha)" },
  { key: "beta", label: "Beta", color: "var(--beta)" },
];

describe("bar chart layout", () => {
  test.each([
    [7, 2],
    [10, 2],
    [48, 10],
    [0.37, 0.1],
  ])("steps the value axis of a largest value %d by %d", (max, step) => {
    expect(niceStep(max)).toBeCloseTo(step);
  });

  test("stacks each series on the ones below it and leaves zeros out", () => {
    const { bars } = layoutBarChart(
      [
        { label: "1.33", alpha: 3, beta: 0 },
        { label: "1.34", alpha: 2, beta: 5 },
      ],
      series,
    );
    expect(bars[0]?.segments.map((s) => [s.from, s.to])).toEqual([[0, 3]]);
    expect(bars[1]?.segments.map((s) => [s.from, s.to, s.title])).toEqual([
      [0, 2, "1.34: Alpha 2"],
      [2, 7, "1.34: Beta 5"],
    ]);
  });

  test("ends the value axis on a tick at or above the largest bar", () => {
    const { ticks, max } = layoutBarChart([{ label: "a", alpha: 43, beta: 0 }], series);
    expect(max).toBe(50);
    expect(ticks.map((t) => t.text)).toEqual(["0", "10", "20", "30", "40", "50"]);
  });

  test("writes shares as percentages", () => {
    const { ticks, bars } = layoutBarChart(
      [{ label: "1.30", rate: 0.234 }],
      [{ key: "rate", label: "Slip rate", color: "red" }],
      {
        percent: true,
      },
    );
    expect(bars[0]?.totalText).toBe("23%");
    expect(ticks.at(-1)?.text).toBe("25%");
  });

  test("dims every row but the highlighted one", () => {
    const { bars } = layoutBarChart(
      [
        { label: "1.32", alpha: 1 },
        { label: "1.33", alpha: 1 },
      ],
      series,
      { highlight: "1.33" },
    );
    expect(bars.map((b) => b.dimmed)).toEqual([true, false]);
  });
});
