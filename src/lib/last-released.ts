/** The newest release that is out: stage timelines draw what came after it as not yet shipped. */
import type { Release, Version } from "./schema.ts";

/** The version of the newest released release (releases oldest first), or null when none is out. */
export function findLastReleased(releases: readonly Pick<Release, "version" | "state">[]): Version | null {
  return releases.filter((r) => r.state === "released").at(-1)?.version ?? null;
}
