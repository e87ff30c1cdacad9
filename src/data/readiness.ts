/**
 * The readiness results the sync committed (content/snapshot/readiness/<major.minor>.json),
 * read and validated once per build. A content folder without them gives an empty map:
 * readiness pages then say the data has none.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type CycleReadiness, CycleReadinessSchema } from "../lib/schema.ts";
import { contentDir } from "./site.ts";
import { listFiles, SnapshotValidationError, snapshotDir, validate } from "./snapshot.ts";

let cached: Map<string, CycleReadiness> | null = null;

/** Reads every cycle's readiness from a content folder, by version; throws naming a bad file. */
export function readReadiness(dir: string): Map<string, CycleReadiness> {
  const folder = path.join(snapshotDir(dir), "readiness");
  const out = new Map<string, CycleReadiness>();
  for (const name of listFiles(folder).filter((n) => n.endsWith(".json"))) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path.join(folder, name), "utf8"));
    } catch (error) {
      throw new SnapshotValidationError(`readiness/${name}: ${(error as Error).message}`);
    }
    const cycle = validate(CycleReadinessSchema, data, `readiness/${name}`);
    out.set(cycle.version, cycle);
  }
  return out;
}

/** Every cycle's readiness for this build, by version (read once per process). */
export function getReadiness(): Map<string, CycleReadiness> {
  cached ??= readReadiness(contentDir());
  return cached;
}
