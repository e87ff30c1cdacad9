/**
 * Curated highlights (content/curated/highlights.json), read and validated once per build.
 * The file is hand-kept: the sync never writes it. A bad entry fails the build with the
 * file and the field named.
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
import type { Release } from "../lib/schema.ts";
import { CuratedFileError, displayPath, parseCuratedJson } from "./curated.ts";
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
): CuratedHighlights {
  const data = parseCuratedJson(text, file, CuratedHighlightsSchema);
  const problem = checkCuratedHighlights(data, releases)[0];
  if (problem) throw new CuratedFileError(`${displayPath(file)}: field ${problem.path}: ${problem.message}`);
  return data;
}

let cached: CuratedHighlights | null = null;

/** The curated highlights of every release (an absent file means none are curated). */
export function getCuratedHighlights(): CuratedHighlights {
  if (cached) return cached;
  const file = highlightsFile();
  cached = existsSync(file) ? parseCuratedHighlights(readFileSync(file, "utf8"), file, getSiteData().releases) : {};
  return cached;
}

/** A release's highlights: curated, else picked by rule. */
export function getHighlights(release: Pick<Release, "version" | "state" | "enhancements">): Highlight[] {
  return selectHighlights(release, getCuratedHighlights(), getSiteData().kepByNumber);
}
