/**
 * The compare pages' view models: /compare/<from>...<to>/ (the comparison, its span and one-line
 * summary) and /compare/ (every pair, grouped by the release upgraded from). Pure.
 */
import {
  COMPARE_STAGE_HEADINGS,
  type Comparison,
  compareReleases,
  listComparablePairs,
  listComparableVersions,
} from "./compare.ts";
import type { Kep, Release, Version } from "./schema.ts";

/** Everything a comparison page shows. */
export interface ComparePage {
  comparison: Comparison;
  /** "1.30" or "1.29 to 1.31": the releases whose enhancements count. */
  span: string;
  /** "3 graduated to stable, 2 new in beta" (empty when nothing changed). */
  summary: string;
  /** Every version the picker offers. */
  versions: Version[];
}

/** Builds a comparison page: what changed upgrading from `from` to `to`, each KEP with its title when the data has it. */
export function buildComparePage(
  releases: readonly Pick<Release, "version" | "state" | "enhancements">[],
  from: Version,
  to: Version,
  kepByNumber: ReadonlyMap<number, Pick<Kep, "title">>,
): ComparePage {
  const comparison = compareReleases(releases, from, to, (kep) => kepByNumber.get(kep)?.title ?? null);
  return {
    comparison,
    span:
      comparison.releases.length === 1
        ? (comparison.releases[0] ?? "")
        : `${comparison.releases[0]} to ${comparison.releases.at(-1)}`,
    summary: comparison.groups.map((g) => `${g.count} ${COMPARE_STAGE_HEADINGS[g.stage].toLowerCase()}`).join(", "),
    versions: listComparableVersions(releases),
  };
}

/** Every comparable pair, grouped by the release upgraded from (oldest first). */
export function groupPairsByFrom(
  versions: readonly Version[],
): { from: Version; pairs: { from: Version; to: Version }[] }[] {
  const pairs = listComparablePairs(versions);
  return versions.slice(0, -1).map((from) => ({ from, pairs: pairs.filter((p) => p.from === from) }));
}
