/**
 * The stats page's view model (/stats/): the rows, series and one-sentence summary of each of
 * its four charts (stage mix per release, alpha to stable, slip rate, SIG throughput). Pure.
 */
import type { ChartRow, ChartSeries } from "./bar-chart.ts";
import { percent, STAGE_COLORS, STAGE_LABELS } from "./format.ts";
import { stageRows, stageSeries, stagesPresent } from "./release-groups.ts";
import type { Kep, Release } from "./schema.ts";
import { sigName } from "./sigs.ts";
import { distributeGraduations, listGraduations, median, sigThroughput, slipRates } from "./stats.ts";

/** What one chart on the page draws, and its sentence. */
export interface StatsChart {
  summary: string;
  rows: ChartRow[];
  series: ChartSeries[];
}

/** The four charts of the stats page. */
export interface StatsPage {
  perRelease: StatsChart;
  graduation: StatsChart;
  slipRate: StatsChart;
  sigThroughput: StatsChart;
}

/** Builds the stats page's charts from every KEP and release (oldest first) as of the data's day. */
export function buildStatsPage(
  keps: readonly Pick<Kep, "number" | "timeline">[],
  releases: readonly Release[],
  asOf: string,
): StatsPage {
  const perRelease = stageRows(releases);
  const released = releases.filter((r) => r.state === "released");
  const graduations = listGraduations(keps);
  const medianReleases = median(graduations.map((g) => g.releases));
  const rates = slipRates(releases);
  const finished = rates.filter((r) => !r.inProgress && r.rate !== null);
  const overall =
    finished.reduce((n, r) => n + r.slipped, 0) /
    Math.max(
      1,
      finished.reduce((n, r) => n + r.slipped + r.enhancements, 0),
    );
  const throughput = sigThroughput(releases);
  const sigRows = throughput.map((t) => ({ label: sigName(t.sig), ...t.byStage, slipped: t.slipped }));
  const inProgress = rates.filter((r) => r.inProgress).map((r) => r.version);
  return {
    perRelease: {
      summary: `From ${Math.min(...released.map((r) => r.enhancements.length))} to ${Math.max(...released.map((r) => r.enhancements.length))} enhancements a released version${inProgress.length > 0 ? `; ${inProgress.map((v) => `${v}*`).join(", ")} in progress: what targets it as of ${asOf}, not what it will ship` : ""}.`,
      rows: perRelease,
      series: stageSeries(perRelease),
    },
    graduation: {
      summary:
        medianReleases === null
          ? "No KEP in the data shipped both alpha and stable."
          : `${graduations.length} KEPs shipped alpha and later stable; the median took ${medianReleases} releases. Counted from the shipped entries of each stage timeline.`,
      rows: distributeGraduations(graduations).map((row) => ({ label: String(row.releases), keps: row.keps })),
      series: [{ key: "keps", label: "KEPs", color: "var(--stable)" }],
    },
    slipRate: {
      summary: `Slipped ÷ (enhancements + slipped). Across finished releases: ${percent(overall)}.${inProgress.length > 0 ? ` * ${inProgress.join(", ")} was in progress on ${asOf}, so its slips are not final.` : ""}`,
      rows: rates.map((r) => ({
        label: r.inProgress ? `${r.version}*` : r.version,
        rate: r.rate ?? 0,
        enhancements: r.enhancements,
        slipped: r.slipped,
      })),
      series: [{ key: "rate", label: "Slip rate", color: "var(--removed)" }],
    },
    sigThroughput: {
      summary: `${throughput.length} SIGs; ${sigName(throughput[0]?.sig ?? "")} carried the most (${throughput[0]?.total ?? 0}).`,
      rows: sigRows,
      series: stagesPresent(sigRows).map((s) => ({ key: s, label: STAGE_LABELS[s], color: STAGE_COLORS[s] })),
    },
  };
}
