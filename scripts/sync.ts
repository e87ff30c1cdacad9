/**
 * `npm run sync`: reads the upstream sources, validates the result and writes the
 * snapshot in content/. Any fatal problem exits non-zero and leaves the previous
 * snapshot exactly as it was.
 */
// Only Node built-ins and the git reader load up front: a local sync starts git cloning the
// bundle first, and the heavier modules (zod, the parsers, octokit) load while git works.
import { existsSync, readFileSync } from "node:fs";
import { enableCompileCache } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import type { CuratedReleases } from "../src/lib/schema.ts";
import { openEnhancementsRepo } from "./sync/git-history.ts";
import type { Snapshot, WriteSummary } from "./sync/snapshot.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
// V8's compiled code is reused across runs from the gitignored .cache/ (startup is a good part of a sync).
enableCompileCache(path.join(ROOT, ".cache", "node-compile"));
const SHARED_UPSTREAM = path.resolve(ROOT, "../shared/upstream");

const HELP = `Usage: npm run sync -- [options]

Reads Kubernetes KEP and release data and writes the snapshot the site is built from.

Sources (local clones; the defaults point at ../shared/upstream when it exists):
  --enhancements <path>   a git clone of kubernetes/enhancements, or a git bundle of it
  --sig-release <path>    a folder laid out like kubernetes/sig-release
  --from <major.minor>    oldest release to include (default 1.19)

GitHub (the live source; token from GITHUB_TOKEN):
  --github                read issues, timelines, kep.yaml (one tarball), sig-release and the
                          release board from GitHub; --enhancements adds full kep.yaml history
                          from a clone, --sig-release uses a local folder instead of the tarball
  --api-url <url>         GitHub API root (default https://api.github.com; Enterprise:
                          https://<host>/api/v3)
  --cache-dir <dir>       ETags, cursors and downloaded trees (default .cache/github)

Read cache (what earlier local syncs read, by blob id, so a re-sync reads only what changed):
  --read-cache <dir>      where it is kept (default .cache/sync)
  --no-read-cache         neither read nor write it: read and parse everything

Output:
  --out <dir>             content folder to write the snapshot into (default: content)
  --allow-shrink          accept new data with far fewer KEPs or releases than the previous
                          snapshot (more than 20 KEPs or 10% of them, or more than 2 releases);
                          without it such a sync fails as a broken or partial upstream
  --quiet                 print only the summary and errors
  -h, --help              show this help

Exit status: 0 when the snapshot was written (warnings are not errors), 1 when the sync
failed (the previous snapshot is left exactly as it was), 2 for a usage error.
`;

interface Options {
  /** Always set for a local sync; optional with --github. */
  enhancements: string | undefined;
  sigRelease: string | undefined;
  out: string;
  from: string;
  quiet: boolean;
  allowShrink: boolean;
  github: { apiUrl: string; cacheDir: string } | null;
  /** Folder of the read cache, or null for none. */
  readCache: string | null;
}

function readOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      enhancements: { type: "string" },
      "sig-release": { type: "string" },
      out: { type: "string" },
      from: { type: "string" },
      quiet: { type: "boolean", default: false },
      "allow-shrink": { type: "boolean", default: false },
      github: { type: "boolean", default: false },
      "api-url": { type: "string" },
      "cache-dir": { type: "string" },
      "read-cache": { type: "string" },
      "no-read-cache": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const github = values.github;
  if (!github && (values["api-url"] || values["cache-dir"]))
    throw new UsageError("--api-url and --cache-dir need --github");
  // With --github, local sources are used only when given.
  const enhancements =
    values.enhancements ?? (github ? undefined : defaultSource("kubernetes-enhancements.bundle", "--enhancements"));
  const sigRelease =
    values["sig-release"] ?? (github ? undefined : defaultSource("kubernetes-sig-release", "--sig-release"));
  if (values["no-read-cache"] && values["read-cache"] !== undefined)
    throw new UsageError("--read-cache and --no-read-cache exclude each other");
  const from = values.from ?? "1.19";
  if (!/^\d+\.\d+$/.test(from)) throw new UsageError(`--from expects <major>.<minor>, got "${from}"`);
  return {
    enhancements,
    sigRelease,
    out: path.resolve(values.out ?? path.join(ROOT, "content")),
    from,
    quiet: values.quiet,
    allowShrink: values["allow-shrink"],
    github: github
      ? {
          apiUrl: values["api-url"] ?? "https://api.github.com",
          cacheDir: path.resolve(values["cache-dir"] ?? path.join(ROOT, ".cache", "github")),
        }
      : null,
    readCache: values["no-read-cache"] ? null : path.resolve(values["read-cache"] ?? path.join(ROOT, ".cache", "sync")),
  };
}

class UsageError extends Error {}

const SHRINK_HINT =
  "Nothing was written. If the drop is real (KEPs or releases really were removed upstream), run again with --allow-shrink.";

/** The previous snapshot, or null when there is none or it does not validate (a first sync has nothing to compare). */
async function readPreviousSnapshot(out: string): Promise<Snapshot | null> {
  if (!existsSync(path.join(out, "snapshot", "meta.json"))) return null;
  const { readSnapshot } = await import("../src/data/snapshot.ts");
  try {
    return readSnapshot(out);
  } catch {
    return null;
  }
}

function defaultSource(name: string, flag: string): string {
  const candidate = path.join(SHARED_UPSTREAM, name);
  if (existsSync(candidate)) return candidate;
  throw new UsageError(`${flag} is required (no default: ${candidate} does not exist)`);
}

function summarise(
  snapshot: Snapshot,
  written: WriteSummary,
  out: string,
  seconds: number,
  cache: string | null,
): string {
  const snapshotFolder = path.join(out, "snapshot");
  const byKind = new Map<string, number>();
  for (const warning of snapshot.warnings) byKind.set(warning.kind, (byKind.get(warning.kind) ?? 0) + 1);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const releases = snapshot.releases.map((r) => r.version);
  const lines = [
    `Snapshot written to ${path.relative(process.cwd(), snapshotFolder) || "."} in ${seconds.toFixed(2)} s`,
    `  KEPs:       ${snapshot.keps.length}`,
    `  versions:   ${snapshot.sources.enhancements.versions} kep.yaml and PRR file versions read`,
    `  releases:   ${releases.length} (${releases[0] ?? "-"} to ${releases.at(-1) ?? "-"})`,
    `  files:      ${written.added.length} added, ${written.updated.length} updated, ${written.removed.length} removed`,
    ...(cache === null ? [] : [`  cache:      ${cache}`]),
    `  warnings:   ${snapshot.warnings.length} in ${kinds.length} kinds`,
    ...kinds.map(([kind, count]) => `    ${String(count).padStart(5)}  ${kind}`),
  ];
  return lines.join("\n");
}

/** Hand-kept overrides beside the snapshot; a broken file is fatal (it is ours to fix). */
async function readCurated(out: string): Promise<CuratedReleases> {
  const file = path.join(out, "curated", "releases.json");
  if (!existsSync(file)) return {};
  const [{ validate }, { CuratedReleasesSchema }] = await Promise.all([
    import("../src/data/snapshot.ts"),
    import("../src/lib/schema.ts"),
  ]);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  return validate(CuratedReleasesSchema, data, file);
}

async function main(): Promise<number> {
  let options: Options | null;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`sync: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (!options) {
    process.stdout.write(HELP);
    return 0;
  }
  const started = performance.now();
  // Start cloning a bundle now; the parsers load meanwhile.
  const opening = !options.github && options.enhancements ? openEnhancementsRepo(options.enhancements) : undefined;
  opening?.catch(() => {});
  // The second thread loads its readers while git clones too (it helps only with a clone's work).
  const helper = options.enhancements ? (await import("./sync/helper.ts")).startHelper() : undefined;
  const [
    { createProgress },
    { GithubSyncError },
    { keepGithubFactsOffline, runGithubSync },
    local,
    snapshotModule,
    { openReadCache },
  ] = await Promise.all([
    import("./sync/github/progress.ts"),
    import("./sync/github/client.ts"),
    import("./sync/github/sync.ts"),
    import("./sync/local.ts"),
    import("./sync/snapshot.ts"),
    import("./sync/read-cache.ts"),
  ]);
  const { renderSnapshot, snapshotDir, writeSnapshot } = snapshotModule;
  const quiet = options.quiet;
  const progress = (step: string) => {
    if (!quiet) console.error(`[${((performance.now() - started) / 1000).toFixed(2)}s] ${step}`);
  };
  const live = createProgress(process.stderr, { quiet, started });
  // Only a clone is read blob by blob; a GitHub sync without one has nothing to cache.
  const cache = options.enhancements
    ? openReadCache(options.readCache, (line) => console.error(line))
    : openReadCache(null, () => {});
  try {
    let snapshot: Snapshot;
    let report: string[] = [];
    // The GitHub sync validates its snapshot before it commits its cache: reuse that rendering.
    let rendered: Map<string, string> | null = null;
    if (options.github) {
      const github = await runGithubSync(
        {
          token: process.env.GITHUB_TOKEN,
          ...options.github,
          allowShrink: options.allowShrink,
          contentDir: options.out,
          enhancements: options.enhancements,
          readClone: (sources, report) => local.buildLocalSnapshot({ ...sources, cache, helper }, report),
          sigRelease: options.sigRelease,
          fromRelease: options.from,
          curated: await readCurated(options.out),
        },
        live,
      );
      snapshot = github.snapshot;
      report = github.report;
      rendered = github.files;
    } else {
      const built = await local.buildLocalSnapshot(
        {
          // readOptions sets both for a local sync.
          enhancements: options.enhancements!,
          sigRelease: options.sigRelease!,
          fromRelease: options.from,
          curated: await readCurated(options.out),
          cache,
          helper,
          // The readiness step reads the same clone afterwards: it closes it, not the local sync.
          ...(opening ? { repo: opening.then((repo) => ({ ...repo, close: () => undefined })) } : {}),
        },
        progress,
      );
      snapshot = keepGithubFactsOffline(built, options.out, progress);
      if (!options.allowShrink) {
        // A sound upstream never loses a tenth of its KEPs at once: refuse a broken or partial source.
        const { checkShrink } = await import("./sync/plausibility.ts");
        const shrink = checkShrink(await readPreviousSnapshot(options.out), snapshot, { from: options.from });
        if (shrink) throw new GithubSyncError(shrink, SHRINK_HINT);
      }
    }
    progress("validating");
    const files = rendered ?? renderSnapshot(snapshot);
    progress("checking freeze readiness");
    const { syncReadiness } = await import("./sync/readiness.ts");
    const readiness = opening ?? (options.enhancements ? openEnhancementsRepo(options.enhancements) : null);
    for (const [name, text] of await syncReadiness(readiness, snapshot, options.out, cache, helper))
      files.set(name, text);
    void helper?.close();
    progress(`writing ${files.size} files`);
    const written = await writeSnapshot(options.out, files);
    cache.save();
    live.end();
    const seconds = (performance.now() - started) / 1000;
    const cacheNote = options.enhancements && options.readCache ? cache.describe() : null;
    console.log([summarise(snapshot, written, options.out, seconds, cacheNote), ...report].join("\n"));
    return 0;
  } catch (error) {
    live.end();
    void helper?.close();
    // A failure before the readiness step leaves the bundle's temporary clone open: remove it.
    opening?.then((repo) => repo.close()).catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    console.error(`sync failed: ${message}`);
    console.error(`The snapshot in ${snapshotDir(options.out)} was left as it was.`);
    if (error instanceof GithubSyncError) console.error(error.hint);
    return 1;
  }
}

process.exitCode = await main();
