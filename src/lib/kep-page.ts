/** The KEP page's view model (/keps/<number>/): stages reached, timeline summary, people, related KEPs, search words, description. Pure. */
import { findLastReleased } from "./last-released.ts";
import type { Kep, Release, Stage } from "./schema.ts";
import { gateAliases } from "./search-terms.ts";
import { sigName } from "./sigs.ts";
import { shippedStages } from "./timeline.ts";
import { summarizeTimeline } from "./timeline-drawing.ts";
import { STAGES } from "./vocabulary.ts";

/** How a relation between KEPs reads. */
const RELATION: Record<Kep["related"][number]["kind"], string> = {
  "see-also": "See also",
  replaces: "Replaces",
  "superseded-by": "Superseded by",
};

/** One group of people on the page. */
export interface KepPeopleGroup {
  label: "Authors" | "Reviewers" | "Approvers";
  handles: string[];
}

/** A related KEP as the page lists it: the relation, the number, and its title when the data has it. */
export interface KepRelation {
  label: string;
  kep: number;
  title: string | null;
}

/** Everything the KEP page derives from the data. */
export interface KepPage {
  /** The newest released version: the timeline chart's right edge of "shipped". */
  lastOut: string | null;
  /** Release each stage shipped in, from history. */
  reached: Partial<Record<Stage, string>>;
  /** Stages with a shipped release or a kep.yaml milestone, in life order. */
  stageRows: Stage[];
  /** The timeline in a few sentences. */
  summary: string[];
  people: KepPeopleGroup[];
  related: KepRelation[];
  /** Names the KEP goes by, from its gates (search only). */
  searchAliases: string;
  /** Curated highlight blurbs that name the KEP (search only). */
  searchHighlights: string;
}

/** Builds the KEP page's view model. */
export function buildKepPage(input: {
  kep: Kep;
  releases: readonly Pick<Release, "state" | "version">[];
  kepByNumber: ReadonlyMap<number, Pick<Kep, "title">>;
  highlightBlurbs: readonly { kep: number; blurb?: string | undefined }[];
}): KepPage {
  const { kep } = input;
  const reached = shippedStages(kep.timeline);
  return {
    lastOut: findLastReleased(input.releases),
    reached,
    stageRows: STAGES.filter((s) => reached[s] || kep.milestones[s]),
    summary: summarizeTimeline(kep.timeline),
    people: (
      [
        { label: "Authors", handles: kep.authors },
        { label: "Reviewers", handles: kep.reviewers },
        { label: "Approvers", handles: kep.approvers },
      ] as KepPeopleGroup[]
    ).filter((g) => g.handles.length > 0),
    related: kep.related.map((rel) => ({
      label: RELATION[rel.kind],
      kep: rel.kep,
      title: input.kepByNumber.get(rel.kep)?.title ?? null,
    })),
    searchAliases: gateAliases(kep.featureGates).join(". "),
    searchHighlights: input.highlightBlurbs
      .filter((h) => h.kep === kep.number)
      .map((h) => h.blurb)
      .join(" "),
  };
}

/** The page's meta description: the proposal's summary when there is one, else the facts. */
export function describeKep(
  kep: Pick<Kep, "number" | "title" | "owningSig" | "status" | "stage">,
  summary: string | null,
): string {
  return summary
    ? summary
    : `KEP-${kep.number} ${kep.title}: ${sigName(kep.owningSig)}, ${kep.status ?? "no status"}${kep.stage ? `, ${kep.stage}` : ""}. Its stage timeline across Kubernetes releases, feature gates and people.`;
}
