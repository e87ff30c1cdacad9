/**
 * Feature gates: every gate named in kep.yaml, the KEP or KEPs that declare it, and the
 * stage each owning KEP had release by release (read from the KEP's stage timeline: the
 * stage reached in the newest shipped release up to that one).
 */
import { compareText } from "./order.ts";
import type { Kep, Stage, TimelineEntry, Version } from "./schema.ts";
import { compareVersions, previousVersion, stageRank } from "./versions.ts";

/** A stretch of releases in which a KEP stayed in one stage. */
export interface StageRun {
  stage: Stage;
  /** First release with this stage (may predate the releases the site covers). */
  from: Version;
  /** Last release with this stage; null while the stage still holds. */
  to: Version | null;
}

/** One KEP that declares a gate. */
export interface GateOwner {
  kep: number;
  title: string;
  owningSig: string;
  status: Kep["status"];
  /** The stage kep.yaml gives today. */
  stage: Kep["stage"];
  /** Components the KEP lists for the gate (merged when it lists the gate twice). */
  components: string[];
  /** Stage by release, oldest first. */
  runs: StageRun[];
  /** Targets for releases that are not out yet. */
  planned: Pick<TimelineEntry, "stage" | "release">[];
}

/** A gate with everything that declares it. */
export interface FeatureGateEntry {
  name: string;
  /** Fragment id of the gate on /feature-gates/ (the name itself when it is safe in a URL). */
  anchor: string;
  owners: GateOwner[];
}

/** The KEP fields a gate listing reads. */
export type GateKep = Pick<Kep, "number" | "title" | "owningSig" | "status" | "stage" | "featureGates" | "timeline">;

/**
 * The shipped stages of a timeline as runs: each stage holds from the release it shipped in
 * up to the release before the next shipped stage. When two stages shipped in one release,
 * the later stage wins.
 */
export function deriveStageRuns(timeline: readonly Pick<TimelineEntry, "stage" | "release" | "outcome">[]): StageRun[] {
  const byRelease = new Map<Version, Stage>();
  for (const entry of timeline) {
    if (entry.outcome !== "shipped") continue;
    const known = byRelease.get(entry.release);
    if (!known || stageRank(entry.stage) > stageRank(known)) byRelease.set(entry.release, entry.stage);
  }
  const steps = [...byRelease].sort(([a], [b]) => compareVersions(a, b));
  const runs: StageRun[] = [];
  for (const [release, stage] of steps) {
    const last = runs.at(-1);
    if (last?.stage === stage) continue;
    if (last) last.to = previousVersion(release) ?? release;
    runs.push({ stage, from: release, to: null });
  }
  return runs;
}

/** The stage a KEP had in one release, or null when none had shipped by then. */
export function stageInRelease(runs: readonly StageRun[], release: Version): Stage | null {
  let stage: Stage | null = null;
  for (const run of runs) if (compareVersions(run.from, release) <= 0) stage = run.stage;
  return stage;
}

/** A fragment id for a gate: the name when it is made of URL-safe characters, otherwise a cleaned form. */
export function gateAnchor(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "");
  return cleaned === "" ? "gate" : cleaned;
}

/** Every gate the KEPs declare, by name (case-insensitive order), each with its owners by KEP number. */
export function listFeatureGates(keps: readonly GateKep[]): FeatureGateEntry[] {
  const byName = new Map<string, Map<number, GateOwner>>();
  for (const kep of keps) {
    for (const gate of kep.featureGates) {
      let owners = byName.get(gate.name);
      if (!owners) {
        owners = new Map();
        byName.set(gate.name, owners);
      }
      const known = owners.get(kep.number);
      if (known) {
        known.components = [...new Set([...known.components, ...gate.components])];
        continue;
      }
      owners.set(kep.number, {
        kep: kep.number,
        title: kep.title,
        owningSig: kep.owningSig,
        status: kep.status,
        stage: kep.stage,
        components: [...gate.components],
        runs: deriveStageRuns(kep.timeline),
        planned: kep.timeline
          .filter((t) => t.outcome === "planned")
          .map(({ stage, release }) => ({ stage, release }))
          .sort((a, b) => compareVersions(a.release, b.release) || stageRank(a.stage) - stageRank(b.stage)),
      });
    }
  }
  const names = [...byName.keys()].sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
  const used = new Set<string>();
  return names.map((name) => {
    let anchor = gateAnchor(name);
    for (let n = 2; used.has(anchor); n++) anchor = `${gateAnchor(name)}-${n}`;
    used.add(anchor);
    const owners = [...byName.get(name)!.values()].sort((a, b) => a.kep - b.kep);
    return { name, anchor, owners };
  });
}

/** The letter a gate is filed under in the jump list: A-Z, or "#" for anything else. */
export function gateInitial(name: string): string {
  const first = name.charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : "#";
}
