/**
 * A release's highlights: the few enhancements a webinar or a card puts up front. They are
 * curated by hand in content/curated/highlights.json (KEP numbers and one-line blurbs in our
 * own words) and, for a release nobody curated, picked from the data by HIGHLIGHT_RULE.
 */
import { z } from "zod";
import { STAGE_LABELS } from "./format.ts";
import type { ChangeKind, Kep, Release, ReleaseStage, TimelineEntry, Version } from "./schema.ts";
import { VersionSchema } from "./schema.ts";
import { compareVersions } from "./versions.ts";

/** How many highlights a release gets when none are curated. */
export const DEFAULT_HIGHLIGHT_COUNT = 3;
/** At most this many curated highlights per release (one slide each). */
export const MAX_HIGHLIGHTS = 6;

/** One curated highlight. */
export const CuratedHighlightSchema = z.strictObject({
  /** KEP number; the KEP must be among the release's enhancements. */
  kep: z.number().int().positive(),
  /** One line in our own words (never a sentence copied from upstream or the Kubernetes blog). */
  blurb: z
    .string()
    .trim()
    .min(10, "write a sentence of at least 10 characters")
    .max(160, "keep it to one line (160 characters at most)")
    .regex(/^[^\n\r\t]*$/, "one line: no line breaks or tabs"),
});
export type CuratedHighlight = z.infer<typeof CuratedHighlightSchema>;

/** content/curated/highlights.json: per release, its highlights in the order slides show them. */
export const CuratedHighlightsSchema = z.record(
  VersionSchema,
  z.strictObject({
    highlights: z
      .array(CuratedHighlightSchema)
      .min(1)
      .max(MAX_HIGHLIGHTS)
      .refine((list) => new Set(list.map((h) => h.kep)).size === list.length, "a KEP is listed twice"),
  }),
);
export type CuratedHighlights = z.infer<typeof CuratedHighlightsSchema>;

/** A highlight as cards and slides show it. */
export interface Highlight {
  kep: number;
  title: string;
  /** The stage the KEP is in for this release. */
  stage: ReleaseStage;
  kind: ChangeKind;
  blurb: string;
  /** Hand-picked, or chosen by HIGHLIGHT_RULE. */
  source: "curated" | "rule";
}

/**
 * The rule for releases without curated highlights, in words (slides show it). Candidates
 * are the release's enhancements that reached a stage in it (for a release not out yet: that
 * are still planned to), deprecations and removals aside. They are ranked: graduations to
 * stable first; then most slips of that stage before it landed; then the longest road (most
 * releases since the first release any of its stages was aimed at); then the older KEP.
 */
export const HIGHLIGHT_RULE =
  "Not hand-picked: KEP Radar chose these by rule from the enhancements that reached a stage in this release. Graduations to stable come first, then those whose stage slipped most often before landing, then those first aimed at a release longest ago.";

/** A problem with the curated file, with the dotted path of the field at fault. */
export interface CuratedProblem {
  path: string;
  message: string;
}

/** Cross-checks curated highlights against the data: known releases, KEPs the release carried. */
export function checkCuratedHighlights(
  curated: CuratedHighlights,
  releases: readonly Pick<Release, "version" | "enhancements">[],
): CuratedProblem[] {
  const problems: CuratedProblem[] = [];
  const byVersion = new Map(releases.map((r) => [r.version, r]));
  for (const [version, entry] of Object.entries(curated)) {
    const release = byVersion.get(version);
    if (!release) {
      problems.push({ path: version, message: `no release ${version} in the data` });
      continue;
    }
    entry.highlights.forEach((highlight, i) => {
      if (!release.enhancements.some((e) => e.kep === highlight.kep)) {
        problems.push({
          path: `${version}.highlights.${i}.kep`,
          message: `KEP-${highlight.kep} is not among the enhancements of ${version}`,
        });
      }
    });
  }
  return problems;
}

/** How long a KEP waited for the stage it reached in a release. */
export interface HighlightRoad {
  /** Times that stage's target slipped before it landed in this release. */
  slips: number;
  /** The first release any stage of the KEP was aimed at. */
  firstTarget: Version | null;
  /** Releases from that first target to this one (0 when it is this one). */
  releasesWaited: number;
}

/** Counts releases between two versions of the same major ("1.22" to "1.29" is 7). */
function releasesBetween(from: Version, to: Version): number {
  const [fromMajor = 0, fromMinor = 0] = from.split(".").map(Number);
  const [toMajor = 0, toMinor = 0] = to.split(".").map(Number);
  return fromMajor === toMajor ? toMinor - fromMinor : 0;
}

/** The road a KEP took to the stage it has in a release. */
export function describeRoad(timeline: readonly TimelineEntry[], stage: ReleaseStage, version: Version): HighlightRoad {
  const before = timeline.filter((e) => compareVersions(e.release, version) <= 0);
  const slips = before.filter((e) => e.stage === stage && e.outcome === "slipped").length;
  const firstTarget = [...before.map((e) => e.release)].sort(compareVersions)[0] ?? null;
  return { slips, firstTarget, releasesWaited: firstTarget ? releasesBetween(firstTarget, version) : 0 };
}

/** Whether the KEP reached (or, for a release not out yet, is still planned to reach) the stage in the release. */
function landsHere(kep: Pick<Kep, "timeline">, stage: ReleaseStage, version: Version): boolean {
  return kep.timeline.some(
    (e) => e.stage === stage && e.release === version && (e.outcome === "shipped" || e.outcome === "planned"),
  );
}

/** A data-only blurb for a highlight chosen by rule. */
export function ruleBlurb(stage: ReleaseStage, version: Version, road: HighlightRoad, released: boolean): string {
  const verb = released ? "Reached" : "Planned to reach";
  const parts = [`${verb} ${STAGE_LABELS[stage].toLowerCase()} in ${version}`];
  if (road.slips > 0) parts.push(`after ${road.slips} ${road.slips === 1 ? "slip" : "slips"}`);
  const when =
    road.firstTarget && road.releasesWaited > 0
      ? `; first aimed at ${road.firstTarget}, ${road.releasesWaited} ${road.releasesWaited === 1 ? "release" : "releases"} earlier`
      : "";
  return `${parts.join(" ")}${when}.`;
}

/** Picks a release's highlights by HIGHLIGHT_RULE. */
export function pickRuleHighlights(
  release: Pick<Release, "version" | "state" | "enhancements">,
  kepByNumber: ReadonlyMap<number, Pick<Kep, "number" | "title" | "timeline">>,
  count = DEFAULT_HIGHLIGHT_COUNT,
): Highlight[] {
  const candidates = release.enhancements.flatMap((entry) => {
    const kep = kepByNumber.get(entry.kep);
    if (!kep || entry.stage === "deprecated" || entry.stage === "removed") return [];
    if (!landsHere(kep, entry.stage, release.version)) return [];
    return [{ entry, kep, road: describeRoad(kep.timeline, entry.stage, release.version) }];
  });
  candidates.sort(
    (a, b) =>
      Number(b.entry.stage === "stable") - Number(a.entry.stage === "stable") ||
      b.road.slips - a.road.slips ||
      b.road.releasesWaited - a.road.releasesWaited ||
      a.kep.number - b.kep.number,
  );
  return candidates.slice(0, count).map(({ entry, kep, road }) => ({
    kep: kep.number,
    title: kep.title,
    stage: entry.stage,
    kind: entry.kind,
    blurb: ruleBlurb(entry.stage, release.version, road, release.state === "released"),
    source: "rule",
  }));
}

/** A release's highlights: the curated ones when there are any, else the ones the rule picks. */
export function selectHighlights(
  release: Pick<Release, "version" | "state" | "enhancements">,
  curated: CuratedHighlights,
  kepByNumber: ReadonlyMap<number, Pick<Kep, "number" | "title" | "timeline">>,
): Highlight[] {
  const picked = curated[release.version]?.highlights;
  if (!picked) return pickRuleHighlights(release, kepByNumber);
  return picked.flatMap((h) => {
    const entry = release.enhancements.find((e) => e.kep === h.kep);
    const kep = kepByNumber.get(h.kep);
    if (!entry || !kep) return [];
    return [{ kep: h.kep, title: kep.title, stage: entry.stage, kind: entry.kind, blurb: h.blurb, source: "curated" }];
  });
}
