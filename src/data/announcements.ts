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
  }
  return data;
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
