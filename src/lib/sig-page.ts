/**
 * A SIG page's view model (/sigs/<sig>/): its KEPs, what is on track or slipping in the
 * current cycle (each slip said in words), active work and the rest. Pure.
 */
import { describeSlip } from "./release-groups.ts";
import type { Kep, Release, ReleaseEnhancement } from "./schema.ts";
import { cycleStanding, isActive, sigName } from "./sigs.ts";

/** A KEP in the current cycle's enhancements. */
export interface OnTrackKep {
  kep: Kep;
  entry: ReleaseEnhancement;
}

/** A KEP slipping out of the current cycle, with what happened in words. */
export interface SlippingKep {
  kep: Kep;
  what: string;
}

/** Everything a SIG page shows. */
export interface SigPage {
  name: string;
  owned: Kep[];
  active: Kep[];
  /** Implemented, closed or deleted: no longer moving. */
  others: Kep[];
  onTrack: OnTrackKep[];
  slipping: SlippingKep[];
}

/** Builds a SIG page: its KEPs by activity, and their standing in the current cycle (null when there is none). */
export function buildSigPage(sig: string, keps: readonly Kep[], current: Release | null): SigPage {
  const owned = keps.filter((k) => k.owningSig === sig);
  const standings = current ? owned.map((kep) => ({ kep, standing: cycleStanding(kep, current) })) : [];
  return {
    name: sigName(sig),
    owned,
    active: owned.filter(isActive),
    others: owned.filter((k) => !isActive(k)),
    onTrack: standings.flatMap(({ kep, standing }) =>
      standing?.kind === "on-track" ? [{ kep, entry: standing.entry }] : [],
    ),
    slipping: standings.flatMap(({ kep, standing }) => {
      if (standing?.kind !== "slipping") return [];
      const what = standing.slipped
        ? `${standing.slipped.stage}: ${describeSlip(standing.slipped)}`
        : standing.moves
            .map(
              (m) =>
                `${m.stage}: ${m.movedTo ? `moved to ${m.movedTo}` : "target cleared"} on ${m.changedOn?.slice(0, 10)}`,
            )
            .join("; ");
      return [{ kep, what }];
    }),
  };
}
