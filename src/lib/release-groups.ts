/**
 * Derivations for release pages: enhancements grouped by stage and SIG, what slipped
 * and where it went, what became of each freeze exception, the team split into leads
 * and shadows, and the counts behind each chart.
 */
import type { ChartRow, ChartSeries } from "./bar-chart.ts";
import { RELEASE_STAGE_ORDER, STAGE_COLORS, STAGE_LABELS } from "./format.ts";
import { compareText } from "./order.ts";
import { countByStage } from "./release-counts.ts";
import type {
  FreezeException,
  Inference,
  Release,
  ReleaseEnhancement,
  ReleaseStage,
  SlippedEnhancement,
  TeamMember,
  Version,
} from "./schema.ts";
import { INFERENCES } from "./schema.ts";
import { compareVersions } from "./versions.ts";
import { RELEASE_STAGES } from "./vocabulary.ts";

export type { ChartRow, ChartSeries };

/** One SIG's enhancements within a stage. */
export interface SigGroup<T> {
  sig: string;
  items: T[];
}

/** A stage's enhancements, by SIG. */
export interface StageGroup<T> {
  stage: ReleaseStage;
  count: number;
  sigs: SigGroup<T>[];
}

/**
 * Groups a release's enhancements by stage (stable, beta, alpha, deprecated, removed) and
 * within a stage by owning SIG (largest first, then by name); KEPs by number inside a SIG.
 * Stages without entries are left out.
 */
export function groupByStageAndSig<T extends Pick<ReleaseEnhancement, "kep" | "stage" | "owningSig">>(
  enhancements: readonly T[],
): StageGroup<T>[] {
  const groups: StageGroup<T>[] = [];
  for (const stage of RELEASE_STAGE_ORDER) {
    const inStage = enhancements.filter((e) => e.stage === stage);
    if (inStage.length === 0) continue;
    const bySig = new Map<string, T[]>();
    for (const entry of inStage) bySig.set(entry.owningSig, [...(bySig.get(entry.owningSig) ?? []), entry]);
    const sigs = [...bySig]
      .map(([sig, items]) => ({ sig, items: items.sort((a, b) => a.kep - b.kep) }))
      .sort((a, b) => b.items.length - a.items.length || compareText(a.sig, b.sig));
    groups.push({ stage, count: inStage.length, sigs });
  }
  return groups;
}

/** What happened to a slipped enhancement, in a sentence fragment. */
export function describeSlip(slip: Pick<SlippedEnhancement, "changedOn" | "movedTo">): string {
  if (!slip.changedOn) return "stood past release day, stage never recorded as reached";
  const day = slip.changedOn.slice(0, 10);
  return slip.movedTo ? `moved to ${slip.movedTo} on ${day}` : `target cleared on ${day}`;
}

/** What became of a freeze exception, judged by whether its KEP made the release. */
export interface ExceptionOutcome {
  /** "approved — slipped to 1.27" */
  text: string;
  /** Whether the KEP ended up in the release's enhancements. */
  result: "in-release" | "slipped" | "not-listed" | "no-kep";
}

/** Matches an exception's KEP against the release's enhancements and slipped lists. */
export function describeExceptionOutcome(
  exception: Pick<FreezeException, "kep" | "status">,
  release: Pick<Release, "enhancements" | "slipped">,
): ExceptionOutcome {
  const status = exception.status === "unknown" ? "status not recorded" : exception.status;
  if (exception.kep === null) return { text: `${status} — no KEP named`, result: "no-kep" };
  const included = release.enhancements.find((e) => e.kep === exception.kep);
  if (included) return { text: `${status} — in the release (${included.stage})`, result: "in-release" };
  const slipped = release.slipped.find((s) => s.kep === exception.kep);
  if (slipped) {
    const where = slipped.movedTo ? `slipped to ${slipped.movedTo}` : "slipped";
    return { text: `${status} — ${where}`, result: "slipped" };
  }
  return { text: `${status} — not in this release's lists`, result: "not-listed" };
}

/** How many enhancements each inference signal supports (an entry can carry several). */
export function countInferences(release: Pick<Release, "enhancements">): Record<Inference, number> {
  const counts = Object.fromEntries(INFERENCES.map((i) => [i, 0])) as Record<Inference, number>;
  for (const entry of release.enhancements) for (const signal of entry.inferredFrom) counts[signal]++;
  return counts;
}

/** Entries whose only signal is the given one: the list would lose them without it. */
export function countOnlyFrom(release: Pick<Release, "enhancements">, signal: Inference): number {
  return release.enhancements.filter((e) => e.inferredFrom.length === 1 && e.inferredFrom[0] === signal).length;
}

/** A role of the release team with its lead(s) and shadows, in roster order. */
export interface TeamRole {
  role: string;
  leads: TeamMember[];
  shadows: TeamMember[];
}

/** Groups the roster by role, keeping the order roles first appear in. */
export function groupTeam(team: readonly TeamMember[]): TeamRole[] {
  const roles = new Map<string, TeamRole>();
  for (const member of team) {
    let role = roles.get(member.role);
    if (!role) {
      role = { role: member.role, leads: [], shadows: [] };
      roles.set(member.role, role);
    }
    (member.shadow ? role.shadows : role.leads).push(member);
  }
  return [...roles.values()];
}

/** The releases either side of one, by version, among those in the data. */
export function neighbours<T extends Pick<Release, "version">>(
  releases: readonly T[],
  version: Version,
): { previous: T | null; next: T | null } {
  const sorted = [...releases].sort((a, b) => compareVersions(a.version, b.version));
  const index = sorted.findIndex((r) => r.version === version);
  return { previous: index > 0 ? sorted[index - 1]! : null, next: sorted[index + 1] ?? null };
}

/** Enhancement counts by stage for each release (one row per release). */
export function stageRows(releases: readonly Pick<Release, "version" | "enhancements" | "state">[]): ChartRow[] {
  return releases.map((release) => {
    // A cycle under way is marked: its bars are what targets it so far, not what it shipped.
    const row: ChartRow = { label: release.state === "released" ? release.version : `${release.version}*` };
    const counts = countByStage(release);
    for (const stage of RELEASE_STAGES) row[stage] = counts[stage];
    row.majorChange = counts.majorChange;
    return row;
  });
}

/** Enhancement counts by SIG and stage for one release, largest SIG first; the tail beyond `limit` is summed as "other SIGs". */
export function sigRows(release: Pick<Release, "enhancements">, limit = 12): ChartRow[] {
  const bySig = new Map<string, ChartRow>();
  for (const entry of release.enhancements) {
    let row = bySig.get(entry.owningSig);
    if (!row) {
      row = { label: entry.owningSig };
      for (const stage of RELEASE_STAGES) row[stage] = 0;
      bySig.set(entry.owningSig, row);
    }
    row[entry.stage] = (row[entry.stage] as number) + 1;
  }
  const total = (row: ChartRow) => RELEASE_STAGES.reduce((sum, s) => sum + (row[s] as number), 0);
  const rows = [...bySig.values()].sort((a, b) => total(b) - total(a) || compareText(a.label, b.label));
  if (rows.length <= limit) return rows;
  const other: ChartRow = { label: `${rows.length - limit + 1} other SIGs` };
  for (const stage of RELEASE_STAGES) other[stage] = 0;
  for (const row of rows.slice(limit - 1)) {
    for (const stage of RELEASE_STAGES) other[stage] = (other[stage] as number) + (row[stage] as number);
  }
  return [...rows.slice(0, limit - 1), other];
}

/** The stages that have at least one entry in some row: charts leave empty series out. */
export function stagesPresent(rows: readonly ChartRow[]): ReleaseStage[] {
  return RELEASE_STAGES.filter((stage) => rows.some((row) => (row[stage] as number) > 0));
}

/** The series of stage rows: each stage present, then major changes when there are any. */
export function stageSeries(rows: readonly ChartRow[]): ChartSeries[] {
  const series: ChartSeries[] = stagesPresent(rows).map((stage) => ({
    key: stage,
    label: STAGE_LABELS[stage],
    color: STAGE_COLORS[stage],
  }));
  if (rows.some((row) => ((row.majorChange as number | undefined) ?? 0) > 0)) {
    series.push({ key: "majorChange", label: "Major change", color: "var(--fg-soft)" });
  }
  return series;
}
