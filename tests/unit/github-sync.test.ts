/**
 * End to end: `node scripts/sync.ts --github` against the fake GitHub, on top of a snapshot a
 * local sync made from a seed clone (the usual state of content/). Requests are counted by the
 * server, so the cost targets are asserted here.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readSnapshot, type Snapshot } from "../../src/data/snapshot.ts";
import type { Kep, Release } from "../../src/lib/schema.ts";
import { FIXTURE_NOW } from "../fixtures/github/events.ts";
import { buildWorld } from "../fixtures/github/world.ts";
import { type FakeGithub, startFakeGithub } from "../support/fake-github.ts";
import {
  localSyncArgs,
  measureGithubSync,
  runSyncProcess,
  type SyncRun,
  seedLocalSync,
} from "../support/github-sync-run.ts";
import { lookups, readTree } from "../support/snapshot.ts";

const TOKEN = "ghp_KepRadarTestToken_DoNotLeak_0123456789";
const scratch = mkdtempSync(path.join(tmpdir(), "kep-radar-github-sync-"));
const seeded = path.join(scratch, "seeded");
const out = path.join(scratch, "content");
const cache = path.join(scratch, "cache");
const runs: SyncRun[] = [];

let server: FakeGithub;
let full: SyncRun;
let fullRequests: string[];
let snapshot: Snapshot;
let kep: (n: number) => Kep;
let release: (v: string) => Release;

async function github(extra: string[] = [], env: Record<string, string | undefined> = { GITHUB_TOKEN: TOKEN }) {
  const run = await runSyncProcess(
    ["--github", "--api-url", server.url, "--out", out, "--cache-dir", cache, ...extra],
    env,
  );
  runs.push(run);
  return run;
}

beforeAll(async () => {
  server = await startFakeGithub({ token: TOKEN, world: buildWorld(), projectScope: true });
  const local = await seedLocalSync(scratch, seeded);
  expect(local.stderr).toBe("");
  cpSync(seeded, out, { recursive: true });
  server.resetCounters();
  full = await github();
  fullRequests = server.requests.map((r) => r.key);
  expect(full.stderr).not.toMatch(/sync failed/);
  expect(full.status).toBe(0);
  snapshot = readSnapshot(out);
  ({ kep, release } = lookups(snapshot));
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("a full sync from GitHub", () => {
  test("rebuilds 753 as tracked for beta in 1.29 although its labels and milestone were wiped after the cycle", () => {
    const github = kep(753).github;
    expect(github?.labels).not.toContain("tracked/yes");
    expect(github?.milestone).toBeNull();
    expect(github?.tracking.find((t) => t.release === "1.29")).toMatchObject({ status: "tracked", stage: "beta" });
    expect(github?.tracking.find((t) => t.release === "1.27")).toMatchObject({
      status: "removed",
      changedOn: "2023-03-15T03:12:00Z",
    });
  });

  test("records issue state and popularity: comments, reactions, assignees", () => {
    expect(kep(753).github).toMatchObject({
      issue: 753,
      state: "open",
      comments: 204,
      reactions: 402,
      assignees: ["SergeyKanzhelev"],
    });
    expect(kep(24).github).toMatchObject({
      state: "closed",
      stateReason: "completed",
      closedAt: "2024-09-02T10:00:00Z",
    });
  });

  test("lists 1.29's tracked KEPs with the github-tracked signal, 4247 under its freeze exception", () => {
    const entries = release("1.29").enhancements;
    for (const number of [753, 1287, 3866, 1040, 1860, 2485, 4247]) {
      expect(entries.find((e) => e.kep === number)?.inferredFrom).toContain("github-tracked");
    }
    expect(kep(4247).github?.tracking[0]).toMatchObject({ release: "1.29", status: "tracked", exception: true });
    expect(entries.find((e) => e.kep === 4247)?.inferredFrom).toEqual(
      expect.arrayContaining(["exception", "github-tracked"]),
    );
  });

  test("reads 1287's timeline past 100 events over a second page and rebuilds all eight releases", () => {
    expect(fullRequests.filter((key) => key === "POST /graphql KepTimelines")).toHaveLength(1);
    expect(kep(1287).github?.tracking.map((t) => [t.release, t.status])).toEqual([
      ["1.26", "removed"],
      ["1.27", "tracked"],
      ["1.29", "tracked"],
      ["1.30", "tracked"],
      ["1.31", "deferred"],
      ["1.32", "removed"],
      ["1.33", "tracked"],
      ["1.35", "tracked"],
    ]);
    expect(kep(1287).github?.tracking[4]).toMatchObject({ movedTo: "1.32" });
  });

  test("keeps kep.yaml history from the previous snapshot and appends 6063's change, dated by its merge", () => {
    const before = readSnapshot(seeded);
    expect(kep(753).history).toEqual(before.keps.find((k) => k.number === 753)?.history);
    const history = kep(6063).history;
    expect(history).toHaveLength(2);
    expect(history.at(-1)).toMatchObject({ date: "2026-07-21T16:02:11Z", latestMilestone: "v1.38" });
    expect(history.at(-1)?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(kep(6063).github?.tracking).toEqual([
      expect.objectContaining({
        release: "1.37",
        status: "not-tracked",
        board: expect.objectContaining({ status: "Removed from Milestone" }),
      }),
    ]);
  });

  test("reads the 1.37 board: status, type and stage per KEP, and the project on the release", () => {
    expect(kep(2837).github?.tracking.find((t) => t.release === "1.37")?.board).toEqual({
      status: "At risk for Code Freeze",
      type: "Graduating",
      stage: "Stable",
    });
    expect(release("1.37").board).toEqual({
      number: 219,
      title: "1.37 Enhancements Tracking",
      url: "https://github.com/orgs/kubernetes/projects/219",
      items: 11,
    });
  });

  test("reports each disagreement between kep.yaml and GitHub once, naming the issue", () => {
    const github = snapshot.warnings.filter((w) => w.kind.startsWith("github-"));
    expect(github.map((w) => [w.kind, w.file, w.field])).toEqual(
      expect.arrayContaining([
        ["github-state-disagrees", "github:kubernetes/enhancements#24", "state"],
        ["github-stage-disagrees", "github:kubernetes/enhancements#1880", "tracking.1.29"],
        ["github-release-disagrees", "github:kubernetes/enhancements#2400", "tracking.1.29"],
        ["github-milestone-disagrees", "github:kubernetes/enhancements#5365", "milestone"],
        ["github-issue-missing", "github:kubernetes/enhancements#5468", "number"],
        ["github-issue-without-kep", "github:kubernetes/enhancements#6200", "tracking"],
        // Tracked, but kep.yaml named the release only after it shipped: release day's file decides.
        ["github-release-disagrees", "github:kubernetes/enhancements#1287", "tracking.1.35"],
        ["github-release-disagrees", "github:kubernetes/enhancements#4247", "tracking.1.32"],
      ]),
    );
    expect(github).toHaveLength(8);
  });

  test("reads sig-release from one tarball and keeps its releases/ in the cache for the build's logos", () => {
    const trees = path.join(cache, "trees", "kubernetes--sig-release");
    expect(existsSync(path.join(trees, "releases/release-1.29/logo/k8s129-logo.png"))).toBe(true);
    expect(existsSync(path.join(trees, "release-engineering"))).toBe(false);
    expect(release("1.29").logo).toBe("releases/release-1.29/logo/k8s129-logo.png");
    expect(full.stdout).toMatch(/KEP_RADAR_SIG_RELEASE=.*kubernetes--sig-release/);
  });

  test("takes the kep.yaml tree in one tarball request, not one request per file", () => {
    expect(fullRequests.filter((key) => key.includes("/repos/kubernetes/enhancements/tarball/"))).toHaveLength(1);
    expect(fullRequests.some((key) => key.includes("/contents/"))).toBe(false);
  });

  test("prints the requests made and the rate-limit points used, and dates the data by the HEAD commit", () => {
    expect(full.stdout).toMatch(
      /GitHub: +\d+ requests \(0 answered 304, free\), \d+ rate-limit points \(REST \d+, GraphQL \d+\)/,
    );
    expect(snapshot.sources.asOf).toBe(FIXTURE_NOW.slice(0, 10));
    expect(snapshot.sources.github).toMatchObject({ repository: "kubernetes/enhancements", issues: 30 });
  });

  test("shows progress as plain timestamped lines when stderr is not a terminal", () => {
    const lines = full.stderr.trim().split("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^\[\d+\.\d{2}s\] \S/);
    expect(full.stderr).not.toContain("\r");
  });
});

describe("a re-sync", () => {
  test("with nothing changed makes at most 5 requests, all answered 304, spends no points, changes no byte", async () => {
    const before = readTree(out);
    server.resetCounters();
    const again = await github();
    expect(again.status).toBe(0);
    expect(server.requests.length).toBeLessThanOrEqual(5);
    expect(server.requests.every((r) => r.status === 304)).toBe(true);
    expect(server.points).toEqual({ rest: 0, graphql: 0 });
    expect(again.stdout).toMatch(/0 added, 0 updated, 0 removed/);
    expect(readTree(out)).toEqual(before);
  });

  test("after tracked/yes came off one issue reads only that issue again and marks it removed", async () => {
    const issue = server.world.issues.find((i) => i.number === 5474);
    if (!issue) throw new Error("fixture 5474 missing");
    // GitHub stamps an edit with the time it happens.
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    issue.events.push({ kind: "unlabeled", at: now, name: "tracked/yes" });
    issue.labels = issue.labels.filter((l) => l !== "tracked/yes");
    issue.updatedAt = now;
    server.resetCounters();
    const again = await github();
    expect(again.status).toBe(0);
    const keys = server.requests.map((r) => r.key);
    expect(keys).toContain("POST /graphql KepIssuesByNumber");
    expect(keys).not.toContain("POST /graphql KepIssues");
    expect(keys.length).toBeLessThanOrEqual(7);
    const after = readSnapshot(out).keps.find((k) => k.number === 5474);
    expect(after?.github?.tracking.find((t) => t.release === "1.37")).toMatchObject({
      status: "removed",
      changedOn: now,
    });
  });
});

describe("an offline sync after a GitHub sync", () => {
  test("keeps the GitHub facts of the previous snapshot instead of dropping them", async () => {
    const online = readSnapshot(out);
    const run = await runSyncProcess(localSyncArgs(scratch, out));
    runs.push(run);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/keeping GitHub facts of \d+ KEPs/);
    const offline = readSnapshot(out);
    for (const number of [753, 1287, 4247]) {
      expect(offline.keps.find((k) => k.number === number)?.github).toEqual(
        online.keps.find((k) => k.number === number)?.github,
      );
    }
    expect(
      offline.releases.find((r) => r.version === "1.29")?.enhancements.find((e) => e.kep === 753)?.inferredFrom,
    ).toContain("github-tracked");
    expect(offline.sources.github).toEqual(online.sources.github);
  });
});

describe("the token", () => {
  test("never appears in any output, snapshot file or cache file", () => {
    expect(runs.length).toBeGreaterThan(3);
    for (const run of runs) {
      expect(run.stdout).not.toContain(TOKEN);
      expect(run.stderr).not.toContain(TOKEN);
    }
    for (const dir of [out, cache, path.join(scratch, "read-cache")]) {
      for (const [file, text] of readTree(dir))
        expect({ file, leaked: text.includes(TOKEN) }).toEqual({ file, leaked: false });
    }
  });
});

describe("the cost of a sync of about 2,000 issues", () => {
  test("is at most 40 requests from an empty cache, and at most 5 free requests when nothing changed", async () => {
    const cost = await measureGithubSync();
    expect(cost.issues).toBeGreaterThanOrEqual(2000);
    expect(cost.fullRequests).toBeLessThanOrEqual(40);
    expect(cost.resyncRequests).toBeLessThanOrEqual(5);
    expect(cost.resyncPoints).toBe(0);
  }, 120_000);
});

describe("a GitHub sync on a local clone", () => {
  test("reads kep.yaml history from the clone and issues from GitHub", async () => {
    const onClone = path.join(scratch, "on-clone");
    cpSync(seeded, onClone, { recursive: true });
    const run = await runSyncProcess(
      [
        "--github",
        "--api-url",
        server.url,
        ...localSyncArgs(scratch, onClone),
        "--cache-dir",
        path.join(scratch, "cache-clone"),
        "--quiet",
      ],
      { GITHUB_TOKEN: TOKEN },
    );
    expect(run.status).toBe(0);
    const fromClone = lookups(readSnapshot(onClone));
    expect(fromClone.kep(753).github?.reactions).toBe(402);
    expect(fromClone.kep(753).timeline).toEqual(kep(753).timeline);
  }, 120_000);
});

describe("the command line", () => {
  test("documents --github, --api-url and --cache-dir in --help", async () => {
    const help = await runSyncProcess(["--help"]);
    expect(help.stdout).toMatch(/--github/);
    expect(help.stdout).toMatch(/--api-url <url>/);
    expect(help.stdout).toMatch(/--cache-dir <dir>/);
  });

  test("refuses --api-url without --github", async () => {
    const run = await runSyncProcess(["--api-url", "http://127.0.0.1:9", "--out", path.join(scratch, "x")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/need --github/);
  });
});
