/** Test helpers over snapshots: exact file trees, and lookups that fail loudly. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Snapshot } from "../../src/data/snapshot.ts";
import type { Kep, Release } from "../../src/lib/schema.ts";

/** Every file below a folder with its bytes, to compare snapshots exactly. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full), readFileSync(full, "latin1"));
    }
  }
  return files;
}

/** kep(n) and release(v) over a snapshot, throwing when the entity is missing. */
export function lookups(snapshot: Snapshot): { kep: (n: number) => Kep; release: (v: string) => Release } {
  return {
    kep: (n) => {
      const found = snapshot.keps.find((k) => k.number === n);
      if (!found) throw new Error(`KEP ${n} missing`);
      return found;
    },
    release: (v) => {
      const found = snapshot.releases.find((r) => r.version === v);
      if (!found) throw new Error(`release ${v} missing`);
      return found;
    },
  };
}
