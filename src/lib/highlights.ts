/**
 * A release's highlights: the few enhancements a webinar or a card puts up front. They are
 * curated by hand in content/curated/highlights.json (KEP numbers, the announcement they come
 * from, optional one-line blurbs in our own words) and, for a release nobody curated (a cycle
 * under way), picked from the data by HIGHLIGHT_RULE. Every highlight is a stage change in its
 * release: a KEP that only did follow-up work in a stage it already had is never one.
 */
import { z } from "zod";
import { STAGE_LABELS } from "./format.ts";
import type { ChangeKind, Kep, Release, ReleaseEnhancement, ReleaseStage, TimelineEntry, Version } from "./schema.ts";
import { VersionSchema } from "./schema.ts";
import { compareVersions } from "./versions.ts";

/** How many highlights a release gets when none are curated. */
export const DEFAULT_HIGHLIGHT_COUNT = 3;
/** At most this many curated highlights per release (one slide each). */
export const MAX_HIGHLIGHTS = 6;
/** Longest description taken from a proposal's summary (its first sentence, cut at a word). */
export const MAX_SUMMARY_BLURB = 180;

/** One curated highlight. */
export const CuratedHighlightSchema = z.strictObject({
  /** KEP number; the KEP must have changed stage in the release. */
  kep: z.number().int().positive(),
  /** One line in our own words (never a sentence copied from upstream or the Kubernetes blog); else the proposal's summary. */
  blurb: z
    .string()
    .trim()
    .min(10, "write a sentence of at least 10 characters")
    .max(160, "keep it to one line (160 characters at most)")
    .regex(/^[^\n\r\t]*$/, "one line: no line breaks or tabs")
    .optional(),
});
export type CuratedHighlight = z.infer<typeof CuratedHighlightSchema>;

/** One release's curated highlights and where they come from. */
export const CuratedReleaseHighlightsSchema = z.strictObject({
  /** The release announcement (or webinar) that featured them. */
  source: z.url().startsWith("https://"),
  /** In the order slides show them. */
  highlights: z
    .array(CuratedHighlightSchema)
    .min(1)
    .max(MAX_HIGHLIGHTS)
    .refine((list) => new Set(list.map((h) => h.kep)).size === list.length, "a KEP is listed twice"),
  /** What the source featured that is not here and why, in our words. */
  note: z.string().trim().min(10).max(300).optional(),
});
export type CuratedReleaseHighlights = z.infer<typeof CuratedReleaseHighlightsSchema>;

/** content/curated/highlights.json: per release. */
export const CuratedHighlightsSchema = z.record(VersionSchema, CuratedReleaseHighlightsSchema);
export type CuratedHighlights = z.infer<typeof CuratedHighlightsSchema>;

/** A KEP as the highlight rule reads it. */
export type HighlightKep = Pick<Kep, "number" | "title" | "timeline" | "owningSig" | "participatingSigs"> & {
  github?: Pick<NonNullable<Kep["github"]>, "reactions"> | undefined;
};

/** A highlight as cards and slides show it. */
export interface Highlight {
  kep: number;
  /** The KEP's full title: shown whole, never cut. */
  title: string;
  /** The stage the KEP reached in this release. */
  stage: ReleaseStage;
  kind: ChangeKind;
  blurb: string;
  /** Where the blurb comes from: our words, the proposal's summary, or the data. */
  blurbFrom: "curated" | "proposal" | "data";
  /** The stage reached and the road there, from the data alone (for exports that carry no upstream prose). */
  fact: string;
  /** Hand-picked, or chosen by HIGHLIGHT_RULE. */
  source: "curated" | "rule";
  /** For a highlight chosen by rule: the facts that ranked it, in one line. */
  why: string | null;
}

/**
 * The rule for releases without curated highlights, in words (slides show it). Candidates are
 * the enhancements that reached a new stage in the release (for a release not out yet: that are
 * still planned to), deprecations and removals aside. Graduations to stable come first, then beta,
 * then alpha; within a stage the score of rankByInterest decides.
 */
export const HIGHLIGHT_RULE =
  "Not hand-picked: chosen by rule among the KEPs that reach a new stage here. Stable first, then the most SIGs, the longest in flight and, where known, the most GitHub reactions.";

/** A problem with the curated file, with the dotted path of the field at fault. */
export interface CuratedProblem {
  path: string;
  message: string;
}

/** Whether the KEP reached (or, for a release not out yet, is still planned to reach) the stage in the release. */
function landsHere(kep: Pick<Kep, "timeline">, stage: ReleaseStage, version: Version): boolean {
  return kep.timeline.some(
    (e) =>
      (e.stage === stage || (e.stage === "disabled" && stage === "deprecated")) &&
      e.release === version &&
      (e.outcome === "shipped" || e.outcome === "planned") &&
      !e.late,
  );
}

/** Whether a release entry is a stage change: a new stage reached in the release, not follow-up work in an old one. */
export function isStageChange(
  entry: Pick<ReleaseEnhancement, "stage" | "kind">,
  kep: Pick<Kep, "timeline">,
  version: Version,
): boolean {
  return entry.kind !== "major-change" && landsHere(kep, entry.stage, version);
}

/** Cross-checks curated highlights against the data: known releases, and a stage change in each for every KEP. */
export function checkCuratedHighlights(
  curated: CuratedHighlights,
  releases: readonly Pick<Release, "version" | "enhancements">[],
  kepByNumber: ReadonlyMap<number, Pick<Kep, "timeline">>,
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
      const path = `${version}.highlights.${i}.kep`;
      const carried = release.enhancements.find((e) => e.kep === highlight.kep);
      const kep = kepByNumber.get(highlight.kep);
      if (!carried || !kep) {
        problems.push({ path, message: `KEP-${highlight.kep} is not among the enhancements of ${version}` });
      } else if (!isStageChange(carried, kep, version)) {
        problems.push({
          path,
          message: `KEP-${highlight.kep} did not change stage in ${version} (it did follow-up work in ${carried.stage}): a highlight must be a stage change in its release`,
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

/** The SIGs a KEP involves: its owner and every participating SIG, once each. */
export function countSigs(kep: Pick<Kep, "owningSig" | "participatingSigs">): number {
  return new Set([kep.owningSig, ...kep.participatingSigs]).size;
}

/** What the rule weighs for one candidate. */
export interface InterestFacts {
  sigs: number;
  releasesInFlight: number;
  /** Reactions on the tracking issue; null when no GitHub sync has read them. */
  reactions: number | null;
}

/** Releases in flight count up to this many: a long road matters, an endless one no more than a long one. */
export const IN_FLIGHT_CAP = 8;

/**
 * A candidate's interest score: 4 points per SIG involved, 1 per release in flight (up to
 * IN_FLIGHT_CAP), and 2 per doubling of its GitHub reactions (log2, so a few hundred reactions
 * do not drown the rest).
 */
export function scoreInterest(facts: InterestFacts): number {
  const reactions = facts.reactions === null ? 0 : 2 * Math.log2(1 + facts.reactions);
  return 4 * facts.sigs + Math.min(facts.releasesInFlight, IN_FLIGHT_CAP) + reactions;
}

/** Ranks stable first, then beta, then alpha. */
const STAGE_ORDER: Record<ReleaseStage, number> = { stable: 0, beta: 1, alpha: 2, deprecated: 3, removed: 4 };

/** A data-only blurb for a highlight: the stage it reached and the road there. */
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

/** The facts that ranked a rule highlight, in one line ("3 SIGs · 12 releases in flight · 40 reactions"). */
export function describeInterest(facts: InterestFacts): string {
  const parts = [`${facts.sigs} ${facts.sigs === 1 ? "SIG" : "SIGs"}`];
  parts.push(`${facts.releasesInFlight} ${facts.releasesInFlight === 1 ? "release" : "releases"} in flight`);
  if (facts.reactions !== null) parts.push(`${facts.reactions} ${facts.reactions === 1 ? "reaction" : "reactions"}`);
  return parts.join(" · ");
}

/** Template text and lead-ins that make a summary useless as a description. */
const BOILERPLATE =
  /^(items marked with|this (kep|document|proposal) (is|was) written|<!--|table of contents|release signoff)/i;

/**
 * A proposal's summary as a one-line description: its first sentence, cut at a word to
 * MAX_SUMMARY_BLURB characters. Null when it is template text, a lead-in to a list, or too short.
 */
export function summaryBlurb(summary: string | null | undefined): string | null {
  const text = summary?.replace(/\s+/g, " ").trim();
  if (!text || BOILERPLATE.test(text)) return null;
  const sentence = /^.*?[.!?](?=\s+[A-Z(]|$)/.exec(text)?.[0] ?? text;
  if (sentence.length < 30 || /:$/.test(sentence)) return null;
  if (sentence.length <= MAX_SUMMARY_BLURB) return sentence;
  const cut = sentence.slice(0, MAX_SUMMARY_BLURB);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1)).replace(/[,;:]$/, "")}…`;
}

/** Picks a release's highlights by HIGHLIGHT_RULE. */
export function pickRuleHighlights(
  release: Pick<Release, "version" | "state" | "enhancements">,
  kepByNumber: ReadonlyMap<number, HighlightKep>,
  summaries: ReadonlyMap<number, string | null> = new Map(),
  count = DEFAULT_HIGHLIGHT_COUNT,
): Highlight[] {
  const candidates = release.enhancements.flatMap((entry) => {
    const kep = kepByNumber.get(entry.kep);
    if (!kep || entry.stage === "deprecated" || entry.stage === "removed") return [];
    if (!isStageChange(entry, kep, release.version)) return [];
    const road = describeRoad(kep.timeline, entry.stage, release.version);
    const facts: InterestFacts = {
      sigs: countSigs(kep),
      releasesInFlight: road.releasesWaited,
      reactions: kep.github ? kep.github.reactions : null,
    };
    return [{ entry, kep, road, facts, score: scoreInterest(facts) }];
  });
  candidates.sort(
    (a, b) =>
      STAGE_ORDER[a.entry.stage] - STAGE_ORDER[b.entry.stage] || b.score - a.score || a.kep.number - b.kep.number,
  );
  return candidates.slice(0, count).map(({ entry, kep, road, facts }) => {
    const fromProposal = summaryBlurb(summaries.get(kep.number));
    const fact = ruleBlurb(entry.stage, release.version, road, release.state === "released");
    return {
      kep: kep.number,
      title: kep.title,
      stage: entry.stage,
      kind: entry.kind,
      blurb: fromProposal ?? fact,
      blurbFrom: fromProposal ? "proposal" : "data",
      fact,
      source: "rule",
      why: describeInterest(facts),
    };
  });
}

/** A release's highlights: the curated ones when there are any, else the ones the rule picks. */
export function selectHighlights(
  release: Pick<Release, "version" | "state" | "enhancements">,
  curated: CuratedHighlights,
  kepByNumber: ReadonlyMap<number, HighlightKep>,
  summaries: ReadonlyMap<number, string | null> = new Map(),
): Highlight[] {
  const picked = curated[release.version]?.highlights;
  if (!picked) return pickRuleHighlights(release, kepByNumber, summaries);
  return picked.flatMap((h): Highlight[] => {
    const entry = release.enhancements.find((e) => e.kep === h.kep);
    const kep = kepByNumber.get(h.kep);
    if (!entry || !kep) return [];
    const fromProposal = h.blurb ? null : summaryBlurb(summaries.get(h.kep));
    const road = describeRoad(kep.timeline, entry.stage, release.version);
    const fact = ruleBlurb(entry.stage, release.version, road, release.state === "released");
    const blurb = h.blurb ?? fromProposal ?? fact;
    return [
      {
        kep: h.kep,
        title: kep.title,
        stage: entry.stage,
        kind: entry.kind,
        blurb,
        blurbFrom: h.blurb ? "curated" : fromProposal ? "proposal" : "data",
        fact,
        source: "curated",
        why: null,
      },
    ];
  });
}
