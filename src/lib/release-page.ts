/**
 * The release page's view model (/releases/<version>/) and the one wording of a release's date
 * that the page, the deck, the embed card and the social image share. Pure: the route reads the
 * site data, the announcement and the clock, and hands them in.
 */
import {
  type Announcement,
  compareWithAnnouncement,
  explainStableDifferences,
  type StableDifference,
} from "./announcements.ts";
import { endOfPacificDay } from "./calendar.ts";
import { INFERENCE_DESCRIPTIONS, plural } from "./format.ts";
import {
  compareOfficial,
  formatHeadline,
  type OfficialComparison,
  type ReleaseHeadline,
  releaseHeadline,
} from "./release-counts.ts";
import { countInferences, countOnlyFrom, neighbours } from "./release-groups.ts";
import { daysUntil } from "./schedule.ts";
import type { Inference, Kep, Release, Sources, Version, Warning } from "./schema.ts";
import { INFERENCES } from "./schema.ts";

/** The data's day and the build instant: with them, the date line is the release page's full sentence. */
export interface DateLineContext {
  asOf: string;
  now: number;
}

/**
 * When a release came out or is due: a few words ("Released 2023-12-13") for cards, slides and
 * images, or, given the data's day and the build instant, the release page's sentence.
 */
export function describeReleaseDate(
  release: { state: string; releaseDate: string | null },
  context?: DateLineContext,
): string {
  if (!context) {
    if (release.state === "released") return release.releaseDate ? `Released ${release.releaseDate}` : "Released";
    if (release.state === "planned") return "Planned";
    return release.releaseDate ? `In progress, due ${release.releaseDate}` : "In progress";
  }
  if (release.state === "released") return `Released on ${release.releaseDate ?? "a date the data does not give"}.`;
  if (release.state === "planned") return "Planned: the cycle had not started on the data's date.";
  if (!release.releaseDate) return `on ${context.asOf}, with no release date in the schedule.`;
  const days = daysUntil(context.now, Date.parse(endOfPacificDay(release.releaseDate)));
  return days >= 0
    ? `Release planned for ${release.releaseDate} (${days === 0 ? "today" : `in ${plural(days, "day")}`}).`
    : `on ${context.asOf}, the date of the data. It was scheduled for release on ${release.releaseDate}; the data does not yet say whether it shipped.`;
}

/** One row of the "How this list was derived" table: a signal and the entries it put in the release. */
export interface InferenceRow {
  signal: Inference;
  description: string;
  entries: number;
  only: number;
}

/** Everything the release page shows beyond the release record itself. */
export interface ReleasePage {
  title: string;
  description: string;
  dateLine: string;
  headline: ReleaseHeadline;
  official: OfficialComparison | null;
  stableDifferences: StableDifference[];
  /** Distinct owning SIGs among the enhancements. */
  sigCount: number;
  inferences: InferenceRow[];
  /** Release-level warnings (not about one KEP). */
  warnings: Warning[];
  /** This release and up to seven before it, oldest first, for the charts. */
  recent: Release[];
  previous: Version | null;
  next: Version | null;
}

/** What the release page needs from the site data, the announcement and the clock. */
export interface ReleasePageInput {
  /** Every release, oldest first. */
  releases: readonly Release[];
  kepByNumber: ReadonlyMap<number, Pick<Kep, "timeline">>;
  warnings: readonly Warning[];
  sources: Pick<Sources, "asOf">;
  now: number;
  announcement: Announcement | undefined;
}

/** Builds the release page's view model: date line, headline, official comparison, signals, neighbours. */
export function buildReleasePage(release: Release, input: ReleasePageInput): ReleasePage {
  const { releases, kepByNumber, warnings, sources, now, announcement } = input;
  const { asOf } = sources;
  const { previous, next } = neighbours(releases, release.version);
  const index = releases.findIndex((r) => r.version === release.version);
  const counted = countInferences(release);
  const headline = releaseHeadline(release, asOf);
  const official = compareOfficial(release, announcement);
  const stableDifferences =
    official && announcement
      ? explainStableDifferences(
          compareWithAnnouncement(release, announcement),
          release,
          (kep) => kepByNumber.get(kep)?.timeline,
        )
      : [];
  return {
    title: release.theme ? `Kubernetes ${release.version}: ${release.theme}` : `Kubernetes ${release.version}`,
    description: `Kubernetes ${release.version}${release.theme ? ` (${release.theme})` : ""}: ${formatHeadline(headline)} by stage and SIG, ${release.slipped.length} slipped, schedule, freeze exceptions and release team.`,
    dateLine: describeReleaseDate(release, { asOf, now }),
    headline,
    official,
    stableDifferences,
    sigCount: new Set(release.enhancements.map((e) => e.owningSig)).size,
    inferences: INFERENCES.map((signal) => ({
      signal,
      description: INFERENCE_DESCRIPTIONS[signal],
      entries: counted[signal],
      only: countOnlyFrom(release, signal),
    })),
    warnings: warnings.filter((w) => w.release === release.version && w.kep === undefined),
    recent: releases.slice(Math.max(0, index - 7), index + 1),
    previous: previous?.version ?? null,
    next: next?.version ?? null,
  };
}
