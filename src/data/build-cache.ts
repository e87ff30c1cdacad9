/**
 * The build's caches (rendered proposals, social images, the search index, CSP hashes): one
 * folder per kind under .cache/build/ (KEP_RADAR_BUILD_CACHE moves them), one file per entry
 * named by a hash of everything that goes into it, the code that makes it included, so a cached
 * entry is never stale: changed input, changed key. Each file carries a checksum of its bytes;
 * an entry that fails it (cut short, edited, flipped bits) is reported, removed and made again,
 * never served. Reading an entry marks it used; `prune` keeps a folder under its byte budget by
 * removing the entries used longest ago. Loaded by Node itself too (the integrations): erasable
 * TypeScript only.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

/** First line of every entry: the format, then the sha256 and length of the bytes after it. */
const MAGIC = "kep-radar-cache-1";
/** Longest header line read back (magic, 64 hex digits, a length). */
const MAX_HEADER = 128;

/** One kind of cached output. */
export interface BuildCache {
  /** The folder the entries live in. */
  readonly dir: string;
  /** The bytes stored under a key, or null when there are none or they fail their checksum. */
  read(key: string): Buffer | null;
  /** Stores bytes under a key; a reader never sees a half-written entry. */
  write(key: string, data: Uint8Array | string): void;
  /** Removes the entries used longest ago until the folder fits its budget; returns how many went. */
  prune(): number;
}

/** How a cache is opened. */
export interface BuildCacheOptions {
  /** Bytes the folder may hold after `prune` (entries used by the running build are never removed). */
  maxBytes: number;
  /** The folder the kinds live in (default: buildCacheRoot()). */
  root?: string;
  /** Where a corrupt entry is reported (default: console.warn). */
  warn?: (message: string) => void;
}

/** The folder every cache kind lives in: KEP_RADAR_BUILD_CACHE, else .cache/build in the project. */
export function buildCacheRoot(): string {
  return path.resolve(process.env.KEP_RADAR_BUILD_CACHE ?? path.join(process.cwd(), ".cache", "build"));
}

/** A cache key: the sha256 of the parts, each length-prefixed so no two lists of parts collide. */
export function cacheKey(...parts: (string | Uint8Array)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

const versions = new Map<string, string>();

/**
 * A version of the code that makes a kind of entry: a hash of the named project files (paths from
 * the project root) and of package-lock.json (the libraries they call), read once per process.
 * Editing any of them makes every key of that kind new. A named file that is missing is a
 * programming error: it throws.
 */
export function codeVersion(files: readonly string[], root = process.cwd()): string {
  const id = [root, ...files].join("\0");
  let version = versions.get(id);
  if (version === undefined) {
    const lockfile = path.join(root, "package-lock.json");
    version = cacheKey(
      existsSync(lockfile) ? readFileSync(lockfile) : "",
      ...files.flatMap((file) => [file, readFileSync(path.join(root, file))]),
    );
    versions.set(id, version);
  }
  return version;
}

const digests = new Map<string, string>();

/** The sha256 of a file's bytes (read once per process): a key part that follows the content, not the path or date. */
export function fileDigest(file: string): string {
  let digest = digests.get(file);
  if (digest === undefined) {
    digest = createHash("sha256").update(readFileSync(file)).digest("hex");
    digests.set(file, digest);
  }
  return digest;
}

/** A cache entry's bytes as stored: a header line with their checksum and length, then the bytes. */
export function encodeEntry(data: Uint8Array | string): Buffer {
  const body = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
  const sum = createHash("sha256").update(body).digest("hex");
  return Buffer.concat([Buffer.from(`${MAGIC} ${sum} ${body.length}\n`, "latin1"), body]);
}

/** The bytes of a stored entry, or why they cannot be trusted. */
export function decodeEntry(stored: Buffer): { ok: true; data: Buffer } | { ok: false; reason: string } {
  const newline = stored.subarray(0, MAX_HEADER).indexOf(10);
  if (newline < 0) return { ok: false, reason: "no header" };
  const [magic, sum, length] = stored.toString("latin1", 0, newline).split(" ");
  if (magic !== MAGIC) return { ok: false, reason: "unknown format" };
  const data = stored.subarray(newline + 1);
  if (String(data.length) !== length) return { ok: false, reason: `${data.length} bytes, header says ${length}` };
  if (createHash("sha256").update(data).digest("hex") !== sum) return { ok: false, reason: "checksum mismatch" };
  return { ok: true, data };
}

/** Every file below a folder, relative to it with forward slashes, sorted. */
function listFolder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  const entries = readdirSync(path.join(dir, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFolder(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** A folder's files as one entry: a JSON line of [path, length] pairs, then their bytes in that order. */
export function packFolder(dir: string): Buffer {
  const files = listFolder(dir).map((rel) => ({ rel, bytes: readFileSync(path.join(dir, rel)) }));
  const index = JSON.stringify(files.map(({ rel, bytes }) => [rel, bytes.length]));
  return Buffer.concat([Buffer.from(`${index}\n`, "utf8"), ...files.map(({ bytes }) => bytes)]);
}

/** Writes the files of a packed folder below `dir`; throws when the pack is malformed (a path leaving `dir` included). */
export function unpackFolder(packed: Buffer, dir: string): number {
  const newline = packed.indexOf(10);
  const index: unknown = JSON.parse(packed.toString("utf8", 0, newline));
  if (!Array.isArray(index)) throw new Error("pack index is not a list");
  let offset = newline + 1;
  const files = index.map((item: unknown) => {
    const [rel, length] = Array.isArray(item) ? item : [];
    const safe =
      typeof rel === "string" && !path.isAbsolute(rel) && !rel.split(/[\\/]/).some((p) => p === ".." || p === "");
    if (!safe || typeof length !== "number" || length < 0) throw new Error(`bad pack entry ${JSON.stringify(item)}`);
    const bytes = packed.subarray(offset, offset + length);
    offset += length;
    return { rel, bytes };
  });
  if (offset !== packed.length) throw new Error(`pack holds ${packed.length} bytes, its index ${offset}`);
  for (const { rel, bytes } of files) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return files.length;
}

/** Opens (and creates when needed) the cache folder of one kind of output. */
export function openBuildCache(kind: string, options: BuildCacheOptions): BuildCache {
  const dir = path.join(options.root ?? buildCacheRoot(), kind);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const opened = Date.now();
  const fileOf = (key: string) => {
    if (!/^[0-9a-f]{16,64}$/.test(key)) throw new Error(`cache key must be hex: ${key}`);
    return path.join(dir, key);
  };
  return {
    dir,
    read(key) {
      const file = fileOf(key);
      let stored: Buffer;
      try {
        stored = readFileSync(file);
      } catch {
        return null;
      }
      const entry = decodeEntry(stored);
      if (!entry.ok) {
        warn(`[cache] ignoring corrupt entry ${path.relative(process.cwd(), file)} (${entry.reason}): made again`);
        try {
          unlinkSync(file);
        } catch {
          // Already gone: nothing to clean up.
        }
        return null;
      }
      // Marks the entry used now, so prune keeps it ahead of entries no build has needed lately.
      const now = new Date();
      try {
        utimesSync(file, now, now);
      } catch {
        // A read-only cache still serves entries.
      }
      return entry.data;
    },
    write(key, data) {
      const file = fileOf(key);
      mkdirSync(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, encodeEntry(data));
      renameSync(temporary, file);
    },
    prune() {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return 0;
      }
      const entries = names.flatMap((name) => {
        try {
          const stat = statSync(path.join(dir, name));
          return stat.isFile() ? [{ name, bytes: stat.size, used: stat.mtimeMs }] : [];
        } catch {
          return [];
        }
      });
      entries.sort((a, b) => b.used - a.used || (a.name < b.name ? -1 : 1));
      let total = 0;
      let removed = 0;
      for (const entry of entries) {
        total += entry.bytes;
        // Temporary files of a build that died, and entries over budget that this build did not use.
        const stale = entry.name.endsWith(".tmp") && entry.used < opened - 60_000;
        if (stale || (total > options.maxBytes && entry.used < opened - 1000)) {
          try {
            unlinkSync(path.join(dir, entry.name));
            removed++;
            total -= entry.bytes;
          } catch {
            // Removed by another build meanwhile.
          }
        }
      }
      return removed;
    },
  };
}
