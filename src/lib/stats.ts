/** Numbers across all releases: stage mix, time from alpha to stable, slip rates, SIG throughput. */
import { compareText } from "./order.ts";
import type { Kep, Release, ReleaseStage, Version } from "./schema.ts";
import { shippedStages } from "./timeline.ts";
import { compareVersions } from "./versions.ts";
import { RELEASE_STAGES } from "./vocabulary.ts";

/** The middle value of a list (mean of the two middle ones for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Minor releases from one version to another: "1.28" -> "1.33" is 5. */
export function releasesBetween(from: Version, to: Version): number {
  const [fromMajor = 0, fromMinor = 0] = from.split(".").map(Number);
  const [toMajor = 0, toMinor = 0] = to.split(".").map(Number);
  // Kubernetes has had one major version; a major change would make minors incomparable.
  return fromMajor === toMajor ? toMinor - fromMinor : Number.NaN;
}

/** A KEP that went from alpha to stable, with the releases it took. */
export interface Graduation {
  kep: number;
  alpha: Version;
  stable: Version;
  releases: number;
}

/** KEPs whose timeline shows alpha and stable shipped, stable after alpha. */
export function listGraduations(keps: readonly Pick<Kep, "number" | "timeline">[]): Graduation[] {
  const out: Graduation[] = [];
  for (const kep of keps) {
    const shipped = shippedStages(kep.timeline);
    if (!shipped.alpha || !shipped.stable) continue;
    const releases = releasesBetween(shipped.alpha, shipped.stable);
    if (!Number.isFinite(releases) || releases < 0) continue;
    out.push({ kep: kep.number, alpha: shipped.alpha, stable: shipped.stable, releases });
  }
  return out;
}

/** How many graduations took each number of releases, from the fewest to the most (gaps filled with 0). */
export function distributeGraduations(graduations: readonly Graduation[]): { releases: number; keps: number }[] {
  if (graduations.length === 0) return [];
  const max = Math.max(...graduations.map((g) => g.releases));
  const min = Math.min(...graduations.map((g) => g.releases));
  const rows: { releases: number; keps: number }[] = [];
  for (let n = min; n <= max; n++) rows.push({ releases: n, keps: graduations.filter((g) => g.releases === n).length });
  return rows;
}

/** Slip rate of one release: slipped / (enhancements + slipped). */
export interface SlipRate {
  version: Version;
  enhancements: number;
  slipped: number;
  /** Null when the release lists nothing at all. */
  rate: number | null;
  /** True when the release was not out on the data's date (its slipped list is not final). */
  inProgress: boolean;
}

/** Slip rates per release, oldest first. */
export function slipRates(
  releases: readonly Pick<Release, "version" | "enhancements" | "slipped" | "state">[],
): SlipRate[] {
  return [...releases]
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((r) => {
      const total = r.enhancements.length + r.slipped.length;
      return {
        version: r.version,
        enhancements: r.enhancements.length,
        slipped: r.slipped.length,
        rate: total > 0 ? r.slipped.length / total : null,
        inProgress: r.state !== "released",
      };
    });
}

/** One SIG's enhancements across every release. */
export interface SigThroughput {
  sig: string;
  byStage: Record<ReleaseStage, number>;
  total: number;
  slipped: number;
}

/** Enhancements per owning SIG across releases, by stage, with slips; busiest first. */
export function sigThroughput(releases: readonly Pick<Release, "enhancements" | "slipped">[]): SigThroughput[] {
  const bySig = new Map<string, SigThroughput>();
  const get = (sig: string) => {
    let row = bySig.get(sig);
    if (!row) {
      row = {
        sig,
        byStage: Object.fromEntries(RELEASE_STAGES.map((s) => [s, 0])) as Record<ReleaseStage, number>,
        total: 0,
        slipped: 0,
      };
      bySig.set(sig, row);
    }
    return row;
  };
  for (const release of releases) {
    for (const entry of release.enhancements) {
      const row = get(entry.owningSig);
      row.byStage[entry.stage]++;
      row.total++;
    }
    for (const slip of release.slipped) get(slip.owningSig).slipped++;
  }
  return [...bySig.values()].sort((a, b) => b.total - a.total || compareText(a.sig, b.sig));
}
