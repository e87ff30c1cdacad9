/**
 * `npm run sync -- --github`: the whole GitHub sync, from the cache to a merged snapshot in
 * memory. Order: the two branch probes and tarballs (kep.yaml tree, sig-release releases/),
 * the plausibility check against the previous snapshot, the issues (full read or change probe),
 * the current release's board, then the merge and its validation. Only then is the cache
 * committed (trees moved into place, the read marked complete); the caller writes content/.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { readSnapshot } from "../../../src/data/snapshot.ts";
import { buildCalendar } from "../../../src/lib/calendar.ts";
import { compareText } from "../../../src/lib/order.ts";
import type { CuratedReleases, Sources } from "../../../src/lib/schema.ts";
import { knownSigsFromPaths, settleSigNames } from "../../../src/lib/sig-names.ts";
import { toRelease } from "../assemble.ts";
import { checkShrink } from "../plausibility.ts";
import { readSigRelease } from "../sig-release.ts";
import { renderSnapshot, type Snapshot, snapshotDir } from "../snapshot.ts";
import { type Board, readBoard } from "./board.ts";
import { type GithubCache, openCache } from "./cache.ts";
import { createGithubClient, type GithubClient, GithubSyncError, validateToken } from "./client.ts";
import { readIssues } from "./issues.ts";
import { assembleKeps, changedFiles, collectWarnings, isKepMetadata, lookupMergeCommits, parseHead } from "./keps.ts";
import { boardsOfSnapshot, keepGithubFacts, mergeGithub } from "./merge.ts";
import type { Progress } from "./progress.ts";
import { type RepoTree, readTreeFiles, syncRepoTree } from "./trees.ts";

/** Where KEP metadata and the tracking issues live. */
export const ENHANCEMENTS_REPO = "kubernetes/enhancements";
/** Where release schedules, rosters, exceptions and logos live. */
export const SIG_RELEASE_REPO = "kubernetes/sig-release";
const ORG = "kubernetes";
const BRANCH = "master";

/** What `--github` needs. */
export interface GithubSyncOptions {
  /** From GITHUB_TOKEN; never printed or stored. */
  token: string | undefined;
  apiUrl: string;
  cacheDir: string;
  /** The content folder whose snapshot gives the kep.yaml history and is replaced afterwards. */
  contentDir: string;
  /** A local clone of kubernetes/enhancements: full history instead of the tarball. */
  enhancements?: string | undefined;
  /**
   * Reads a local clone (the local sync's builder, passed in by the command so the two syncs
   * do not import each other); needed with `enhancements`.
   */
  readClone?: ReadClone | undefined;
  /** A local sig-release folder instead of the tarball. */
  sigRelease?: string | undefined;
  fromRelease: string;
  curated: CuratedReleases;
  /** Milliseconds per second of back-off (tests: 1). */
  retryUnitMs?: number;
  /** Accept a large drop in KEPs or releases from the previous snapshot (`--allow-shrink`). */
  allowShrink?: boolean | undefined;
}

/** Builds a snapshot from a local enhancements clone and a sig-release folder. */
export type ReadClone = (
  sources: { enhancements: string; sigRelease: string; fromRelease: string; curated: CuratedReleases },
  progress: (step: string) => void,
) => Promise<Snapshot>;

/** A finished read: the validated snapshot to write, and what it cost. */
export interface GithubSyncResult {
  snapshot: Snapshot;
  /** The snapshot's files, validated (renderSnapshot's output: the caller need not render again). */
  files: Map<string, string>;
  /** Summary lines: requests, points, issues, where the logos are. */
  report: string[];
  client: GithubClient;
}

/** The message for a missing token: what the public API allows, and the offline alternative. */
export function noTokenError(): GithubSyncError {
  return new GithubSyncError(
    "GITHUB_TOKEN is not set. The GitHub sync reads issue timelines over GraphQL, which GitHub answers only with a token; without one the REST API allows 60 requests an hour, far too few for about 2,000 issues.",
    "Set GITHUB_TOKEN to a token that can read public repositories (a classic token with no scopes, or a fine-grained one; add read:project to read the release board), or sync from local clones instead: npm run sync -- --enhancements <clone> --sig-release <folder>.",
  );
}

/** KEP_RADAR_GITHUB_RETRY_UNIT_MS shortens every back-off (tests run with 1: a "60 s" wait takes 60 ms). */
function retryUnitFromEnvironment(): number | undefined {
  const text = process.env.KEP_RADAR_GITHUB_RETRY_UNIT_MS;
  if (text === undefined || text === "") return undefined;
  const unit = Number(text);
  return Number.isFinite(unit) && unit >= 0 ? unit : undefined;
}

/**
 * The offline half of the contract: a sync from local clones keeps what the last GitHub sync
 * learned (issue facts, tracking, boards) instead of dropping it. A snapshot that never met
 * GitHub is returned as built, without reading the previous one in full.
 */
export function keepGithubFactsOffline(base: Snapshot, contentDir: string, progress: (line: string) => void): Snapshot {
  const meta = path.join(snapshotDir(contentDir), "meta.json");
  try {
    if (!existsSync(meta) || !(JSON.parse(readFileSync(meta, "utf8")) as { github?: unknown }).github) return base;
  } catch {
    return base;
  }
  let previous: Snapshot;
  try {
    previous = readSnapshot(contentDir);
  } catch (error) {
    progress(`previous snapshot unreadable (${(error as Error).message}); its GitHub facts are not kept`);
    return base;
  }
  progress(`keeping GitHub facts of ${previous.keps.filter((k) => k.github).length} KEPs from the previous snapshot`);
  return keepGithubFacts(base, previous);
}

/** Reads the previous snapshot, or null when there is none or it does not validate (history then starts at HEAD). */
function readPrevious(contentDir: string, progress: Progress): Snapshot | null {
  if (!existsSync(path.join(snapshotDir(contentDir), "meta.json"))) return null;
  try {
    return readSnapshot(contentDir);
  } catch (error) {
    progress(`previous snapshot unreadable (${(error as Error).message}); kep.yaml history starts at HEAD`);
    return null;
  }
}

/** Runs the GitHub sync; throws GithubSyncError (or a source error) on failure, having written only the cache. */
export async function runGithubSync(options: GithubSyncOptions, progress: Progress): Promise<GithubSyncResult> {
  const token = options.token?.trim();
  if (!token) throw noTokenError();
  const invalid = validateToken(token);
  if (invalid) throw invalid;
  const retryUnitMs = options.retryUnitMs ?? retryUnitFromEnvironment();
  const client = createGithubClient({
    token,
    apiUrl: options.apiUrl,
    ...(retryUnitMs === undefined ? {} : { retryUnitMs }),
    log: (line) => progress(line),
  });
  progress.setStatus(() => {
    const { requests, restPoints, graphqlPoints } = client.stats;
    return `${requests} requests, ${restPoints + graphqlPoints} points`;
  });
  const cache = openCache(options.cacheDir, options.apiUrl, (line) => progress(line));
  const previous = readPrevious(options.contentDir, progress);
  const failed = (error: unknown): never => {
    cache.discard();
    throw withProgress(error, cache);
  };

  try {
    let sigTree: RepoTree | null = null;
    let sigDir = options.sigRelease;
    if (sigDir === undefined) {
      sigTree = await syncRepoTree(client, cache, SIG_RELEASE_REPO, BRANCH, (f) => f.startsWith("releases/"), progress);
      sigDir = sigTree.dir;
    }
    const base = options.enhancements
      ? await buildFromClone(options, sigDir, sigTree, progress)
      : await buildFromTarball(client, cache, options, sigDir, sigTree, previous, progress);
    // Before any issue is read: a shrunken archive must not be accepted, nor cost the rate limit.
    const shrink = options.allowShrink ? null : checkShrink(previous, base, { from: options.fromRelease });
    if (shrink) {
      throw new GithubSyncError(
        shrink,
        "Nothing was written and the cache still holds the last good trees. If the drop is real (KEPs or releases really were removed upstream), run again with --allow-shrink.",
      );
    }

    const store = { records: cache.issues, state: cache.state.issues, save: () => cache.save() };
    const issues = await readIssues(client, ENHANCEMENTS_REPO, store, progress);
    const boards = await readBoards(client, cache, base, previous, issues.changed, progress);

    progress("merging GitHub facts into the snapshot");
    const snapshot = mergeGithub(base, { repository: ENHANCEMENTS_REPO, issues: store.records, boards });
    // Validated before the cache is committed: a snapshot that cannot be written marks nothing good.
    const files = renderSnapshot(snapshot);
    cache.commit();
    const stats = client.stats;
    const remaining = Object.entries(stats.remaining)
      .sort((a, b) => compareText(a[0], b[0]))
      .map(([resource, left]) => `${resource} ${left}`)
      .join(", ");
    const report = [
      `  GitHub:     ${stats.requests} requests (${stats.notModified} answered 304, free), ${
        stats.restPoints + stats.graphqlPoints
      } rate-limit points (REST ${stats.restPoints}, GraphQL ${stats.graphqlPoints})${remaining ? `; left: ${remaining}` : ""}`,
      `  issues:     ${store.records.size} read; ${issues.pages} pages fetched, ${issues.reread} re-read${
        issues.changed ? "" : ", nothing changed"
      }`,
    ];
    if (sigTree) {
      const logos = cache.treeDir(SIG_RELEASE_REPO);
      report.push(`  logos:      KEP_RADAR_SIG_RELEASE=${path.relative(process.cwd(), logos) || "."}`);
    }
    return { snapshot, files, report, client };
  } catch (error) {
    return failed(error);
  }
}

/** Adds how far the cached work got, so "run it again" is concrete. */
function withProgress(error: unknown, cache: GithubCache): unknown {
  if (!(error instanceof GithubSyncError)) return error;
  const state = cache.state.issues;
  if (state.complete || state.pages === 0) return error;
  return new GithubSyncError(
    error.message,
    `${error.hint} (${state.pages} issue pages, ${cache.issues.size} issues, are cached in ${cache.dir}.)`,
  );
}

/** kep.yaml history from a local clone; only issues and the board come from GitHub. */
async function buildFromClone(
  options: GithubSyncOptions,
  sigDir: string,
  sigTree: RepoTree | null,
  progress: Progress,
): Promise<Snapshot> {
  if (!options.readClone) throw new Error("a GitHub sync from a local clone needs the clone reader (readClone)");
  const base = await options.readClone(
    {
      enhancements: options.enhancements ?? "",
      sigRelease: sigDir,
      fromRelease: options.fromRelease,
      curated: options.curated,
    },
    (step) => progress(step),
  );
  return { ...base, sources: { ...base.sources, sigRelease: { commit: sigTree?.commit ?? null } } };
}

/** kep.yaml at HEAD from one tarball, history from the previous snapshot. */
async function buildFromTarball(
  client: GithubClient,
  cache: GithubCache,
  options: GithubSyncOptions,
  sigDir: string,
  sigTree: RepoTree | null,
  previous: Snapshot | null,
  progress: Progress,
): Promise<Snapshot> {
  const tree = await syncRepoTree(client, cache, ENHANCEMENTS_REPO, BRANCH, isKepMetadata, progress);
  const head = parseHead(readTreeFiles(tree.dir, "keps"), previous);
  const sig = readSigRelease(sigDir, { from: options.fromRelease });
  const asOf = tree.date.slice(0, 10);
  const calendar = buildCalendar(sig.releases, asOf);
  const changed = changedFiles(head, previous);
  let commits = new Map<string, { commit: string; date: string }>();
  if (previous === null) {
    progress(
      "no previous snapshot: kep.yaml history starts at HEAD (sync once with --enhancements <clone> for all of it)",
    );
  } else if (changed.length > 0) {
    progress(
      `${changed.length} kep.yaml changed since the previous snapshot; finding the merges that changed them`,
      true,
    );
    commits = await lookupMergeCommits(client, ENHANCEMENTS_REPO, tree.commit, changed);
  }
  const assembled = assembleKeps(head, tree, previous, commits, calendar);
  const { appended } = assembled;
  const sigs = settleSigNames(assembled.keps, knownSigsFromPaths(assembled.keps.map((kep) => kep.path)));
  const keps = sigs.keps;
  const releases = sig.releases.map((source) => toRelease(source, keps, calendar, options.curated));
  const sources: Sources = {
    enhancements: {
      commit: tree.commit,
      date: tree.date,
      versions: (previous?.sources.enhancements.versions ?? 0) + appended,
    },
    sigRelease: { commit: sigTree?.commit ?? null },
    asOf,
  };
  return {
    sources,
    keps,
    releases,
    warnings: collectWarnings(head, previous, keps, [...sig.warnings, ...sigs.warnings]),
  };
}

/** The board of the release under way (read when issues moved or it is not cached), plus older boards. */
async function readBoards(
  client: GithubClient,
  cache: GithubCache,
  base: Snapshot,
  previous: Snapshot | null,
  issuesChanged: boolean,
  progress: Progress,
): Promise<Board[]> {
  const boards = new Map<string, Board>();
  for (const board of previous ? boardsOfSnapshot(previous) : []) boards.set(board.release, board);
  for (const board of cache.state.boards) boards.set(board.release, board);
  const current = base.releases.find((r) => r.state === "in-progress")?.version;
  // Board edits come with label and milestone changes; an unchanged repository keeps the cached board (no points).
  if (current && (issuesChanged || !cache.state.boards.some((b) => b.release === current))) {
    const read = await readBoard(client, ORG, ENHANCEMENTS_REPO, current);
    if ("skipped" in read) {
      progress(`board for ${current} not read: ${read.skipped}`);
    } else {
      progress(`board for ${current}: ${read.items.length} items on project #${read.number}`);
      boards.set(current, read);
      cache.state.boards = [...cache.state.boards.filter((b) => b.release !== current), read].sort((a, b) =>
        compareText(a.release, b.release),
      );
      cache.save();
    }
  }
  return [...boards.values()].sort((a, b) => compareText(a.release, b.release));
}
