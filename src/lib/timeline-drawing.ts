/**
 * Geometry and words for drawing a KEP's stage timeline as static SVG: releases on the
 * x axis, one lane per stage, a marker per stage target and an arc for every move of a
 * target (with the day it moved). Nothing here renders; components turn it into markup.
 */
import { OUTCOME_LABELS, STAGE_LABELS } from "./format.ts";
import type { Stage, TargetOutcome, TimelineEntry, Version } from "./schema.ts";
import { compareVersions, stageRank, versionSpan } from "./versions.ts";
import { STAGES } from "./vocabulary.ts";

/** Sizes of the drawing, in SVG user units (pixels at 1:1). */
export const TIMELINE_SIZES = {
  labelWidth: 78,
  column: 66,
  header: 26,
  lane: 62,
  radius: 7,
  padRight: 18,
  padBottom: 8,
} as const;

/** Which outcome a cell shows when several targets landed on the same stage and release. */
const OUTCOME_PRIORITY: readonly TargetOutcome[] = [
  "shipped",
  "planned",
  "missed",
  "dropped",
  "slipped",
  "pulled-in",
  "replanned",
];

export interface TimelineColumn {
  version: Version;
  /** Centre of the column. */
  x: number;
  /** False for releases not out on the data's date. */
  out: boolean;
}

export interface TimelineLane {
  stage: Stage;
  /** Centre line of the lane. */
  y: number;
}

export interface TimelineMarker {
  stage: Stage;
  release: Version;
  x: number;
  y: number;
  outcome: TargetOutcome;
  /** How many targets landed on this cell (a release can be aimed at, left and aimed at again). */
  count: number;
  /** Hover text: every target on the cell with its dates. */
  title: string;
}

export interface TimelineArrow {
  stage: Stage;
  outcome: TargetOutcome;
  from: Version;
  to: Version;
  /** SVG path data of the arc. */
  path: string;
  /** Where the date label sits. */
  labelX: number;
  labelY: number;
  /** Month and year the target moved: "Sep 2021". */
  label: string;
  /** True when the target moved to an earlier release. */
  backward: boolean;
}

export interface TimelineLayout {
  width: number;
  height: number;
  columns: TimelineColumn[];
  lanes: TimelineLane[];
  markers: TimelineMarker[];
  arrows: TimelineArrow[];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2021-09-07T17:47:16Z" -> "Sep 2021" */
export function monthYear(instant: string): string {
  return `${MONTHS[Number(instant.slice(5, 7)) - 1]} ${instant.slice(0, 4)}`;
}

/** One line of hover text for a timeline entry. */
export function describeEntry(entry: TimelineEntry): string {
  const parts = [`${entry.stage} ${entry.release}: ${OUTCOME_LABELS[entry.outcome]}`];
  parts.push(`${entry.late ? "recorded after the release, " : ""}targeted ${entry.targetedOn.slice(0, 10)}`);
  if (entry.changedOn) {
    const where = entry.movedTo ? `moved to ${entry.movedTo}` : "cleared";
    parts.push(`${where} ${entry.changedOn.slice(0, 10)}`);
  }
  return parts.join(", ");
}

/**
 * The columns of a layout: within each major version, every release from the first to the last
 * named (gaps show as empty columns), or only the named ones when that span is implausibly long.
 * Ends for any set of versions (a `v2.0` once made this loop forever).
 */
function columnVersions(named: readonly Version[]): Version[] {
  const sorted = [...new Set(named)].sort(compareVersions);
  const byMajor = new Map<string, Version[]>();
  for (const version of sorted) {
    const major = version.split(".")[0] ?? "";
    byMajor.set(major, [...(byMajor.get(major) ?? []), version]);
  }
  return [...byMajor.values()].flatMap((group) => versionSpan(group[0]!, group.at(-1)!) ?? group);
}

/**
 * Lays a timeline out. Columns cover every release from the first to the last one any
 * entry names (targets and moves), so gaps show as empty columns; `lastOut` is the newest
 * release that is out on the data's date (later columns are marked as not out).
 */
export function layoutTimeline(timeline: readonly TimelineEntry[], lastOut: Version | null): TimelineLayout {
  const { labelWidth, column, header, lane, radius, padRight, padBottom } = TIMELINE_SIZES;
  const named = timeline.flatMap((e) => (e.movedTo ? [e.release, e.movedTo] : [e.release]));
  if (named.length === 0) return { width: 0, height: 0, columns: [], lanes: [], markers: [], arrows: [] };
  const versions = columnVersions(named);

  const columns = versions.map((version, i) => ({
    version,
    x: labelWidth + column * i + column / 2,
    out: lastOut !== null && compareVersions(version, lastOut) <= 0,
  }));
  const xOf = new Map(columns.map((c) => [c.version, c.x]));
  const stages = STAGES.filter((stage) => timeline.some((e) => e.stage === stage));
  const lanes = stages.map((stage, i) => ({ stage, y: header + lane * i + lane * 0.62 }));
  const yOf = new Map(lanes.map((l) => [l.stage, l.y]));

  const cells = new Map<string, TimelineEntry[]>();
  for (const entry of timeline) {
    const key = `${entry.stage}@${entry.release}`;
    cells.set(key, [...(cells.get(key) ?? []), entry]);
  }
  const markers: TimelineMarker[] = [...cells.values()].map((entries) => {
    const { stage, release } = entries[0]!;
    const outcome = OUTCOME_PRIORITY.find((o) => entries.some((e) => e.outcome === o)) ?? entries[0]!.outcome;
    return {
      stage,
      release,
      x: xOf.get(release)!,
      y: yOf.get(stage)!,
      outcome,
      count: entries.length,
      title: entries.map(describeEntry).join("\n"),
    };
  });
  markers.sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || compareVersions(a.release, b.release));

  const arrows: TimelineArrow[] = [];
  for (const entry of timeline) {
    if (!entry.movedTo || !entry.changedOn) continue;
    const x1 = xOf.get(entry.release)!;
    const x2 = xOf.get(entry.movedTo)!;
    const y = yOf.get(entry.stage)!;
    const backward = x2 < x1;
    const direction = backward ? -1 : 1;
    const span = Math.abs(x2 - x1) / column;
    // Forward moves arc above the lane, backward ones below, so they never overlap each other.
    const lift = (18 + Math.min(span - 1, 3) * 4) * (backward ? -0.55 : 1);
    const start = x1 + direction * (radius + 1);
    const end = x2 - direction * (radius + 3);
    const mid = (x1 + x2) / 2;
    arrows.push({
      stage: entry.stage,
      outcome: entry.outcome,
      from: entry.release,
      to: entry.movedTo,
      path: `M${start} ${y - 2}Q${mid} ${y - 2 * lift} ${end} ${y - 2}`,
      labelX: mid,
      labelY: backward ? y - lift + 12 : y - lift - 3,
      label: monthYear(entry.changedOn),
      backward,
    });
  }

  return {
    width: labelWidth + column * versions.length + padRight,
    height: header + lane * lanes.length + padBottom,
    columns,
    lanes,
    markers,
    arrows,
  };
}

/** One sentence per stage: where it shipped (after how many slips), or where it stands. */
export function summarizeTimeline(timeline: readonly TimelineEntry[]): string[] {
  const lines: string[] = [];
  for (const stage of STAGES) {
    const entries = timeline.filter((e) => e.stage === stage);
    if (entries.length === 0) continue;
    const slips = entries.filter((e) => e.outcome === "slipped").length;
    const after = slips > 0 ? ` after ${slips} ${slips === 1 ? "slip" : "slips"}` : "";
    const shipped = entries.find((e) => e.outcome === "shipped");
    const planned = entries.find((e) => e.outcome === "planned");
    const missed = entries.filter((e) => e.outcome === "missed").at(-1);
    const label = STAGE_LABELS[stage];
    const route = routeOf(entries);
    const via = route.length > 1 ? ` (${route.join(" → ")})` : "";
    if (shipped) lines.push(`${label} reached in ${shipped.release}${after}${via}.`);
    else if (planned) lines.push(`${label} planned for ${planned.release}${after}${via}.`);
    else if (missed) lines.push(`${label} aimed at ${missed.release}${after}${via}, never recorded as reached.`);
    else {
      const lastMove = entries.at(-1)!;
      lines.push(`${label} last aimed at ${lastMove.release} (${OUTCOME_LABELS[lastMove.outcome]})${after}${via}.`);
    }
  }
  return lines;
}

/** The releases a stage was aimed at, in the order kep.yaml named them (repeats in a row collapsed). */
export function routeOf(entries: readonly TimelineEntry[]): Version[] {
  const route: Version[] = [];
  for (const entry of entries) if (route.at(-1) !== entry.release) route.push(entry.release);
  return route;
}

/**
 * Plot widths (CSS px, the drawing without its stage labels) at which date labels are thinned:
 * StageTimeline's CSS hides a label marked with a width while its plot is narrower than that.
 * keps.css holds one container query per width (a unit test keeps the two lists equal).
 */
export const DATE_LABEL_WIDTHS = [320, 400, 480, 560, 640, 720, 800, 960, 1120, 1280, 1600] as const;
/** Room a date label takes, in CSS px: its characters at 11px, and a gap to the next one. */
const labelRoom = (label: string) => label.length * 6.6 + 8;

/**
 * For each arrow's date label, the narrowest plot width from which it is shown (0: always), so
 * labels of one row (a stage's forward or backward moves) never overlap: at each width, from
 * left to right, a label is kept when it clears the last kept one; a label is shown from the
 * narrowest width at and above which it is always kept. One that never fits gets Infinity (its
 * month stays in the marker's tooltip and the table below the drawing).
 */
export function dateLabelWidths(layout: TimelineLayout): number[] {
  const columns = Math.max(1, layout.columns.length);
  const indexOf = new Map(layout.columns.map((c, i) => [c.version, i]));
  const centre = (a: TimelineArrow) => ((indexOf.get(a.from) ?? 0) + (indexOf.get(a.to) ?? 0)) / 2 + 0.5;
  const rows = new Map<string, number[]>();
  layout.arrows.forEach((a, i) => {
    const key = `${a.stage}:${a.backward}`;
    rows.set(key, [...(rows.get(key) ?? []), i]);
  });
  const keptAt = (width: number): Set<number> => {
    const kept = new Set<number>();
    const perColumn = width / columns;
    for (const row of rows.values()) {
      let right = Number.NEGATIVE_INFINITY;
      for (const i of [...row].sort((a, b) => centre(layout.arrows[a]!) - centre(layout.arrows[b]!))) {
        const arrow = layout.arrows[i]!;
        const half = labelRoom(arrow.label) / 2;
        const x = centre(arrow) * perColumn;
        if (x - half < right) continue;
        kept.add(i);
        right = x + half;
      }
    }
    return kept;
  };
  const shownFrom = layout.arrows.map(() => Number.POSITIVE_INFINITY);
  // From the widest plot down: a label keeps the narrowest width from which it stays kept.
  const always = new Set(layout.arrows.map((_, i) => i));
  for (const width of [...DATE_LABEL_WIDTHS].reverse()) {
    const kept = keptAt(width);
    for (const i of always) {
      if (kept.has(i)) shownFrom[i] = width;
      else always.delete(i);
    }
  }
  return shownFrom.map((width) => (width === DATE_LABEL_WIDTHS[0] ? 0 : width));
}

/** A timeline drawn to fill any frame: positions in percent of the plot, sizes (marker, arc lift) in CSS px. */
export interface FluidTimeline {
  columns: (TimelineColumn & { at: number })[];
  lanes: (TimelineLane & { at: number })[];
  markers: (TimelineMarker & { xAt: number; yAt: number })[];
  /** `showFrom`: the narrowest plot width (CSS px) showing the date label (0: any; see dateLabelWidths). */
  arrows: (TimelineArrow & { fromAt: number; toAt: number; yAt: number; lift: number; showFrom: number })[];
}

/**
 * Re-expresses a layout in percent of the plot (releases across, stages down), so an SVG without
 * a viewBox stretches to the width and height its frame gives it while text and markers keep their size.
 */
export function fluidTimeline(layout: TimelineLayout): FluidTimeline {
  const { labelWidth, column, header, lane } = TIMELINE_SIZES;
  const across = (x: number) => ((x - labelWidth) / (column * Math.max(1, layout.columns.length))) * 100;
  const down = (y: number) => ((y - header) / (lane * Math.max(1, layout.lanes.length))) * 100;
  const xOf = new Map(layout.columns.map((c) => [c.version, c.x]));
  const showFrom = dateLabelWidths(layout);
  return {
    columns: layout.columns.map((c) => ({ ...c, at: across(c.x) })),
    lanes: layout.lanes.map((l) => ({ ...l, at: down(l.y) })),
    markers: layout.markers.map((m) => ({ ...m, xAt: across(m.x), yAt: down(m.y) })),
    arrows: layout.arrows.map((a, i) => {
      const y = layout.lanes.find((l) => l.stage === a.stage)?.y ?? header;
      const span = Math.abs((xOf.get(a.to) ?? 0) - (xOf.get(a.from) ?? 0)) / column;
      const lift = Math.round((18 + Math.min(span - 1, 3) * 4) * (a.backward ? 0.55 : 1));
      return {
        ...a,
        fromAt: across(xOf.get(a.from) ?? 0),
        toAt: across(xOf.get(a.to) ?? 0),
        yAt: down(y),
        lift,
        showFrom: showFrom[i]!,
      };
    }),
  };
}
