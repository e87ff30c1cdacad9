/**
 * The official record: the numbers each release announcement on the Kubernetes blog states
 * (content/curated/announcements.json, numbers and the post's URL only), and how the derived
 * release lists compare with them, stage by stage and, for stable, KEP by KEP.
 */
import { z } from "zod";
import type { Release, ReleaseEnhancement, ReleaseStage, TimelineEntry } from "./schema.ts";
import { VersionSchema } from "./schema.ts";

const Count = z.number().int().nonnegative();

/** Official sources a correction may cite: kubernetes.io and the kubernetes organisation on GitHub. */
const EVIDENCE = /^https:\/\/(kubernetes\.io\/|github\.com\/kubernetes\/)/;

/** A short name for a correction's source, from its address. */
export function sourceName(evidence: string, postUrl: string): string {
  const gate = /\/feature-gates\/([A-Za-z0-9]+)\.md$/.exec(evidence);
  if (gate) return `The feature gate reference (${gate[1]})`;
  const pr = /^https:\/\/github\.com\/kubernetes\/([\w.-]+)\/pull\/(\d+)/.exec(evidence);
  if (pr) return `kubernetes/${pr[1]}#${pr[2]}`;
  if (evidence.startsWith(`${postUrl}#`)) return "The post's own highlights";
  if (evidence.startsWith("https://kubernetes.io/blog/")) return "Another post on kubernetes.io";
  return "Another official source";
}

/** One KEP where another official source contradicts the announcement's stable list. */
export const CorrectionSchema = z.strictObject({
  kep: z.number().int().positive(),
  stableIn: VersionSchema.nullable(),
  /** The source: a feature gate's page in kubernetes/website, a KEP's promotion PR, a post's section. */
  evidence: z.url().regex(EVIDENCE, "must be on kubernetes.io or github.com/kubernetes"),
});
export type Correction = z.infer<typeof CorrectionSchema>;

/** What one release announcement states. */
export const AnnouncementSchema = z.strictObject({
  /** The post on kubernetes.io. */
  url: z.url().startsWith("https://kubernetes.io/blog/"),
  total: Count,
  stable: Count,
  beta: Count,
  alpha: Count,
  deprecated: Count.optional(),
  removed: Count.optional(),
  /** A count the post gives for deprecations and removals together. */
  deprecatedOrRemoved: Count.optional(),
  /** KEP numbers the post names as graduating to stable. */
  stableKeps: z.array(z.number().int().positive()),
  /**
   * Tracking issues the post links whose KEP lives under another number (issue -> KEP): a
   * later stage of one KEP is sometimes tracked by an issue of its own (#3743 for KEP-606).
   */
  issueKeps: z.record(z.string().regex(/^[1-9][0-9]*$/), z.number().int().positive()).optional(),
  /** True when the post links every stable item it counts. */
  stableListComplete: z.boolean(),
  /** Where the post contradicts itself, in our words. */
  note: z.string().min(1).max(300).optional(),
  /**
   * Where another official source contradicts the post's stable list: the release that source
   * puts the KEP's stable stage in (null: never stable, as for a deprecation), and the source.
   * A KEP the post leaves out has `stableIn` equal to this release; one it names wrongly has
   * another release or null.
   */
  corrections: z.array(CorrectionSchema).max(40).optional(),
});
export type Announcement = z.infer<typeof AnnouncementSchema>;

/** content/curated/announcements.json: per released version. */
export const AnnouncementsSchema = z.record(VersionSchema, AnnouncementSchema);
export type Announcements = z.infer<typeof AnnouncementsSchema>;

/** The stages an announcement counts (its total is their sum). */
export const COUNTED_STAGES = ["alpha", "beta", "stable"] as const satisfies readonly ReleaseStage[];
type CountedStage = (typeof COUNTED_STAGES)[number];

/** One release's derived counts against its announcement. */
export interface AnnouncementComparison {
  version: string;
  url: string;
  derived: Record<CountedStage | "total", number>;
  announced: Record<CountedStage | "total", number>;
  /** Derived minus announced, as a share of announced (0.05 = 5% over). */
  deviation: Record<CountedStage | "total", number>;
  /**
   * Stable KEPs both lists name, only ours, only the post's (only when the post's list is
   * complete). Ours counts follow-up work at stable only where the post names it as stable.
   */
  stable: StableLists | null;
  /**
   * The same lists once the post's corrections are applied (a KEP it leaves out joins it, one
   * it names wrongly leaves it), with the corrections that settled a difference and those that
   * matched none (stale: the data or the post changed since they were written).
   */
  corrected: (StableLists & { applied: Correction[]; unmatched: Correction[] }) | null;
}

/** Stable KEPs both lists name, only ours, only the post's. */
export interface StableLists {
  both: number[];
  onlyDerived: number[];
  onlyAnnounced: number[];
}

/** Share of the KEPs either list names that both name (1 when neither names any). */
export function stableAgreement(lists: readonly StableLists[]): { both: number; named: number } {
  let both = 0;
  let named = 0;
  for (const l of lists) {
    both += l.both.length;
    named += l.both.length + l.onlyDerived.length + l.onlyAnnounced.length;
  }
  return { both, named };
}

/** Applies a post's corrections to its stable lists. */
function applyCorrections(
  version: string,
  lists: StableLists,
  corrections: readonly Correction[],
): NonNullable<AnnouncementComparison["corrected"]> {
  const applied: Correction[] = [];
  const unmatched: Correction[] = [];
  const joins = new Set<number>();
  const leaves = new Set<number>();
  for (const c of corrections) {
    if (c.stableIn === version && lists.onlyDerived.includes(c.kep)) joins.add(c.kep);
    else if (c.stableIn !== version && lists.onlyAnnounced.includes(c.kep)) leaves.add(c.kep);
    else {
      unmatched.push(c);
      continue;
    }
    applied.push(c);
  }
  return {
    both: [...lists.both, ...joins].sort((a, b) => a - b),
    onlyDerived: lists.onlyDerived.filter((n) => !joins.has(n)),
    onlyAnnounced: lists.onlyAnnounced.filter((n) => !leaves.has(n)),
    applied,
    unmatched,
  };
}

/**
 * Whether an entry counts the way the release team counts its tracked set: new and graduating
 * enhancements, plus major changes in alpha or beta (tracked under their stage). Follow-up work
 * on a stable KEP is not a new stable enhancement: the stage counts once.
 */
export function isCountedLikeAnnouncement(entry: Pick<ReleaseEnhancement, "stage" | "kind">): boolean {
  return entry.kind !== "major-change" || entry.stage === "alpha" || entry.stage === "beta";
}

/** The announced total as the sum of its stages (some posts' totals include deprecations, one is a typo). */
function announcedCounts(a: Announcement): Record<CountedStage | "total", number> {
  return { alpha: a.alpha, beta: a.beta, stable: a.stable, total: a.alpha + a.beta + a.stable };
}

/** Compares one release's list with its announcement. */
export function compareWithAnnouncement(
  release: Pick<Release, "version" | "enhancements">,
  announcement: Announcement,
): AnnouncementComparison {
  const derived = { alpha: 0, beta: 0, stable: 0, total: 0 };
  for (const entry of release.enhancements) {
    if (!isCountedLikeAnnouncement(entry)) continue;
    if (entry.stage === "alpha" || entry.stage === "beta" || entry.stage === "stable") {
      derived[entry.stage]++;
      derived.total++;
    }
  }
  const announced = announcedCounts(announcement);
  const deviation = { alpha: 0, beta: 0, stable: 0, total: 0 };
  for (const key of [...COUNTED_STAGES, "total"] as const) {
    deviation[key] = announced[key] === 0 ? 0 : (derived[key] - announced[key]) / announced[key];
  }
  let stable: StableLists | null = null;
  if (announcement.stableListComplete) {
    const theirs = new Set(announcement.stableKeps.map((n) => announcement.issueKeps?.[String(n)] ?? n));
    // Follow-up work at stable is ours only where the post, too, names it as stable.
    const ours = new Set(
      release.enhancements
        .filter((e) => e.stage === "stable" && (isCountedLikeAnnouncement(e) || theirs.has(e.kep)))
        .map((e) => e.kep),
    );
    stable = {
      both: [...ours].filter((n) => theirs.has(n)).sort((a, b) => a - b),
      onlyDerived: [...ours].filter((n) => !theirs.has(n)).sort((a, b) => a - b),
      onlyAnnounced: [...theirs].filter((n) => !ours.has(n)).sort((a, b) => a - b),
    };
  }
  const corrected = stable ? applyCorrections(release.version, stable, announcement.corrections ?? []) : null;
  return { version: release.version, url: announcement.url, derived, announced, deviation, stable, corrected };
}

/** The median of some numbers (0 for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One stable KEP only one side names, and what our data says of it. */
export interface StableDifference {
  kep: number;
  /** "post": only the announcement names it; "ours": only the derived list does. */
  side: "post" | "ours";
  /** Where the derived timeline puts its stable stage, when elsewhere (only for "post"). */
  stableIn: string | null;
  /** The release's derived entry for it, when it has one at another stage or as a follow-up. */
  derivedHere: { stage: ReleaseStage; kind: ReleaseEnhancement["kind"] } | null;
  /** Another official source that settles the difference, when recorded. */
  settledBy: Correction | null;
}

/**
 * Why the stable lists differ, KEP by KEP: for each KEP only the post names, the release our
 * timeline puts its stable stage in; for each only ours names, the post's silence.
 */
export function explainStableDifferences(
  comparison: AnnouncementComparison,
  release: Pick<Release, "enhancements">,
  timelineOf: (kep: number) => readonly Pick<TimelineEntry, "stage" | "release" | "outcome">[] | undefined,
): StableDifference[] {
  if (!comparison.stable) return [];
  const settledBy = (kep: number) => comparison.corrected?.applied.find((c) => c.kep === kep) ?? null;
  const entryOf = (kep: number) => release.enhancements.find((e) => e.kep === kep);
  const post = comparison.stable.onlyAnnounced.map((kep): StableDifference => {
    const shipped = timelineOf(kep)?.find((t) => t.stage === "stable" && t.outcome === "shipped");
    const entry = entryOf(kep);
    return {
      kep,
      side: "post",
      stableIn: shipped && shipped.release !== comparison.version ? shipped.release : null,
      derivedHere: entry ? { stage: entry.stage, kind: entry.kind } : null,
      settledBy: settledBy(kep),
    };
  });
  const ours = comparison.stable.onlyDerived.map(
    (kep): StableDifference => ({ kep, side: "ours", stableIn: null, derivedHere: null, settledBy: settledBy(kep) }),
  );
  return [...post, ...ours];
}
