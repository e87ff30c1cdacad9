/**
 * The feature-gates page's view model (/feature-gates/): the gates grouped by first letter,
 * the counts in its lead, and how a stage run reads. Pure.
 */
import { type FeatureGateEntry, type GateKep, gateInitial, listFeatureGates, type StageRun } from "./feature-gates.ts";
import type { Release, Version } from "./schema.ts";

/** The gates that start with one letter ("#" for the rest), with the section's fragment id. */
export interface GateLetter {
  letter: string;
  /** Fragment id of the section ("letter-A", "letter-other"). */
  id: string;
  heading: string;
  gates: FeatureGateEntry[];
}

/** Everything the feature-gates page shows. */
export interface GatesPage {
  gateCount: number;
  /** KEPs that declare at least one gate. */
  owningKeps: number;
  /** Gates declared by more than one KEP. */
  shared: number;
  /** The newest release in the data. */
  latest: Version | null;
  letters: GateLetter[];
}

/** Says where a KEP held a stage: "since 1.30", "in 1.28" or "1.26–1.29". */
export function describeStageRun(run: StageRun): string {
  return run.to === null ? `since ${run.from}` : run.to === run.from ? `in ${run.from}` : `${run.from}–${run.to}`;
}

/** Builds the feature-gates page: every gate by first letter, and the counts of its lead. */
export function buildGatesPage(keps: readonly GateKep[], releases: readonly Pick<Release, "version">[]): GatesPage {
  const gates = listFeatureGates(keps);
  const initials = [...new Set(gates.map((g) => gateInitial(g.name)))];
  return {
    gateCount: gates.length,
    owningKeps: new Set(gates.flatMap((g) => g.owners.map((o) => o.kep))).size,
    shared: gates.filter((g) => g.owners.length > 1).length,
    latest: releases.at(-1)?.version ?? null,
    letters: initials.map((letter) => ({
      letter,
      id: `letter-${letter === "#" ? "other" : letter}`,
      heading: letter === "#" ? "Other" : letter,
      gates: gates.filter((g) => gateInitial(g.name) === letter),
    })),
  };
}
