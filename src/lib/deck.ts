/**
 * A release deck as a list of slides, decided from the content: the HTML deck and the PPTX
 * export both render this plan. A near-empty slide merges into its neighbour (a few
 * deprecations ride on the numbers slide), long lists go into columns, a big roster gives the
 * shadows their own slide, and "What slipped" is said in plain words and grouped by where the
 * work went. A cycle under way is marked provisional on every slide.
 */
import type { Highlight } from "./highlights.ts";
import { type OfficialComparison, type ReleaseHeadline, releaseHeadline } from "./release-counts.ts";
import { groupTeam } from "./release-groups.ts";
import type { Kep, Release, ReleaseStage, Stage, Version } from "./schema.ts";
import { compareVersions } from "./versions.ts";

/** At most this many deprecations and removals ride on the numbers slide instead of their own. */
export const FEW_CHANGES = 3;
/** Height (in --u) under a slide's heading: 90 less padding, foot and the heading itself. */
export const SLIDE_ROOM = 60;
/** Shadows beyond this many get their own slide. */
export const SHADOWS_ON_THANKS = 12;

/** A KEP in a slide's list. */
export interface DeckKep {
  kep: number;
  title: string;
  stage: ReleaseStage | Stage;
}

/** A slipped enhancement and where it went. */
export interface DeckSlip extends DeckKep {
  movedTo: Version | null;
}

/** Slipped enhancements that went the same way. */
export interface SlipGroup {
  /** "Moved to 1.34", "Target removed", "Target kept but not reached". */
  label: string;
  /** The same in a running sentence: "5 moved to 1.34". */
  phrase: string;
  items: DeckSlip[];
}

/** One lead of the release team. */
export interface DeckLead {
  role: string;
  name: string;
}

/** A slide of the deck. */
export type DeckSlide =
  | { kind: "title" }
  | { kind: "numbers"; changes: DeckKep[] }
  | { kind: "highlight"; highlight: Highlight; index: number; count: number }
  | { kind: "changes"; items: DeckKep[]; more: number; columns: number; dense: boolean }
  | { kind: "slipped"; lead: string; groups: SlipGroup[]; more: number; columns: number; dense: boolean }
  | { kind: "thanks"; leads: DeckLead[]; shadows: string[] }
  | { kind: "shadows"; shadows: string[] };

/** A deck: its slides and whether its figures are provisional. */
export interface DeckPlan {
  version: Version;
  headline: ReleaseHeadline;
  /** The banner a cycle under way carries on every slide; null once the release is out. */
  provisional: string | null;
  slides: DeckSlide[];
}

/** A row of a list slide as the fitting sees it: a KEP's title, or a group heading. */
export interface ListRow {
  chars: number;
  heading?: boolean;
}

/** How a list is set: columns, smaller type, and how many rows fit. */
export interface ListFit {
  columns: number;
  dense: boolean;
  rows: number;
}

/** The type sizes lists are set in (in --u, as deck.css has them), largest first. */
const LIST_SETTINGS = [
  { columns: 1, dense: false, font: 3.6 },
  { columns: 2, dense: false, font: 3.3 },
  { columns: 2, dense: true, font: 2.9 },
] as const;
/** Width of the slide's text in --u (160 less the side padding), and the gap between columns. */
const TEXT_WIDTH = 144;
const COLUMN_GAP = 6;

/** Estimated height (in --u) of one row, from its characters: titles wrap, headings do not. */
function rowHeight(row: ListRow, font: number, columns: number): number {
  if (row.heading) return font * 0.8 * 1.2 + 1;
  const width = (TEXT_WIDTH - (columns - 1) * COLUMN_GAP) / columns - font * 4;
  const perLine = Math.max(10, Math.floor(width / (font * 0.5)));
  const lines = Math.ceil((row.chars + 9) / perLine);
  return lines * font * 1.2 + (columns > 1 ? 0.8 : 1.2);
}

/**
 * Sets a list in the largest type that fits `room` (in --u of height): one column, then two,
 * then two in smaller type; when even that is too tall, the rows from the end are left out.
 * Columns balance, so two of them hold a little less than twice the room.
 */
export function fitList(rows: readonly ListRow[], room: number): ListFit {
  for (const setting of LIST_SETTINGS) {
    const capacity = setting.columns === 1 ? room : room * setting.columns * 0.86;
    let used = 0;
    let fitted = 0;
    for (const row of rows) {
      used += rowHeight(row, setting.font, setting.columns);
      if (used > capacity) break;
      fitted++;
    }
    if (fitted === rows.length || setting.dense)
      return { columns: setting.columns, dense: setting.dense, rows: fitted };
  }
  return { columns: 2, dense: true, rows: 0 };
}

/** A title for a KEP number (the data always has one; the number stands in if not). */
function titled(kepByNumber: ReadonlyMap<number, Pick<Kep, "title">>, kep: number): string {
  return kepByNumber.get(kep)?.title ?? `KEP-${kep}`;
}

/**
 * Slipped enhancements grouped by where they went, in plain words: moved to a later release
 * (earliest first), then targets removed without a new release, then targets left standing that
 * the release never reached.
 */
export function groupSlipped(
  release: Pick<Release, "version" | "slipped">,
  kepByNumber: ReadonlyMap<number, Pick<Kep, "title">>,
): SlipGroup[] {
  const moved = new Map<Version, DeckSlip[]>();
  const cleared: DeckSlip[] = [];
  const stood: DeckSlip[] = [];
  for (const s of release.slipped) {
    const item: DeckSlip = {
      kep: s.kep,
      title: titled(kepByNumber, s.kep),
      stage: s.stage,
      movedTo: s.movedTo ?? null,
    };
    if (s.movedTo) moved.set(s.movedTo, [...(moved.get(s.movedTo) ?? []), item]);
    else if (s.changedOn) cleared.push(item);
    else stood.push(item);
  }
  const groups: SlipGroup[] = [...moved]
    .sort(([a], [b]) => compareVersions(a, b))
    .map(([version, items]) => ({
      label: `Moved to ${version}`,
      phrase: `${items.length} moved to ${version}`,
      items,
    }));
  if (cleared.length > 0)
    groups.push({
      label: "Target dropped, no new release named",
      phrase: `${cleared.length} dropped the target`,
      items: cleared,
    });
  if (stood.length > 0)
    groups.push({
      label: `Target left at ${release.version}, not reached`,
      phrase: `${stood.length} kept ${release.version} as ${stood.length === 1 ? "its" : "their"} target but never got there`,
      items: stood,
    });
  return groups;
}

/** The lead sentence of the slipped slide. */
export function describeSlipped(release: Pick<Release, "version" | "state">, groups: readonly SlipGroup[]): string {
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const noun = total === 1 ? "enhancement" : "enhancements";
  const head =
    release.state === "released"
      ? `${total} ${noun} aimed at ${release.version} did not make it`
      : `${total} ${noun} aimed at ${release.version} have left it so far`;
  const moves = groups.filter((g) => g.label.startsWith("Moved to "));
  const others = groups.filter((g) => !g.label.startsWith("Moved to "));
  // Many destinations read as one: "22 moved to later releases, 14 of them to 1.25".
  const movedPhrases =
    moves.length <= 2
      ? moves.map((g) => g.phrase)
      : [
          `${moves.reduce((n, g) => n + g.items.length, 0)} moved to later releases, ${moves[0]!.items.length} of them to ${moves[0]!.label.slice("Moved to ".length)}`,
        ];
  return `${head}: ${[...movedPhrases, ...others.map((g) => g.phrase)].join(", ")}.`;
}

/** Keeps the first `max` items across groups, in order. */
function takeAcrossGroups(groups: readonly SlipGroup[], max: number): { groups: SlipGroup[]; more: number } {
  let left = max;
  let more = 0;
  const kept: SlipGroup[] = [];
  for (const group of groups) {
    const items = group.items.slice(0, Math.max(left, 0));
    more += group.items.length - items.length;
    left -= items.length;
    if (items.length > 0) kept.push({ ...group, items });
  }
  return { groups: kept, more };
}

/** The provisional banner of a cycle under way. */
export function provisionalBanner(headline: ReleaseHeadline): string | null {
  return headline.provisional ? `Provisional: the cycle is under way; figures as of ${headline.asOf}` : null;
}

/** One big figure of the numbers slide. */
export interface DeckStat {
  value: number;
  label: string;
  note?: string | undefined;
}

/** The numbers slide's figures: the headline count (with its caveat), slips, exception requests, SIGs. */
export function describeNumbers(
  release: Pick<Release, "enhancements" | "slipped" | "exceptions">,
  headline: ReleaseHeadline,
  official: Pick<OfficialComparison, "announced"> | null,
): DeckStat[] {
  const sigs = new Set(release.enhancements.map((e) => e.owningSig)).size;
  return [
    {
      value: headline.count,
      label: headline.provisional ? "targeting" : "enhancements",
      note: headline.provisional
        ? `as of ${headline.asOf}: the cycle is under way`
        : official
          ? `${official.announced} in the release announcement`
          : undefined,
    },
    { value: release.slipped.length, label: "slipped out" },
    { value: release.exceptions.length, label: "exception requests" },
    { value: sigs, label: sigs === 1 ? "SIG" : "SIGs" },
  ];
}

/** Plans a release's deck from its data and highlights. */
export function planDeck(
  release: Release,
  highlights: readonly Highlight[],
  kepByNumber: ReadonlyMap<number, Pick<Kep, "title">>,
  asOf: string,
): DeckPlan {
  const headline = releaseHeadline(release, asOf);
  const changes: DeckKep[] = release.enhancements
    .filter((e) => e.stage === "deprecated" || e.stage === "removed")
    .map((e) => ({ kep: e.kep, title: titled(kepByNumber, e.kep), stage: e.stage }));
  const few = changes.length <= FEW_CHANGES;
  const slides: DeckSlide[] = [{ kind: "title" }, { kind: "numbers", changes: few ? changes : [] }];
  highlights.forEach((highlight, i) => {
    slides.push({ kind: "highlight", highlight, index: i + 1, count: highlights.length });
  });
  if (!few) {
    // Room under the heading, less a line for "and N more".
    const fit = fitList(
      changes.map((c) => ({ chars: c.title.length })),
      SLIDE_ROOM - 4,
    );
    const items = changes.slice(0, fit.rows);
    slides.push({
      kind: "changes",
      items,
      more: changes.length - items.length,
      columns: fit.columns,
      dense: fit.dense,
    });
  }
  const allGroups = groupSlipped(release, kepByNumber);
  if (allGroups.length > 0) {
    const lead = describeSlipped(release, allGroups);
    const rows: ListRow[] = allGroups.flatMap((g) => [
      { chars: 0, heading: true },
      ...g.items.map((i) => ({ chars: i.title.length })),
    ]);
    const leadLines = Math.ceil(lead.length / Math.floor(TEXT_WIDTH / (3.8 * 0.5)));
    const fit = fitList(rows, SLIDE_ROOM - 5 - (leadLines * 3.8 * 1.25 + 3));
    // Rows kept, headings included: the items among them are what the slide shows.
    const shown = rows.slice(0, fit.rows).filter((r) => !r.heading).length;
    const { groups, more } = takeAcrossGroups(allGroups, shown);
    slides.push({ kind: "slipped", lead, groups, more, columns: fit.columns, dense: fit.dense });
  }
  const roles = groupTeam(release.team);
  const leads = roles.flatMap((r) => r.leads.map((m) => ({ role: r.role, name: m.name })));
  // Once each: someone who shadows two roles is thanked once (the slides name no roles for shadows).
  const shadows = [...new Set(roles.flatMap((r) => r.shadows.map((m) => m.name)))];
  const apart = shadows.length > SHADOWS_ON_THANKS;
  slides.push({ kind: "thanks", leads, shadows: apart ? [] : shadows });
  if (apart) slides.push({ kind: "shadows", shadows });
  return { version: release.version, headline, provisional: provisionalBanner(headline), slides };
}
