/**
 * Which KEPs target a cycle at an instant, from kep.yaml history alone: latest-milestone names
 * the release, or a milestone entry names it and kep.yaml changed during the cycle (an active
 * plan, not a stage planned years ahead that nobody has touched). The release team's opt-in
 * label is not in the repository: with GitHub data the view adds what it says.
 */
import { versionAt } from "../release-set.ts";
import type { Kep, KepVersion, Version } from "../schema.ts";
import { STAGES } from "../schema.ts";
import { toMilestone } from "../versions.ts";

/** A KEP targeting the cycle, with its metadata as it stood at the instant. */
export interface CycleTarget {
  kep: number;
  version: KepVersion;
}

/** Lists the KEPs targeting `release` at `at` (instant), by number. `cycleStart` bounds "changed during the cycle". */
export function selectCycleTargets(
  keps: readonly Pick<Kep, "number" | "history">[],
  release: Version,
  at: string,
  cycleStart: string | null,
): CycleTarget[] {
  const milestone = toMilestone(release);
  const out: CycleTarget[] = [];
  for (const kep of keps) {
    const version = versionAt(kep.history, at);
    if (!version) continue;
    if (version.latestMilestone === milestone) {
      out.push({ kep: kep.number, version });
      continue;
    }
    const named = STAGES.some((stage) => version.milestones[stage] === milestone);
    const touched = cycleStart !== null && kep.history.some((v) => v.date >= cycleStart && v.date <= at);
    if (named && touched) out.push({ kep: kep.number, version });
  }
  return out.sort((a, b) => a.kep - b.kep);
}
