/**
 * Reading the committed snapshot (content/snapshot/): the one reader shared by the
 * site build and the sync. Every file is validated with the same schemas the sync
 * used to write it; a bad file fails with its path and field.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import {
  type Kep,
  KepSchema,
  type Release,
  ReleaseSchema,
  type Sources,
  SourcesSchema,
  type Warning,
  WarningSchema,
} from "../lib/schema.ts";

/** Everything one sync produces. */
export interface Snapshot {
  sources: Sources;
  keps: Kep[];
  releases: Release[];
  warnings: Warning[];
}

/** A snapshot file that fails validation: names the file and the field. */
export class SnapshotValidationError extends Error {
  override name = "SnapshotValidationError";
}

/** Folder of the snapshot inside a content folder. */
export function snapshotDir(contentDir: string): string {
  return path.join(contentDir, "snapshot");
}

/** Validates a value, or throws naming what it is and the first bad field. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "(root)";
  throw new SnapshotValidationError(`${what}: field ${where}: ${issue?.message ?? "invalid"}`);
}

/** Lists the files below a folder, relative to it, in a stable order. */
export function listFiles(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}

/** Reads the snapshot a content folder holds, validating each file; throws naming the bad file. */
export function readSnapshot(contentDir: string): Snapshot {
  const dir = snapshotDir(contentDir);
  const read = (name: string): unknown => {
    const file = path.join(dir, name);
    try {
      return JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new SnapshotValidationError(`${file}: ${(error as Error).message}`);
    }
  };
  const names = (sub: string) => listFiles(path.join(dir, sub)).filter((n) => n.endsWith(".json"));
  return {
    sources: validate(SourcesSchema, read("meta.json"), "meta.json"),
    warnings: validate(z.array(WarningSchema), read("warnings.json"), "warnings.json"),
    keps: names("keps").map((n) => validate(KepSchema, read(`keps/${n}`), `keps/${n}`)),
    releases: names("releases").map((n) => validate(ReleaseSchema, read(`releases/${n}`), `releases/${n}`)),
  };
}
