/**
 * The official record (content/curated/announcements.json): what each release announcement
 * states, read and validated once per build. A version the snapshot does not know fails the
 * build with the file and field named.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Announcement, type Announcements, AnnouncementsSchema } from "../lib/announcements.ts";
import type { Release } from "../lib/schema.ts";
import { CuratedFileError, displayPath, parseCuratedJson } from "./curated.ts";
import { contentDir, getSiteData } from "./site.ts";

/** Path of the announcements inside a content folder. */
export function announcementsFile(dir = contentDir()): string {
  return path.join(dir, "curated", "announcements.json");
}

/** Parses and checks the announcements against the releases the data knows. */
export function parseAnnouncements(
  text: string,
  file: string,
  releases: readonly Pick<Release, "version">[],
): Announcements {
  const data = parseCuratedJson(text, file, AnnouncementsSchema);
  const known = new Set(releases.map((r) => r.version));
  for (const [version, announcement] of Object.entries(data)) {
    if (!known.has(version))
      throw new CuratedFileError(`${displayPath(file)}: field ${version}: no such release in the data`);
    const sum = announcement.alpha + announcement.beta + announcement.stable;
    if (announcement.stableKeps.length > announcement.stable + 3)
      throw new CuratedFileError(
        `${displayPath(file)}: field ${version}.stableKeps: ${announcement.stableKeps.length} KEPs for ${announcement.stable} stable`,
      );
    if (sum === 0) throw new CuratedFileError(`${displayPath(file)}: field ${version}: no counts`);
    checkCorrections(version, announcement, file);
  }
  return data;
}

/**
 * A correction either adds a KEP the post leaves out (its stable stage is this release) or takes
 * out one the post names (its stable stage is elsewhere, or never): anything else contradicts
 * the post's own list and fails with the field named.
 */
function checkCorrections(version: string, announcement: Announcement, file: string): void {
  const named = new Set(announcement.stableKeps.map((n) => announcement.issueKeps?.[String(n)] ?? n));
  const seen = new Set<number>();
  for (const [i, c] of (announcement.corrections ?? []).entries()) {
    const field = `${displayPath(file)}: field ${version}.corrections[${i}]`;
    if (seen.has(c.kep)) throw new CuratedFileError(`${field}: KEP-${c.kep} corrected twice`);
    seen.add(c.kep);
    if (named.has(c.kep) && c.stableIn === version)
      throw new CuratedFileError(`${field}: the post already names KEP-${c.kep} as stable in ${version}`);
    if (!named.has(c.kep) && c.stableIn !== version)
      throw new CuratedFileError(
        `${field}: the post does not name KEP-${c.kep}, so a correction can only add it (stableIn "${version}")`,
      );
  }
}

let cached: Announcements | null = null;

/** Every announcement (an absent file means none are recorded). */
export function getAnnouncements(): Announcements {
  if (cached) return cached;
  const file = announcementsFile();
  cached = existsSync(file) ? parseAnnouncements(readFileSync(file, "utf8"), file, getSiteData().releases) : {};
  return cached;
}

/** The announcement of one release, if recorded. */
export function getAnnouncement(version: string): Announcement | undefined {
  return getAnnouncements()[version];
}
