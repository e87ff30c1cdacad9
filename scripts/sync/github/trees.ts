/**
 * Repository trees at the newest commit of a branch, kept unpacked in the cache. A conditional
 * branch request (free when answered 304) says whether anything was pushed; only then is the
 * tree downloaded again, as one tarball, into a staging folder that replaces the cached tree
 * only when the whole run is validated (GithubCache.commit).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { GithubCache } from "./cache.ts";
import type { GithubClient } from "./client.ts";
import { fetchTarball } from "./tarball.ts";

/** A tree in the cache. */
export interface RepoTree {
  repo: string;
  commit: string;
  /** Commit date, UTC. */
  date: string;
  /** Folder holding the unpacked files (a staging folder until the run is committed). */
  dir: string;
  /** True when this run downloaded it. */
  downloaded: boolean;
}

const BranchSchema = z.looseObject({
  commit: z.looseObject({
    sha: z.string().regex(/^[0-9a-f]{40}$/),
    commit: z.looseObject({
      committer: z.looseObject({ date: z.string() }).nullable(),
      author: z.looseObject({ date: z.string() }).nullable(),
    }),
  }),
});

const MARKER = ".kep-radar-commit";

function readMarker(dir: string): string | null {
  const file = path.join(dir, MARKER);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

/** Brings the cached tree of `repo`'s `branch` up to date; `accept` picks the paths kept. */
export async function syncRepoTree(
  client: GithubClient,
  cache: GithubCache,
  repo: string,
  branch: string,
  accept: (file: string) => boolean,
  progress: (line: string, transient?: boolean) => void,
): Promise<RepoTree> {
  const dir = cache.treeDir(repo);
  const known = cache.state.repos[repo];
  const intact = known !== undefined && readMarker(dir) === known.commit;
  const answer = await client.getJson(
    `/repos/${repo}/branches/${branch}`,
    {},
    intact ? known.etag : null,
    BranchSchema,
  );
  if (answer.notModified) {
    if (!known) throw new Error(`GET /repos/${repo}/branches/${branch}: 304 without a cached answer`);
    progress(`${repo}: ${branch} unchanged at ${known.commit.slice(0, 7)} (304, free)`);
    return { repo, commit: known.commit, date: known.date, dir, downloaded: false };
  }
  const commit = answer.data.commit.sha;
  const signature = answer.data.commit.commit.committer ?? answer.data.commit.commit.author;
  const date = new Date(signature?.date ?? 0).toISOString().replace(/\.\d{3}Z$/, "Z");
  if (intact && known.commit === commit) {
    cache.state.repos[repo] = { etag: answer.etag, commit, date };
    return { repo, commit, date, dir, downloaded: false };
  }
  progress(`${repo}: downloading ${branch} at ${commit.slice(0, 7)} (one tarball)`, true);
  const files = await fetchTarball(client, repo, commit, accept);
  const staging = cache.stagingDir(repo);
  rmSync(staging, { recursive: true, force: true });
  for (const [name, data] of files) {
    const target = path.join(staging, name);
    // A hostile archive must not write outside the cache.
    if (!target.startsWith(staging + path.sep)) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  mkdirSync(staging, { recursive: true });
  writeFileSync(path.join(staging, MARKER), `${commit}\n`);
  cache.state.repos[repo] = { etag: answer.etag, commit, date };
  cache.onCommit(() => {
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  });
  progress(`${repo}: ${files.size} files at ${commit.slice(0, 7)}`);
  return { repo, commit, date, dir: staging, downloaded: true };
}

/** Text files below a tree folder, by repository path (forward slashes). */
export function readTreeFiles(dir: string, under: string): Map<string, string> {
  const files = new Map<string, string>();
  const root = path.join(dir, under);
  if (!existsSync(root)) return files;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join("/"), readFileSync(full, "utf8"));
  }
  return new Map([...files].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
