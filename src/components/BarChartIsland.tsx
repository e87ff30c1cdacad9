/**
 * A bar chart island (recharts), fed precomputed rows by the page. It draws only in the
 * browser: the server renders a sized placeholder, and the page carries the same numbers
 * as a table for readers without JavaScript.
 */
import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

/** One series of bars: a key of the rows, its label and a CSS colour (variables work). */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export interface BarChartIslandProps {
  /** Accessible name of the chart. */
  title: string;
  rows: ({ label: string } & Record<string, number | string>)[];
  series: ChartSeries[];
  /** "columns" puts labels on the x axis; "bars" lists them down the y axis (long labels). */
  orientation?: "columns" | "bars" | undefined;
  height: number;
  /** Values are shares (0..1) shown as percentages. */
  percent?: boolean | undefined;
  /** A row label drawn stronger than the rest (the release a page is about). */
  highlight?: string | undefined;
  /** Axis titles. */
  xLabel?: string | undefined;
  yLabel?: string | undefined;
}

const formatPercent = (value: unknown) => `${Math.round(Number(value) * 100)}%`;
/** Legend labels in the page's soft text colour (recharts paints them in the series colour). */
const legendLabel = (value: string) => <span style={{ color: "var(--fg-soft)" }}>{value}</span>;

/** An axis title below the x axis or along the y axis. */
function axisTitle(value: string, side: "bottom" | "left") {
  return side === "bottom"
    ? { value, position: "insideBottom" as const, offset: -12, fill: "var(--fg-soft)" }
    : { value, angle: -90, position: "insideLeft" as const, fill: "var(--fg-soft)" };
}

/** Shares run from 0 to the next tenth above the largest one. */
const PERCENT_DOMAIN: [number, (max: number) => number] = [0, (max) => Math.min(1, Math.ceil(max * 10) / 10)];

export default function BarChartIsland(props: BarChartIslandProps) {
  const { title, rows, series, orientation = "columns", height, percent = false, highlight, xLabel, yLabel } = props;
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) {
    return (
      <div className="chart-placeholder" style={{ height }}>
        The chart draws when JavaScript runs; its numbers are in the table below.
      </div>
    );
  }

  const bars = orientation === "bars";
  const tick = { fill: "var(--fg-soft)", fontSize: 12 };
  const valueAxis = {
    type: "number" as const,
    tick,
    allowDecimals: percent,
    stroke: "var(--border)",
    ...(percent ? { tickFormatter: formatPercent, domain: PERCENT_DOMAIN } : {}),
  };
  const labelAxis = {
    type: "category" as const,
    dataKey: "label",
    tick,
    stroke: "var(--border)",
    // Every SIG name down the side; along the bottom, recharts drops labels that would overlap.
    interval: bars ? (0 as const) : ("preserveStartEnd" as const),
  };
  const stacked = series.length > 1;
  // Recharts reads SVG props from data entries: dim every row but the highlighted one.
  const data =
    highlight === undefined ? rows : rows.map((row) => ({ ...row, fillOpacity: row.label === highlight ? 1 : 0.45 }));
  return (
    <BarChart
      data={data}
      layout={bars ? "vertical" : "horizontal"}
      responsive
      width="100%"
      height={height}
      title={title}
      margin={{ top: 8, right: 16, bottom: xLabel ? 20 : 4, left: yLabel ? 12 : 0 }}
      barCategoryGap="18%"
    >
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={bars} horizontal={!bars} />
      {bars ? (
        <>
          <XAxis {...valueAxis} {...(xLabel ? { label: axisTitle(xLabel, "bottom") } : {})} />
          <YAxis {...labelAxis} width={170} />
        </>
      ) : (
        <>
          <XAxis {...labelAxis} {...(xLabel ? { label: axisTitle(xLabel, "bottom") } : {})} />
          <YAxis {...valueAxis} width={44} {...(yLabel ? { label: axisTitle(yLabel, "left") } : {})} />
        </>
      )}
      <Tooltip
        cursor={{ fill: "var(--accent-soft)" }}
        contentStyle={{
          background: "var(--bg)",
          border: "1px solid var(--border)",
          borderRadius: 8,
          color: "var(--fg)",
        }}
        labelStyle={{ color: "var(--fg)", fontWeight: 600 }}
        {...(percent ? { formatter: formatPercent } : {})}
      />
      {stacked && (
        <Legend
          formatter={legendLabel}
          itemSorter={null}
          wrapperStyle={{ fontSize: 13, color: "var(--fg-soft)", paddingTop: xLabel ? 18 : 4 }}
        />
      )}
      {series.map((s) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          {...(stacked ? { stackId: "all" } : {})}
          fill={s.color}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
