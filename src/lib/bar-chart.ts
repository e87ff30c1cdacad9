/**
 * Bar charts drawn at build time: the geometry of a stacked bar chart (columns or bars) in
 * value units, so a static SVG can stretch to any width while its labels stay HTML text of
 * a fixed, legible size. No React, no recharts: the page ships no script for a chart.
 */

/** One series of bars: a key of the rows, its label and a CSS colour (variables work). */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

/** A row as pages hand it over: its label, a number per series key and an optional own fill. */
export type ChartRow = { label: string } & Record<string, number | string>;

/** One drawn piece of a bar: a series' value stacked on the ones below it. */
export interface BarSegment {
  /** Where the segment starts and ends on the value axis. */
  from: number;
  to: number;
  color: string;
  /** Tooltip text, e.g. "1.33: Alpha 20". */
  title: string;
}

/** One row's bar. */
export interface ChartBar {
  label: string;
  total: number;
  /** The total as the chart writes it (a percentage for shares). */
  totalText: string;
  segments: BarSegment[];
  /** Drawn lighter: another row is highlighted. */
  dimmed: boolean;
}

/** A gridline on the value axis. */
export interface ChartTick {
  value: number;
  text: string;
  /** Position from the axis start, 0..100 (percent of the plot). */
  at: number;
}

/** Everything a static chart draws. */
export interface BarChartLayout {
  bars: ChartBar[];
  ticks: ChartTick[];
  /** Top of the value axis (the last tick). */
  max: number;
  /** Legend entries, only when more than one series is stacked. */
  legend: ChartSeries[];
}

/** A step of 1, 2, 2.5 or 5 times a power of ten that gives about `count` ticks up to `max`. */
export function niceStep(max: number, count = 5): number {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return step;
}

/** Formats a value on the axis or a total: percentages for shares, else the number. */
export function formatValue(value: number, percent: boolean): string {
  return percent ? `${Math.round(value * 100)}%` : String(Math.round(value * 100) / 100);
}

/** Lays out a stacked bar chart: one bar per row, a segment per series with a value above 0. */
export function layoutBarChart(
  rows: readonly ChartRow[],
  series: readonly ChartSeries[],
  { percent = false, highlight }: { percent?: boolean; highlight?: string | undefined } = {},
): BarChartLayout {
  const bars = rows.map((row): ChartBar => {
    let total = 0;
    const segments: BarSegment[] = [];
    for (const s of series) {
      const value = Number(row[s.key] ?? 0);
      if (!(value > 0)) continue;
      const color = series.length === 1 && typeof row.fill === "string" ? row.fill : s.color;
      const title = `${row.label}: ${series.length > 1 ? `${s.label} ` : ""}${formatValue(value, percent)}`;
      segments.push({ from: total, to: total + value, color, title });
      total += value;
    }
    return {
      label: row.label,
      total,
      totalText: formatValue(total, percent),
      segments,
      dimmed: highlight !== undefined && row.label !== highlight,
    };
  });
  const largest = Math.max(0, ...bars.map((b) => b.total));
  const step = percent ? Math.max(0.05, niceStep(Math.min(1, largest))) : Math.max(1, niceStep(largest));
  const max = Math.max(step, Math.ceil(largest / step - 1e-9) * step);
  const ticks: ChartTick[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) {
    const value = Math.round(i * step * 1e6) / 1e6;
    ticks.push({ value, text: formatValue(value, percent), at: (value / max) * 100 });
  }
  return { bars, ticks, max, legend: series.length > 1 ? [...series] : [] };
}
