/**
 * The local sync's read cache (default .cache/sync, gitignored): what reading a blob gave, keyed
 * by blob id, so a re-sync when nothing changed upstream reads and parses (almost) nothing. It
 * holds kep.yaml and PRR parse results and readiness check results; a git object never changes, so
 * an entry stays true as long as the code that computed it does. The file records a hash of that
 * code (the readers and everything they import, and the yaml package's version): any change to
 * them starts the cache afresh. It is bounded (entries used by the last run first, then older ones
 * up to a cap), written atomically after a successful sync, and checked by a digest when read: an
 * unreadable, corrupt or foreign file is reported and ignored, never trusted and never fatal.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { KepParseResult, PrrParseResult } from "../../src/lib/kep-yaml.ts";
import type { ReadinessCheck, Stage } from "../../src/lib/schema.ts";

/** Bump when the file layout or the meaning of a key changes. */
const FORMAT = 1;
/** The file's name inside the cache folder. */
export const READ_CACHE_FILE = "reads.json";
/** Most entries kept: about five times what the real repository needs (3,400 versions, 2,500 checks). */
export const MAX_ENTRIES = 30_000;
/** Largest file written, in characters (the real repository's entries take about 10 MB). */
const MAX_CHARS = 64 * 1024 * 1024;
const ROOT = path.resolve(import.meta.dirname, "../..");
/** The modules whose code computes the cached values: their hash is the cache's code version. */
const CODE_ROOTS = ["src/lib/kep-yaml.ts", "src/lib/readiness/checks.ts", "scripts/sync/read-cache.ts"];
/** Packages those modules import, by name: their installed version is part of the code version. */
const PACKAGES = ["yaml"];

/**
 * The commit parse results are computed with: warnings name it, and a cached result is given the
 * real commit of each version it is used for (the record itself never depends on the commit).
 */
export const PLACEHOLDER_COMMIT = "0".repeat(40);

/** A readiness result as checkKepAt returns it. */
export interface CheckResult {
  stage: Stage | null;
  checks: ReadinessCheck[];
}

/** One kind of cached value: JSON text by key, so every read gives fresh objects nothing else shares. */
export class CacheTable<T> {
  /** Entries used by this run, in first-use order (written first). */
  private readonly used = new Map<string, string>();
  hits = 0;
  misses = 0;
  private added = false;

  private readonly stored: Map<string, string>;

  constructor(stored: Map<string, string>) {
    this.stored = stored;
  }

  /** The value cached under a key, or undefined; either way the key counts as used by this run. */
  get(key: string): T | undefined {
    const text = this.used.get(key) ?? this.stored.get(key);
    if (text === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used.set(key, text);
    return JSON.parse(text) as T;
  }

  /** Whether the key has a value (no counting, nothing marked used). */
  has(key: string): boolean {
    return this.used.has(key) || this.stored.has(key);
  }

  /** The value cached under a key, without counting it as a hit or a miss (another step's reuse). */
  peek(key: string): T | undefined {
    const text = this.used.get(key) ?? this.stored.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  /** Caches a value; one that JSON would not give back exactly (undefined, NaN, -0) is left out. */
  set(key: string, value: T): void {
    if (!isPlainJson(value)) return;
    this.used.set(key, JSON.stringify(value));
    this.added = true;
  }

  /** Whether this run added nothing (then the file already holds all it used: no need to write it again). */
  isUnchanged(): boolean {
    return !this.added;
  }

  /** Entries to keep: this run's, then the older ones. */
  entries(): Iterable<[string, string]> {
    const used = this.used;
    const stored = this.stored;
    return (function* () {
      yield* used;
      for (const entry of stored) if (!used.has(entry[0])) yield entry;
    })();
  }
}

/** The cache of one run: three tables, the blobs read from git, and where it is saved. */
export interface ReadCache {
  /** kep.yaml parse results by blob and path, computed with PLACEHOLDER_COMMIT. */
  kepYaml: CacheTable<KepParseResult>;
  /** PRR file parse results by blob and path (read without a commit). */
  prr: CacheTable<PrrParseResult>;
  /** Readiness results of one KEP at one instant, by release and the blob ids and paths read (readinessKey). */
  readiness: CacheTable<CheckResult>;
  /** Blobs read from git this run (the count a warm run keeps at zero). */
  blobsRead: number;
  /** kep.yaml and PRR texts read this run, by blob id, for the readiness step (never saved). */
  texts: Map<string, string>;
  /** A note for the summary: what was reused and read. */
  describe(): string;
  /** Writes the cache (atomically); a failure to write is reported, never fatal. */
  save(): void;
}

/** The file's first line: what produced it and a digest of the rest. */
interface Header {
  format: number;
  code: string;
  digest: string;
}

type Tables = Record<"kepYaml" | "prr" | "readiness", [string, string][]>;
const TABLES = ["kepYaml", "prr", "readiness"] as const;

/** The cache key of a kep.yaml or PRR parse: the blob and the path it was read at (the title falls back to the folder). */
export function parseKey(blob: string, file: string): string {
  return `${blob}\0${file}`;
}

/** What one readiness check of a KEP reads, by blob id (the commit is not part of it: no result names it). */
export interface ReadinessKeyParts {
  version: string;
  yaml: { path: string; blob: string | null };
  /** null before PRR approval files existed (no prod-readiness folder in the tree). */
  prr: { path: string | null; blob: string | null } | null;
  readme: { path: string; blob: string | null };
  template: string | null;
}

/** The cache key of one readiness check. */
export function readinessKey(parts: ReadinessKeyParts): string {
  return JSON.stringify([
    parts.version,
    parts.yaml.path,
    parts.yaml.blob,
    parts.prr && [parts.prr.path, parts.prr.blob],
    parts.readme.path,
    parts.readme.blob,
    parts.template,
  ]);
}

/**
 * Opens the cache in `dir`, or an empty one (a first run, a code change); `log` hears why a file
 * was ignored. `dir` null gives a cache that is never read nor written.
 */
export function openReadCache(dir: string | null, log: (line: string) => void, version?: string): ReadCache {
  const code = version ?? (dir === null ? "" : codeVersion());
  const file = dir === null ? null : path.join(dir, READ_CACHE_FILE);
  const stored = file === null ? emptyTables() : loadTables(file, code, log);
  const tables = {
    kepYaml: new CacheTable<KepParseResult>(new Map(stored.kepYaml)),
    prr: new CacheTable<PrrParseResult>(new Map(stored.prr)),
    readiness: new CacheTable<CheckResult>(new Map(stored.readiness)),
  };
  const cache: ReadCache = {
    ...tables,
    blobsRead: 0,
    texts: new Map(),
    describe() {
      const parsed = tables.kepYaml.hits + tables.prr.hits;
      const parses = parsed + tables.kepYaml.misses + tables.prr.misses;
      const checks = tables.readiness.hits + tables.readiness.misses;
      return `reused ${parsed} of ${parses} file reads and ${tables.readiness.hits} of ${checks} readiness checks; ${cache.blobsRead} blobs read from git`;
    },
    save() {
      // A re-sync that found everything it needed in the cache has nothing new to write.
      if (file === null || TABLES.every((name) => tables[name].isUnchanged())) return;
      try {
        writeTables(file, code, tables);
      } catch (error) {
        log(`read cache: cannot write ${file} (${(error as Error).message}); the snapshot is written all the same`);
      }
    },
  };
  return cache;
}

function emptyTables(): Tables {
  return { kepYaml: [], prr: [], readiness: [] };
}

function loadTables(file: string, code: string, log: (line: string) => void): Tables {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    // No file yet is the normal first run; anything else is worth a line.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT")
      log(`read cache: cannot read ${file} (${(error as Error).message}); reading everything afresh`);
    return emptyTables();
  }
  const newline = text.indexOf("\n");
  let header: Partial<Header> = {};
  try {
    const parsed: unknown = JSON.parse(newline < 0 ? text : text.slice(0, newline));
    if (typeof parsed === "object" && parsed !== null) header = parsed as Partial<Header>;
  } catch {
    // Reported below as corrupt.
  }
  // Written by other code (the readers or the cache's layout changed): expected after an edit, so silent.
  if (typeof header.format === "number" && header.format !== FORMAT) return emptyTables();
  if (header.format === FORMAT && typeof header.code === "string" && header.code !== code) return emptyTables();
  const payload = newline < 0 ? "" : text.slice(newline + 1);
  if (header.format !== FORMAT || typeof header.digest !== "string" || header.digest !== digestOf(payload)) {
    log(`read cache: ${file} is corrupt; ignoring it and reading everything afresh`);
    return emptyTables();
  }
  try {
    const tables = JSON.parse(payload) as unknown;
    if (isTables(tables)) return tables;
  } catch {
    // Reported below.
  }
  log(`read cache: ${file} does not hold the expected tables; ignoring it and reading everything afresh`);
  return emptyTables();
}

function isTables(value: unknown): value is Tables {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return TABLES.every((name) => {
    const rows = record[name];
    return (
      Array.isArray(rows) &&
      rows.every(
        (row) => Array.isArray(row) && row.length === 2 && typeof row[0] === "string" && typeof row[1] === "string",
      )
    );
  });
}

function writeTables(file: string, code: string, tables: Record<(typeof TABLES)[number], CacheTable<unknown>>): void {
  const out = emptyTables();
  // Round robin over the tables, so a cap keeps the most recently used entries of each.
  const iterators = TABLES.map((name) => ({ name, rows: tables[name].entries()[Symbol.iterator]() }));
  let count = 0;
  let chars = 0;
  while (iterators.length > 0) {
    for (const [index, { name, rows }] of [...iterators.entries()].reverse()) {
      const next = rows.next();
      if (next.done) {
        iterators.splice(index, 1);
        continue;
      }
      count++;
      chars += next.value[0].length + next.value[1].length;
      if (count > MAX_ENTRIES || chars > MAX_CHARS) {
        iterators.length = 0;
        break;
      }
      out[name].push(next.value);
    }
  }
  const payload = JSON.stringify(out);
  const header: Header = { format: FORMAT, code, digest: digestOf(payload) };
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temporary, `${JSON.stringify(header)}\n${payload}`);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}

function digestOf(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

let memoCode: string | null = null;

/**
 * The code version: a hash of the readers' source and of every module they import, with the
 * installed version of the packages they use.
 */
export function codeVersion(roots: readonly string[] = CODE_ROOTS, root = ROOT): string {
  const memo = roots === CODE_ROOTS && root === ROOT;
  if (memo && memoCode !== null) return memoCode;
  const hash = createHash("sha256").update(`format ${FORMAT}\n`);
  for (const file of listCodeFiles(roots, root))
    hash.update(`${file}\n${readFileSync(path.join(root, file), "utf8")}\n`);
  for (const name of PACKAGES) hash.update(`${name}@${packageVersion(name)}\n`);
  const code = hash.digest("hex").slice(0, 32);
  if (memo) memoCode = code;
  return code;
}

/** The modules a code version covers: the roots and every module they import (relative imports, followed). */
export function listCodeFiles(roots: readonly string[] = CODE_ROOTS, root = ROOT): string[] {
  const seen = new Set<string>();
  const queue = roots.map((file) => path.join(root, file));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:from\s*|import\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g))
      queue.push(path.resolve(path.dirname(file), match[1]!));
  }
  return [...seen].map((file) => path.relative(root, file));
}

function packageVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8"));
    return String((manifest as { version?: unknown }).version);
  } catch {
    return "unknown";
  }
}

/** Whether JSON.parse(JSON.stringify(value)) gives the value back exactly (plain data, finite numbers, no undefined). */
export function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainJson(value[i])) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key) || !isPlainJson((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
