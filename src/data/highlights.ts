/**
 * Curated highlights (content/curated/highlights.json), read and validated once per build.
 * The file is hand-kept: the sync never writes it. A bad entry, or a highlight that is not a
 * stage change in its release, fails the build with the file, the field and the version named.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  type CuratedHighlights,
  CuratedHighlightsSchema,
  checkCuratedHighlights,
  type Highlight,
  selectHighlights,
} from "../lib/highlights.ts";
import type { Kep, Release } from "../lib/schema.ts";
import { CuratedFileError, displayPath, parseCuratedJson } from "./curated.ts";
import { getProposals } from "./proposals.ts";
import { contentDir, getSiteData } from "./site.ts";

/** Path of the curated highlights inside a content folder. */
export function highlightsFile(dir = contentDir()): string {
  return path.join(dir, "curated", "highlights.json");
}

/** Parses and checks the curated highlights; throws naming the file and the first bad field. */
export function parseCuratedHighlights(
  text: string,
  file: string,
  releases: readonly Pick<Release, "version" | "enhancements">[],
  kepByNumber: ReadonlyMap<number, Pick<Kep, "timeline">>,
): CuratedHighlights {
  const data = parseCuratedJson(text, file, CuratedHighlightsSchema);
  const problem = checkCuratedHighlights(data, releases, kepByNumber)[0];
  if (problem) throw new CuratedFileError(`${displayPath(file)}: field ${problem.path}: ${problem.message}`);
  return data;
}

let cached: CuratedHighlights | null = null;

/** The curated highlights of every release (an absent file means none are curated). */
export function getCuratedHighlights(): CuratedHighlights {
  if (cached) return cached;
  const file = highlightsFile();
  const { releases, kepByNumber } = getSiteData();
  cached = existsSync(file) ? parseCuratedHighlights(readFileSync(file, "utf8"), file, releases, kepByNumber) : {};
  return cached;
}

/** Every KEP's proposal summary (empty when the build has no enhancements source). */
async function readSummaries(): Promise<Map<number, string | null>> {
  const proposals = await getProposals();
  return new Map([...proposals].map(([kep, proposal]) => [kep, proposal.summary]));
}

let summaries: Promise<Map<number, string | null>> | null = null;

/** A release's highlights: curated, else picked by rule; descriptions fall back to the proposal's summary. */
export async function getHighlights(
  release: Pick<Release, "version" | "state" | "enhancements">,
): Promise<Highlight[]> {
  summaries ??= readSummaries();
  return selectHighlights(release, getCuratedHighlights(), getSiteData().kepByNumber, await summaries);
}
