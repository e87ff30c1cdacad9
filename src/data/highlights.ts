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
import { contentDir, getSiteData } from "./site.ts";

/** A curated file that fails validation. */
export class CuratedHighlightsError extends Error {
  override name = "CuratedHighlightsError";
}

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
  // Relative to the project when the file is inside it (content/curated/highlights.json), else as given.
  const relative = path.relative(process.cwd(), file);
  const where = relative && !relative.startsWith("..") ? relative : file;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CuratedHighlightsError(`${where}: not valid JSON: ${(error as Error).message}`);
  }
  const result = CuratedHighlightsSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "(root)";
    throw new CuratedHighlightsError(`${where}: field ${field}: ${issue?.message ?? "invalid"}`);
  }
  const problem = checkCuratedHighlights(result.data, releases)[0];
  if (problem) throw new CuratedHighlightsError(`${where}: field ${problem.path}: ${problem.message}`);
  return result.data;
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
