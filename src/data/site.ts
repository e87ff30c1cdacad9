/**
 * The snapshot as the site sees it, read once per build. The content folder is
 * `content/` in the project, or KEP_RADAR_CONTENT (tests build from a fresh sync).
 */
import path from "node:path";
import type { Kep, Release, Sources, Warning } from "../lib/schema.ts";
import { compareVersions } from "../lib/versions.ts";
import { readSnapshot } from "./snapshot.ts";

/** Everything a page can ask of the data. */
export interface SiteData {
  sources: Sources;
  keps: Kep[];
  kepByNumber: Map<number, Kep>;
  /** Oldest first. */
  releases: Release[];
  warnings: Warning[];
}

let cached: SiteData | null = null;

/** The content folder the site is built from. */
export function contentDir(): string {
  return path.resolve(process.env.KEP_RADAR_CONTENT ?? path.join(process.cwd(), "content"));
}

/** Loads and indexes the snapshot (once per process). */
export function getSiteData(): SiteData {
  if (cached) return cached;
  const snapshot = readSnapshot(contentDir());
  const keps = [...snapshot.keps].sort((a, b) => a.number - b.number);
  cached = {
    sources: snapshot.sources,
    keps,
    kepByNumber: new Map(keps.map((kep) => [kep.number, kep])),
    releases: [...snapshot.releases].sort((a, b) => compareVersions(a.version, b.version)),
    warnings: snapshot.warnings,
  };
  return cached;
}

/** getStaticPaths for every route with one page per release: params.version and props.release. */
export function releasePaths() {
  return getSiteData().releases.map((release) => ({ params: { version: release.version }, props: { release } }));
}
