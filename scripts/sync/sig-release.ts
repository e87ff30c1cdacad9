/**
 * Reads kubernetes/sig-release `releases/release-1.N/` folders: the README (theme, logo,
 * schedule), the roster (release-team.md) and the freeze exceptions (exceptions.yaml).
 * Upstream formats drift from release to release, so every irregularity becomes a
 * Warning; nothing in the content makes this module throw (only a missing releases/ does).
 * Only readSigRelease and its private helpers touch the disk; the parse* functions are pure.
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { Version, Warning } from "../../src/lib/schema.ts";
import { parseExceptions } from "../../src/lib/sig-release/exceptions.ts";
import { type ReleaseSource, type Report, reporterFor } from "../../src/lib/sig-release/report.ts";
import { parseReleaseTeam } from "../../src/lib/sig-release/roster.ts";
import { parseReleaseReadme } from "../../src/lib/sig-release/schedule.ts";
import { compareVersions, parseVersion } from "../../src/lib/versions.ts";
import type { WarningKind } from "../../src/lib/warning-kinds.ts";

export const IMAGE = /\.(png|svg|jpe?g|gif|webp)$/i;

/** Lower is better: web-sized raster, other raster, SVG, print-resolution raster. */
export function logoRank(name: string): number {
  const raster = /\.(png|jpe?g|gif|webp)$/i.test(name);
  if (raster && /\d+\s*dpi|print/i.test(name)) return 3;
  if (raster && /\d+\s*px\b/i.test(name)) return 0;
  return raster ? 1 : 2;
}

/** Largest file of a release folder read (the biggest real README is about 20 KB). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Whether a path is a regular file inside the sig-release folder once links are resolved: a
 * symlink out of the folder is never followed, and an oversized file is not read.
 */
export function isFile(root: string, file: string): boolean {
  try {
    const real = realpathSync(file);
    const base = realpathSync(root);
    const stats = statSync(real);
    return real.startsWith(base + path.sep) && stats.isFile() && stats.size <= MAX_FILE_BYTES;
  } catch {
    return false;
  }
}

export function listImages(dir: string, folder: string): string[] {
  const absolute = path.join(dir, folder);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) return [];
  return readdirSync(absolute)
    .filter((name) => IMAGE.test(name) && isFile(dir, path.join(absolute, name)))
    .map((name) => `${folder}/${name}`);
}

/** The README's image when it exists, else the best image under logo/ or beside the README. */
export function resolveLogo(dir: string, folder: string, ref: string | null, report: Report): string | null {
  if (ref !== null && isFile(dir, path.join(dir, ref))) return ref;
  const candidates = [...listImages(dir, `${folder}/logo`), ...listImages(dir, folder)].sort(
    (a, b) => logoRank(a) - logoRank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const found = candidates[0] ?? null;
  if (ref !== null) report("logo-missing", "logo", ref, found ? "normalised" : "ignored");
  return found;
}

/** Text of a file in the release folder, or null with a warning when it is absent. */
export function readOptional(dir: string, file: string, report: Report): string | null {
  const absolute = path.join(dir, file);
  if (!isFile(dir, absolute)) {
    report("file-missing", "", file, "skipped-file");
    return null;
  }
  return readFileSync(absolute, "utf8");
}

/** How far past the newest release before it a folder may be and still be read as a release. */
export const MAX_RELEASE_GAP = 3;

/**
 * Release folders ("release-1.19") at or after `from`, in version order. A folder whose name is
 * no plausible release (`release-01.37`, `release-1.999`), or that lies far past the releases
 * before it (`release-2.0` after 1.37), is reported and skipped: it would become the "current cycle".
 */
export function listReleases(releasesDir: string, from: string, warnings: Warning[]): Version[] {
  const found: Version[] = [];
  for (const name of readdirSync(releasesDir)) {
    const raw = /^release-(.+)$/.exec(name)?.[1];
    if (raw === undefined || !isDirectory(path.join(releasesDir, name))) continue;
    const parts = parseVersion(raw);
    const canonical = parts ? `${parts.major}.${parts.minor}` : null;
    if (canonical === null || canonical !== raw || raw.startsWith("v")) {
      if (/^v?\d/.test(raw)) warnings.push(folderWarning(name, "release-folder-unrecognised"));
      continue;
    }
    if (compareVersions(canonical, from) >= 0) found.push(canonical);
  }
  found.sort(compareVersions);
  const kept: Version[] = [];
  for (const version of found) {
    const previous = kept.at(-1);
    const parts = parseVersion(version)!;
    const before = previous ? parseVersion(previous)! : null;
    const gap =
      before === null ? 0 : parts.major === before.major ? parts.minor - before.minor : Number.POSITIVE_INFINITY;
    if (before !== null && gap > MAX_RELEASE_GAP) {
      warnings.push(folderWarning(`release-${version}`, "release-folder-implausible"));
      continue;
    }
    kept.push(version);
  }
  return kept;
}

export function folderWarning(name: string, kind: WarningKind): Warning {
  return { kind, file: `releases/${name}`, field: "", value: name, action: "skipped-file" };
}

export function isDirectory(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** One release folder; missing files become warnings. */
export function readRelease(dir: string, version: Version, warnings: Warning[]): ReleaseSource {
  const folder = `releases/release-${version}`;
  const readmeFile = `${folder}/README.md`;
  const readmeText = readOptional(dir, readmeFile, reporterFor(readmeFile, version, warnings));
  const readme = readmeText === null ? null : parseReleaseReadme(readmeText, readmeFile, version);
  warnings.push(...(readme?.warnings ?? []));
  const logo = resolveLogo(dir, folder, readme?.logo ?? null, reporterFor(readmeFile, version, warnings));
  const teamFile = `${folder}/release-team.md`;
  const teamText = readOptional(dir, teamFile, reporterFor(teamFile, version, warnings));
  const team = teamText === null ? null : parseReleaseTeam(teamText, teamFile);
  warnings.push(...(team?.warnings ?? []));
  const exceptionsFile = `${folder}/exceptions.yaml`;
  const exceptionsText = readOptional(dir, exceptionsFile, reporterFor(exceptionsFile, version, warnings));
  const exceptions = exceptionsText === null ? null : parseExceptions(exceptionsText, exceptionsFile, version);
  warnings.push(...(exceptions?.warnings ?? []));
  return {
    version,
    theme: readme?.theme ?? null,
    logo,
    schedule: readme?.schedule ?? [],
    team: team?.team ?? [],
    exceptions: exceptions?.exceptions ?? [],
  };
}

/** Every release folder of a sig-release checkout from `from` (default 1.19) on; throws only when releases/ is missing. */
export function readSigRelease(
  dir: string,
  opts: { from?: string } = {},
): { releases: ReleaseSource[]; warnings: Warning[] } {
  const releasesDir = path.join(dir, "releases");
  if (!isDirectory(releasesDir)) {
    throw new Error(`sig-release: no releases/ folder at ${releasesDir}`);
  }
  const warnings: Warning[] = [];
  const releases = listReleases(releasesDir, opts.from ?? "1.19", warnings).map((version) =>
    readRelease(dir, version, warnings),
  );
  return { releases, warnings };
}

export { parseExceptions } from "../../src/lib/sig-release/exceptions.ts";
export type { ReleaseSource } from "../../src/lib/sig-release/report.ts";
export { parseReleaseTeam } from "../../src/lib/sig-release/roster.ts";
export { parseReleaseReadme } from "../../src/lib/sig-release/schedule.ts";
