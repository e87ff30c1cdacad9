/**
 * Reads every version of every file under keps/ from a kubernetes/enhancements clone
 * (or git bundle) in two git processes: one first-parent `git log --raw` pass and one
 * `git cat-file --batch` (of the blobs the read cache cannot answer). Per-file
 * `git log --follow` is both slow and wrong here: new KEPs are made by copying another
 * kep.yaml, so --follow wanders into other KEPs.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** A repository the sync can run git against, and how to let go of it. */
export interface GitRepo {
  /** Directory to pass to `git -C` (a work tree or a bare repository). */
  dir: string;
  /** The branch read: master when it exists, otherwise HEAD. */
  ref: string;
  /**
   * Removes the temporary clone made for a bundle, in the background (the sync writes meanwhile;
   * the process waits for it before exiting): the promise settles when it is gone. A no-op for a
   * user's clone.
   */
  close(): Promise<void> | undefined;
}

/** One version of one file: the blob a first-parent commit on master left at a path. */
export interface FileVersion {
  commit: string;
  /** Commit date of the merge to master, ISO 8601 UTC. */
  date: string;
  path: string;
  blob: string;
}

/** A file followed through renames: every version, oldest first. */
export interface Lineage {
  versions: FileVersion[];
  /** Path at the end of history (the last path it had, when deleted). */
  path: string;
  /** True when the file no longer exists at the newest commit. */
  deleted: boolean;
  /** The first-parent commit that deleted it, when it is deleted. */
  deletedIn?: { commit: string; date: string };
}

/** What one history pass gives. */
export interface History {
  head: { commit: string; date: string };
  lineages: Lineage[];
}

/** Error raised when git cannot read the source: the sync stops and the snapshot stays as it was. */
export class GitSourceError extends Error {
  override name = "GitSourceError";
}

/** Runs git and returns stdout; throws GitSourceError with git's own message on failure. */
export function runGit(dir: string, args: string[], input?: string): Buffer {
  const result = spawnSync("git", ["-C", dir, ...args], {
    input,
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
  });
  if (result.error) throw new GitSourceError(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) {
    const message = result.stderr.toString().trim().split("\n").slice(-3).join("; ");
    throw new GitSourceError(`git ${args[0]} failed in ${dir}: ${message || `exit ${result.status}`}`);
  }
  return result.stdout;
}

/**
 * Opens a clone in place, or a bundle by cloning it bare into a temporary folder.
 * Asynchronous so the caller can read other sources while git clones.
 */
export async function openEnhancementsRepo(source: string): Promise<GitRepo> {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(source);
  } catch {
    throw new GitSourceError(`--enhancements: ${source} does not exist`);
  }
  if (stats.isFile()) return cloneBundle(source);
  try {
    runGit(source, ["rev-parse", "--git-dir"]);
  } catch {
    throw new GitSourceError(`--enhancements: ${source} is not a git clone or a git bundle`);
  }
  return { dir: source, ref: pickRef(source), close: () => undefined };
}

async function cloneBundle(bundle: string): Promise<GitRepo> {
  const dir = mkdtempSync(path.join(tmpdir(), "kep-radar-enh-"));
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= rm(dir, { recursive: true, force: true }).catch(() => {});
    return closing;
  };
  const stderr = await new Promise<string | null>((resolve) => {
    const child = spawn("git", ["clone", "--quiet", "--bare", path.resolve(bundle), dir], {
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let text = "";
    child.stderr.on("data", (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on("error", (error) => resolve(error.message));
    child.on("close", (code) => resolve(code === 0 ? null : text || `exit ${code}`));
  });
  if (stderr !== null) {
    await close();
    const message = stderr.trim().split("\n").slice(-2).join("; ");
    throw new GitSourceError(`--enhancements: cannot read bundle ${bundle}: ${message}`);
  }
  return { dir, ref: pickRef(dir), close };
}

function pickRef(dir: string): string {
  for (const ref of ["refs/heads/master", "refs/remotes/origin/master"]) {
    const probe = spawnSync("git", ["-C", dir, "rev-parse", "--verify", "--quiet", ref]);
    if (probe.status === 0) return ref;
  }
  return "HEAD";
}

/** Git's file mode of a submodule entry (a gitlink): a commit id, not a file. */
const GITLINK_MODE = "160000";

/**
 * Parses `git log -z --raw` output (format `%x01%H %ct`) into commits with their changes,
 * newest first. With -z every path comes NUL-terminated and unquoted, so a folder named with
 * é, a tab or a quote reads as it is. A gitlink (submodule entry) at a metadata path is no
 * file: its addition is left out and its replacing a file reads as a deletion.
 */
export function parseRawLog(text: string): RawCommit[] {
  const commits: RawCommit[] = [];
  const tokens = text.split("\0");
  let current: RawCommit | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? "").replace(/^\n+/, "");
    if (token.startsWith("\u0001")) {
      const [sha, seconds] = token.slice(1).trim().split(" ");
      current = sha && seconds ? { sha, date: toInstant(seconds), changes: [] } : null;
      if (current) commits.push(current);
      continue;
    }
    if (!token.startsWith(":") || !current) continue;
    const fields = token.slice(1).split(" ");
    const [, newMode = "", , blob = "", statusField = ""] = fields;
    const status = statusField.charAt(0);
    const from = tokens[++i] ?? "";
    const to = status === "R" || status === "C" ? (tokens[++i] ?? from) : from;
    if (newMode === GITLINK_MODE) {
      // A file turned into a submodule entry is gone as a file; a new submodule entry is ignored.
      if (fields[0] !== GITLINK_MODE && fields[0] !== "000000")
        current.changes.push({ status: "D", blob: "", from, to: from });
      continue;
    }
    current.changes.push({ status, blob, from, to });
  }
  return commits;
}

/** Unix seconds -> ISO 8601 UTC without fractions ("2023-10-06T01:00:00Z"), the snapshot's one instant format. */
export function toInstant(seconds: string | number): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** One commit of the raw log. */
export interface RawCommit {
  sha: string;
  date: string;
  changes: RawChange[];
}

/** One file change of the raw log: A, M, D, R (renamed, `from` -> `to`) or T. */
export interface RawChange {
  status: string;
  blob: string;
  from: string;
  to: string;
}

/** Replays commits oldest first, following renames, into one lineage per file. */
export function replayLineages(commitsNewestFirst: RawCommit[]): Lineage[] {
  const live = new Map<string, Lineage>();
  const all: Lineage[] = [];
  for (let i = commitsNewestFirst.length - 1; i >= 0; i--) {
    const commit = commitsNewestFirst[i]!;
    // Deletions and rename sources first, so a path freed and reused in one commit starts afresh.
    const moved = new Map<string, Lineage>();
    for (const change of commit.changes) {
      if (change.status === "D" || change.status === "R") {
        const lineage = live.get(change.from);
        live.delete(change.from);
        if (lineage && change.status === "R") moved.set(change.to, lineage);
        if (lineage && change.status === "D") {
          lineage.deleted = true;
          lineage.deletedIn = { commit: commit.sha, date: commit.date };
        }
      }
    }
    for (const change of commit.changes) {
      if (change.status === "D") continue;
      let lineage = moved.get(change.to) ?? live.get(change.to);
      if (!lineage) {
        lineage = { versions: [], path: change.to, deleted: false };
        all.push(lineage);
      }
      lineage.deleted = false;
      delete lineage.deletedIn;
      lineage.path = change.to;
      live.set(change.to, lineage);
      const last = lineage.versions.at(-1);
      if (last?.blob === change.blob && last.path === change.to) continue;
      lineage.versions.push({ commit: commit.sha, date: commit.date, path: change.to, blob: change.blob });
    }
  }
  return all;
}

/**
 * The one `git log` the history rests on: every change to KEP metadata (the YAML files under
 * keps/: kep.yaml and the production-readiness approvals) on the first-parent line, with
 * renames. READMEs are left out: they are most of the repository's churn and no fact the
 * history derives comes from them.
 */
export function historyLogArgs(ref: string): string[] {
  return [
    "log",
    "--first-parent",
    "--diff-merges=first-parent",
    "--raw",
    "-z",
    "--no-abbrev",
    "-M",
    "--format=%x01%H %ct",
    ref,
    "--",
    ":(glob)keps/**/*.yaml",
    ":(glob)keps/**/*.yml",
  ];
}

/** Reads the first-parent history of keps/ on the repository's master branch. */
export function readHistory(repo: GitRepo): History {
  const headLine = runGit(repo.dir, ["log", "-1", "--format=%H %ct", repo.ref]).toString().trim();
  const [commit, seconds] = headLine.split(" ");
  if (!commit || !seconds) throw new GitSourceError(`cannot read the newest commit of ${repo.ref}`);
  const log = runGit(repo.dir, historyLogArgs(repo.ref)).toString("utf8");
  return {
    head: { commit, date: toInstant(seconds) },
    lineages: replayLineages(parseRawLog(log)),
  };
}

/** Reads many blobs in one `git cat-file --batch` process; returns sha -> UTF-8 text. */
export function readBlobs(repo: GitRepo, shas: Iterable<string>): Map<string, string> {
  const lazily = readBlobsLazily(repo, shas);
  const blobs = new Map<string, string>();
  for (const sha of lazily.shas()) blobs.set(sha, lazily.get(sha)!);
  return blobs;
}

/** Blobs read in one batch, each decoded only when asked for (not every README held as text at once). */
export interface LazyBlobs {
  /** How many blobs were read. */
  size: number;
  shas(): Iterable<string>;
  /** The blob's UTF-8 text, or undefined when it was not read. */
  get(sha: string): string | undefined;
  /** The object's bytes (a tree object is binary), or undefined when it was not read. */
  bytes(sha: string): Buffer | undefined;
}

/** Reads many objects (blobs, or trees) in one `git cat-file --batch` process; a missing one is an error. */
export function readBlobsLazily(repo: GitRepo, shas: Iterable<string>): LazyBlobs {
  const wanted = [...new Set(shas)];
  const spans = new Map<string, [number, number]>();
  const out =
    wanted.length === 0 ? Buffer.alloc(0) : runGit(repo.dir, ["cat-file", "--batch"], `${wanted.join("\n")}\n`);
  let offset = 0;
  while (offset < out.length) {
    const newline = out.indexOf(10, offset);
    if (newline < 0) break;
    const header = out.toString("latin1", offset, newline).split(" ");
    offset = newline + 1;
    if (header[1] === "missing") throw new GitSourceError(`blob ${header[0]} is missing from the repository`);
    const size = Number(header[2]);
    spans.set(header[0] ?? "", [offset, offset + size]);
    offset += size + 1;
  }
  return {
    size: spans.size,
    shas: () => spans.keys(),
    get(sha) {
      const span = spans.get(sha);
      return span ? out.toString("utf8", span[0], span[1]) : undefined;
    },
    bytes(sha) {
      const span = spans.get(sha);
      return span ? out.subarray(span[0], span[1]) : undefined;
    },
  };
}

/** An object found at a path: its id and type (blob, tree, or commit for a submodule entry). */
export interface FoundObject {
  id: string;
  type: string;
}

/** A path at a commit. */
export interface PathAt {
  commit: string;
  file: string;
}

/**
 * The object at each path of each commit, null where there is none (a submodule entry's commit
 * is not in the repository: null too): one `git cat-file --batch-check` for them all. A path with
 * a newline, which cannot be written on a line of its own, is asked of `git ls-tree` instead.
 */
export function lookUpPaths(repo: GitRepo, queries: readonly PathAt[]): (FoundObject | null)[] {
  const plain = queries.filter((q) => !q.file.includes("\n"));
  const lines =
    plain.length === 0
      ? []
      : runGit(
          repo.dir,
          ["cat-file", "--batch-check=%(objectname) %(objecttype)"],
          `${plain.map((q) => `${q.commit}:${q.file}`).join("\n")}\n`,
        )
          .toString("utf8")
          .split("\n");
  // One line per query: "<id> <type>", or "<query> missing" (or "ambiguous"), which never looks like an id.
  const answers = new Map<PathAt, FoundObject | null>();
  plain.forEach((query, index) => {
    const found = /^([0-9a-f]{40,64}) ([a-z]+)$/.exec(lines[index] ?? "");
    answers.set(query, found ? { id: found[1]!, type: found[2]! } : null);
  });
  return queries.map((query) => {
    const answer = answers.get(query);
    if (answer !== undefined) return answer;
    const listing = runGit(repo.dir, ["ls-tree", "-z", query.commit, "--", query.file]).toString("utf8");
    const entry = readTreeListing(listing).find((e) => e.file === query.file);
    return entry ? { id: entry.id, type: entry.type } : null;
  });
}

/** The entries of an `ls-tree -z` listing. */
function readTreeListing(text: string): { file: string; id: string; type: string }[] {
  const out: { file: string; id: string; type: string }[] = [];
  for (const row of text.split("\0")) {
    const tab = row.indexOf("\t");
    if (tab < 0) continue;
    const [, type = "", id = ""] = row.slice(0, tab).split(" ");
    out.push({ file: row.slice(tab + 1), id, type });
  }
  return out;
}

/**
 * Every blob under each of the given trees, as `git ls-tree -r` lists them (tree order, `prefix`
 * before each path; submodule entries left out), read as tree objects in one cat-file batch per
 * level of folders: trees shared by several roots are read once.
 */
export function listTreeBlobs(
  repo: GitRepo,
  roots: readonly string[],
  prefix: string,
): Map<string, { file: string; blob: string }[]> {
  const entries = new Map<string, TreeEntry[]>();
  let pending = [...new Set(roots)];
  while (pending.length > 0) {
    const read = readBlobsLazily(repo, pending);
    for (const id of pending) entries.set(id, readTreeObject(read.bytes(id)!, id.length / 2));
    const next = new Set<string>();
    for (const id of pending)
      for (const entry of entries.get(id)!) if (entry.type === "tree" && !entries.has(entry.id)) next.add(entry.id);
    pending = [...next];
  }
  const list = (id: string, at: string, out: { file: string; blob: string }[]) => {
    for (const entry of entries.get(id) ?? []) {
      if (entry.type === "tree") list(entry.id, `${at}${entry.name}/`, out);
      else if (entry.type === "blob") out.push({ file: at + entry.name, blob: entry.id });
    }
    return out;
  };
  return new Map(roots.map((id) => [id, list(id, prefix, [])]));
}

/** One entry of a tree object, typed as ls-tree types it. */
interface TreeEntry {
  name: string;
  id: string;
  type: "blob" | "tree" | "commit";
}

/** Parses a raw tree object: entries of "<octal mode> <name>\0<binary id>" (20 bytes; 32 in a SHA-256 repository). */
function readTreeObject(raw: Buffer, idBytes: number): TreeEntry[] {
  const out: TreeEntry[] = [];
  let offset = 0;
  while (offset < raw.length) {
    const space = raw.indexOf(32, offset);
    const nul = raw.indexOf(0, space + 1);
    if (space < 0 || nul < 0) break;
    const mode = raw.toString("latin1", offset, space);
    const name = raw.toString("utf8", space + 1, nul);
    const id = raw.toString("hex", nul + 1, nul + 1 + idBytes);
    offset = nul + 1 + idBytes;
    out.push({ name, id, type: mode === "40000" ? "tree" : mode === GITLINK_MODE ? "commit" : "blob" });
  }
  return out;
}
