/**
 * The committed snapshot on disk: `<content>/snapshot/` holds meta.json, warnings.json,
 * keps/<number>.json and releases/<major.minor>.json. The sync validates everything
 * first, writes a complete new folder beside the old one and swaps it in with renames,
 * so a failure at any point before the swap leaves the previous snapshot untouched.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { listFiles, type Snapshot, SnapshotValidationError, snapshotDir, validate } from "../../src/data/snapshot.ts";
import { KepSchema, ReleaseSchema, SourcesSchema, WarningSchema } from "../../src/lib/schema.ts";

export { type Snapshot, snapshotDir } from "../../src/data/snapshot.ts";

/** Files added, updated and removed by a write. */
export interface WriteSummary {
  added: string[];
  updated: string[];
  removed: string[];
}

/** Serialises one entity the same way every time: two-space JSON with a final newline. */
export function toJsonFile(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Validates every entity; returns the files to write, by path relative to the snapshot folder. */
export function renderSnapshot(snapshot: Snapshot): Map<string, string> {
  const files = new Map<string, string>();
  files.set("meta.json", toJsonFile(validate(SourcesSchema, snapshot.sources, "meta.json")));
  const warnings = snapshot.warnings.map((w, i) => validate(WarningSchema, w, `warnings[${i}] (${w.file})`));
  files.set("warnings.json", toJsonFile(warnings));
  for (const kep of [...snapshot.keps].sort((a, b) => a.number - b.number)) {
    const name = `keps/${kep.number}.json`;
    if (files.has(name)) throw new SnapshotValidationError(`${name}: two KEPs with number ${kep.number}`);
    files.set(name, toJsonFile(validate(KepSchema, kep, name)));
  }
  for (const release of snapshot.releases) {
    const name = `releases/${release.version}.json`;
    files.set(name, toJsonFile(validate(ReleaseSchema, release, name)));
  }
  return files;
}

/** Writes a validated snapshot into `<contentDir>/snapshot` with an atomic folder swap. */
export async function writeSnapshot(contentDir: string, files: Map<string, string>): Promise<WriteSummary> {
  const target = snapshotDir(contentDir);
  const summary: WriteSummary = { added: [], updated: [], removed: [] };
  const before = new Set(listFiles(target));
  for (const [name, text] of files) {
    if (!before.has(name)) summary.added.push(name);
    else if (readFileSync(path.join(target, name), "utf8") !== text) summary.updated.push(name);
  }
  for (const name of before) if (!files.has(name)) summary.removed.push(name);

  mkdirSync(contentDir, { recursive: true });
  const staging = path.join(contentDir, `.snapshot-new-${process.pid}`);
  const retired = path.join(contentDir, `.snapshot-old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const dir of new Set([...files.keys()].map((name) => path.dirname(path.join(staging, name))))) {
      mkdirSync(dir, { recursive: true });
    }
    // Hundreds of small files: concurrent writes let the thread pool overlap the syscalls.
    await Promise.all([...files].map(([name, text]) => writeFile(path.join(staging, name), text)));
    if (existsSync(target)) renameSync(target, retired);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(retired)) renameSync(retired, target);
    throw error;
  }
  rmSync(retired, { recursive: true, force: true });
  return summary;
}
