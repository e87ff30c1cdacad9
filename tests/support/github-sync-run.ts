/**
 * What a GitHub sync costs, measured against the local fake GitHub (tests/support) with about
 * 2,000 issues: requests and rate-limit points of a full sync from an empty cache, then of a
 * re-sync with nothing changed. `npm run bench` reports it; the tests assert the same numbers.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildWorld, writeSeedClone, writeSigRelease } from "../fixtures/github/world.ts";
import { startFakeGithub } from "./fake-github.ts";

const SYNC = path.resolve(import.meta.dirname, "../../scripts/sync.ts");

/** What a sync process printed and how it ended. */
export interface SyncRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node scripts/sync.ts` asynchronously (the fake GitHub lives in this process, so a
 * synchronous spawn would starve it). Back-off waits are shrunk to milliseconds.
 */
export function runSyncProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<SyncRun> {
  return new Promise((resolve) => {
    const merged: NodeJS.ProcessEnv = { ...process.env, KEP_RADAR_GITHUB_RETRY_UNIT_MS: "1", ...env };
    for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
    execFile(
      process.execPath,
      [SYNC, ...args],
      { env: merged, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/**
 * A local sync's arguments for the fixture world written into `scratch` (the seed clone and the
 * sig-release folder), into `out`; the read cache stays in `scratch`, never the developer's .cache/sync.
 */
export function localSyncArgs(scratch: string, out: string): string[] {
  return [
    "--enhancements",
    path.join(scratch, "enhancements"),
    "--sig-release",
    path.join(scratch, "sig-release"),
    "--out",
    out,
    "--read-cache",
    path.join(scratch, "read-cache"),
  ];
}

/** Writes the fixture world into `scratch` and syncs it locally into `out`: the snapshot a GitHub sync starts from. */
export function seedLocalSync(scratch: string, out: string): Promise<SyncRun> {
  writeSeedClone(path.join(scratch, "enhancements"));
  writeSigRelease(path.join(scratch, "sig-release"));
  return runSyncProcess([...localSyncArgs(scratch, out), "--quiet"]);
}

/** Requests and points of a full GitHub sync and of an unchanged re-sync. */
export interface GithubSyncCost {
  /** HTTP requests of a full sync from an empty cache (redirects to codeload included). */
  fullRequests: number;
  /** HTTP requests of the re-sync right after, with nothing changed. */
  resyncRequests: number;
  /** Primary rate-limit points of the full sync (REST requests not answered 304 + GraphQL cost). */
  points: number;
  /** Points of the unchanged re-sync (0: every answer was a free 304). */
  resyncPoints: number;
  /** Issues in the fake repository (pull requests not counted). */
  issues: number;
}

const TOKEN = "ghp_bench_only_not_a_real_token";

/** Runs the fake GitHub and two syncs against it; `synthetic` issues (and PRs) are added to the 30 real ones. */
export async function measureGithubSync(options: { synthetic?: number } = {}): Promise<GithubSyncCost> {
  const scratch = mkdtempSync(path.join(tmpdir(), "kep-radar-github-bench-"));
  const world = buildWorld({ synthetic: options.synthetic ?? 2700 });
  const server = await startFakeGithub({ token: TOKEN, world, projectScope: true });
  try {
    const out = path.join(scratch, "content");
    const local = await seedLocalSync(scratch, out);
    if (local.status !== 0) throw new Error(`seed sync failed: ${local.stderr}`);
    const github = [
      "--github",
      "--api-url",
      server.url,
      "--out",
      out,
      "--cache-dir",
      path.join(scratch, "cache"),
      "--quiet",
    ];
    const measure = async () => {
      server.resetCounters();
      const run = await runSyncProcess(github, { GITHUB_TOKEN: TOKEN });
      if (run.status !== 0) throw new Error(`GitHub sync failed: ${run.stderr}`);
      return { requests: server.requests.length, points: server.points.rest + server.points.graphql };
    };
    const full = await measure();
    const again = await measure();
    return {
      fullRequests: full.requests,
      resyncRequests: again.requests,
      points: full.points,
      resyncPoints: again.points,
      issues: world.issues.filter((i) => !i.pullRequest).length,
    };
  } finally {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
