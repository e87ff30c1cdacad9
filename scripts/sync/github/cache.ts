/**
 * The GitHub sync's cache folder (default .cache/github, gitignored): ETags, cursors and the
 * last responses needed to rebuild the snapshot without asking again. Every file is written
 * atomically and validated when read; an unreadable cache is set aside, never trusted. The
 * token is never written here (nothing in these schemas could hold it).
 *
 * Only a fully validated run marks anything good: during a run, `save()` keeps just what a
 * failed run can resume from (issue pages read so far), and downloaded trees wait in staging
 * folders; `commit()` moves the trees into place and records their commits, the finished issue
 * read and the ETags that make the next run's answers free 304s.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DateTimeSchema } from "../../../src/lib/schema.ts";
import { BoardSchema } from "./board.ts";
import { emptyIssueState, type IssueRecord, IssueRecordSchema, IssueStateSchema } from "./issues.ts";

const CACHE_VERSION = 1;

/** What the sync remembers about one repository's branch. */
export const RepoStateSchema = z.strictObject({
  /** ETag of the branch response, for a free 304 when nothing was pushed. */
  etag: z.string().nullable(),
  /** Newest commit of the branch, whose tree is unpacked in the cache. */
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  /** Its commit date. */
  date: DateTimeSchema,
});
export type RepoState = z.infer<typeof RepoStateSchema>;

const CacheStateSchema = z.strictObject({
  version: z.literal(CACHE_VERSION),
  /** The API the cache was filled from; another one starts afresh. */
  apiUrl: z.string(),
  repos: z.record(z.string(), RepoStateSchema),
  issues: IssueStateSchema,
  /** Release boards as last read, by release. */
  boards: z.array(BoardSchema),
});
type CacheState = z.infer<typeof CacheStateSchema>;

/** The cache of one API, loaded. */
export interface GithubCache {
  dir: string;
  state: CacheState;
  issues: Map<number, IssueRecord>;
  /** Writes what a failed run may resume from: issue records and paging progress, nothing marked done. */
  save(): void;
  /** Runs `action` at commit() (moving a staged tree into place); dropped if the run fails. */
  onCommit(action: () => void): void;
  /** After a validated run: runs the staged actions and writes the whole state. */
  commit(): void;
  /** After a failed run: removes staging folders; the last committed state stays as it was. */
  discard(): void;
  /** Folder for an unpacked repository tree. */
  treeDir(repo: string): string;
  /** Staging folder for a tree downloaded by this run. */
  stagingDir(repo: string): string;
}

/** Writes a file so a reader sees either the old or the new content, never half of one. */
export function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Opens (or starts) the cache for an API; a corrupt or foreign cache is reported and replaced. */
export function openCache(dir: string, apiUrl: string, log: (line: string) => void): GithubCache {
  const stateFile = path.join(dir, "state.json");
  const issuesFile = path.join(dir, "issues.json");
  const fresh: CacheState = { version: CACHE_VERSION, apiUrl, repos: {}, issues: emptyIssueState(), boards: [] };
  let state = fresh;
  let issues = new Map<number, IssueRecord>();
  if (existsSync(stateFile)) {
    try {
      const loaded = CacheStateSchema.parse(readJson(stateFile));
      const records = z.array(IssueRecordSchema).parse(existsSync(issuesFile) ? readJson(issuesFile) : []);
      if (loaded.apiUrl !== apiUrl) {
        log(`cache in ${dir} was filled from ${loaded.apiUrl}; starting afresh for ${apiUrl}`);
      } else {
        state = loaded;
        issues = new Map(records.map((r) => [r.number, r]));
      }
    } catch (error) {
      log(`cache in ${dir} is unreadable (${(error as Error).message.split("\n")[0]}); starting afresh`);
    }
  }
  const trees = path.join(dir, "trees");
  if (state === fresh) {
    // Unpacked trees of another API or of a broken cache must not be reused either.
    rmSync(trees, { recursive: true, force: true });
  } else if (existsSync(trees)) {
    // Staging folders of runs that failed or crashed.
    for (const name of readdirSync(trees)) {
      if (name.includes(".staging-")) rmSync(path.join(trees, name), { recursive: true, force: true });
    }
  }
  const committed: CacheState = structuredClone(state);
  let pending: (() => void)[] = [];
  const stagingDir = (repo: string) => path.join(trees, `${repo.replace("/", "--")}.staging-${process.pid}`);
  const writeIssues = () => {
    const records = [...issues.values()].sort((a, b) => a.number - b.number);
    writeAtomic(issuesFile, `${JSON.stringify(records)}\n`);
  };
  const writeState = (value: CacheState) => writeAtomic(stateFile, `${JSON.stringify(value, null, 2)}\n`);
  return {
    dir,
    state,
    issues,
    save() {
      writeIssues();
      // An unfinished read resumes from its cursor; without the ETag the next probe asks afresh.
      writeState({
        ...committed,
        issues: { ...state.issues, complete: false, etag: null },
      });
    },
    onCommit(action) {
      pending.push(action);
    },
    commit() {
      for (const action of pending) action();
      pending = [];
      writeIssues();
      writeState(state);
    },
    discard() {
      pending = [];
      if (existsSync(trees)) {
        for (const name of readdirSync(trees)) {
          if (name.endsWith(`.staging-${process.pid}`))
            rmSync(path.join(trees, name), { recursive: true, force: true });
        }
      }
    },
    treeDir: (repo) => path.join(trees, repo.replace("/", "--")),
    stagingDir,
  };
}
