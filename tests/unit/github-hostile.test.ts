/**
 * A hostile or broken GitHub, end to end (`node scripts/sync.ts --github` against the fake):
 * a gzip bomb, partial GraphQL answers, shrunken archives, a token with a newline, paging that
 * never ends, an archive of another commit, a 10 MB issue title, a used-up GraphQL limit. Each
 * fails with a clear message (or is capped with a warning), leaves the snapshot byte-identical
 * and leaves the cache as the last good run committed it.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { readSnapshot } from "../../src/data/snapshot.ts";
import { buildWorld, ENHANCEMENTS_HEAD, type FixtureTree, SIG_RELEASE_HEAD, sha } from "../fixtures/github/world.ts";
import { type FakeGithub, type Fault, startFakeGithub } from "../support/fake-github.ts";
import { runSyncProcess, seedLocalSync } from "../support/github-sync-run.ts";
import { readTree } from "../support/snapshot.ts";

const TOKEN = "ghp_HostileTestToken_NeverPrinted_24680";
const ENHANCEMENTS = "kubernetes/enhancements";
const SIG_RELEASE = "kubernetes/sig-release";
const scratch = mkdtempSync(path.join(tmpdir(), "kep-radar-github-hostile-"));
const base = path.join(scratch, "base");
const baseCache = path.join(scratch, "base-cache");
let server: FakeGithub;
let clean: Map<string, string>;
let count = 0;

/** A copy of the clean snapshot and of the cache its sync committed. */
function workspace() {
  count++;
  const out = path.join(scratch, `run-${count}`);
  const cache = path.join(scratch, `cache-${count}`);
  cpSync(base, out, { recursive: true });
  cpSync(baseCache, cache, { recursive: true });
  return { out, cache };
}

/** A sync; `fresh` starts from an empty cache so every request really goes out. */
async function sync(options: { fault?: Fault; token?: string; fresh?: boolean } = {}) {
  const { out, cache } = workspace();
  if (options.fresh) rmSync(cache, { recursive: true, force: true });
  const before = readTree(out);
  if (options.fault) server.faults.push({ ...options.fault });
  server.resetCounters();
  const token = options.token ?? TOKEN;
  const run = await runSyncProcess(["--github", "--api-url", server.url, "--out", out, "--cache-dir", cache], {
    GITHUB_TOKEN: token,
  });
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
  return { run, out, cache, before, after: readTree(out) };
}

type Result = Awaited<ReturnType<typeof sync>>;

function expectFailed(result: Result, reason: RegExp) {
  expect(result.run.stderr).toMatch(reason);
  expect(result.run.status).toBe(1);
  expect(result.run.stderr).toMatch(/was left as it was/);
  expect(result.after).toEqual(result.before);
}

/** The cache still says what the last good run committed: the same trees, no staging left, nothing huge. */
function expectCacheUntouched(cache: string) {
  const state = JSON.parse(readFileSync(path.join(cache, "state.json"), "utf8"));
  expect(state.repos[ENHANCEMENTS].commit).toBe(ENHANCEMENTS_HEAD.commit);
  expect(state.repos[SIG_RELEASE].commit).toBe(SIG_RELEASE_HEAD.commit);
  expect(state.issues.complete).toBe(true);
  const trees = path.join(cache, "trees");
  expect(readdirSync(trees).sort()).toEqual(["kubernetes--enhancements", "kubernetes--sig-release"]);
  const marker = readFileSync(path.join(trees, "kubernetes--enhancements", ".kep-radar-commit"), "utf8").trim();
  expect(marker).toBe(ENHANCEMENTS_HEAD.commit);
  for (const entry of readdirSync(trees, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) expect(statSync(path.join(entry.parentPath, entry.name)).size).toBeLessThan(4 * 1024 * 1024);
  }
}

/** Serves `repo` at a new commit holding `files` while `body` runs. */
async function withTree<T>(repo: string, label: string, files: FixtureTree["files"], body: () => Promise<T>) {
  const original = server.world.trees[repo];
  if (!original) throw new Error(`fixture tree ${repo} missing`);
  server.world.trees[repo] = { commit: sha(label), date: original.date, files };
  try {
    return await body();
  } finally {
    server.world.trees[repo] = original;
  }
}

function treeFiles(repo: string): FixtureTree["files"] {
  const tree = server.world.trees[repo];
  if (!tree) throw new Error(`fixture tree ${repo} missing`);
  return tree.files;
}

beforeAll(async () => {
  server = await startFakeGithub({ token: TOKEN, world: buildWorld(), projectScope: true });
  const local = await seedLocalSync(scratch, base);
  expect(local.status).toBe(0);
  const first = await runSyncProcess(
    ["--github", "--api-url", server.url, "--out", base, "--cache-dir", baseCache, "--quiet"],
    { GITHUB_TOKEN: TOKEN },
  );
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  clean = readTree(base);
}, 120_000);

afterEach(() => {
  server.faults.length = 0;
});

afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("archives", () => {
  test("a gzip bomb (a 40 MiB kep.yaml in a small tarball) is refused and the cache keeps the last good tree", async () => {
    const files = new Map(treeFiles(ENHANCEMENTS));
    const victim = [...files.keys()].find((f) => f.endsWith("/kep.yaml")) ?? "";
    files.set(victim, Buffer.alloc(40 * 1024 * 1024, "a"));
    const result = await withTree(ENHANCEMENTS, "bomb", files, () => sync());
    expectFailed(
      result,
      /tarball of kubernetes\/enhancements at [0-9a-f]{12} was refused: .*kep\.yaml is 40 MiB \(over the 16 MiB limit for one file\)/,
    );
    expectCacheUntouched(result.cache);
  }, 60_000);

  test("an archive of another commit than the one asked for is refused", async () => {
    const result = await sync({
      fault: { route: /_codeload\/kubernetes\/enhancements/, kind: "wrong-commit", times: Infinity },
      fresh: true,
    });
    expectFailed(result, /was refused: its top folder is of commit [0-9a-f]{7}, not [0-9a-f]{7}/);
  }, 60_000);

  test("an enhancements archive with one kep.yaml is refused as implausible, naming the KEPs it would drop", async () => {
    const files = new Map(treeFiles(ENHANCEMENTS));
    const keps = [...files.keys()].filter((f) => f.endsWith("/kep.yaml") && !f.includes("NNNN"));
    for (const file of keps.slice(1)) files.delete(file);
    const result = await withTree(ENHANCEMENTS, "shrunk", files, () => sync());
    expectFailed(
      result,
      new RegExp(`${keps.length - 1} of ${keps.length} KEPs would disappear or be marked deleted \\(KEP-\\d+`),
    );
    expect(result.run.stderr).toMatch(/--allow-shrink/);
    expect(server.requests.some((r) => r.key.includes("/graphql"))).toBe(false);
    expectCacheUntouched(result.cache);
  }, 60_000);

  test("a sig-release archive with two release folders is refused, naming the releases it would drop", async () => {
    const files = new Map(
      [...treeFiles(SIG_RELEASE)].filter(([file]) => !/^releases\/release-1\.(19|2\d|3[0-5])\//.test(file)),
    );
    const result = await withTree(SIG_RELEASE, "shrunk", files, () => sync());
    expectFailed(result, /17 of 19 releases would disappear \(1\.19, 1\.20, /);
    expectCacheUntouched(result.cache);
  }, 60_000);
});

describe("GraphQL answers", () => {
  test("a partial answer (a null issue node plus an error) is asked for again; the result is the clean one", async () => {
    const result = await sync({ fault: { route: /KepIssues$/, kind: "partial", times: 1 }, fresh: true });
    expect(result.run.status).toBe(0);
    expect(result.run.stderr).toMatch(
      /GraphQL KepIssues: partial answer \(NOT_FOUND at repository\.issues\.nodes\.\d+/,
    );
    expect(result.after).toEqual(clean);
  }, 60_000);

  test("partial answers that persist fail without marking the issue read complete", async () => {
    const { out, cache } = workspace();
    rmSync(cache, { recursive: true, force: true });
    server.faults.push({ route: /KepIssues$/, kind: "partial", times: Infinity });
    const args = ["--github", "--api-url", server.url, "--out", out, "--cache-dir", cache];
    const failed = await runSyncProcess(args, { GITHUB_TOKEN: TOKEN });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/GraphQL KepIssues: GitHub answered only in part 3 times \(NOT_FOUND/);
    const state = path.join(cache, "state.json");
    expect(existsSync(state) && JSON.parse(readFileSync(state, "utf8")).issues.complete).toBe(false);
    server.faults.length = 0;
    const healthy = await runSyncProcess(args, { GITHUB_TOKEN: TOKEN });
    expect(healthy.status).toBe(0);
    expect(readSnapshot(out).keps.find((k) => k.number === 753)?.github?.issue).toBe(753);
    expect(readTree(out)).toEqual(clean);
  }, 60_000);

  test("a RATE_LIMITED error says when the limit resets", async () => {
    const result = await sync({
      fault: { route: /KepIssues/, kind: "graphql-rate-limited", times: Infinity },
      fresh: true,
    });
    expectFailed(
      result,
      /GraphQL KepIssues(ByNumber)?: GitHub's rate limit is used up \(RATE_LIMITED: .*; it resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)/,
    );
  }, 60_000);
});

describe("paging", () => {
  test("a cursor that repeats with hasNextPage stops at once", async () => {
    const { out, cache } = workspace();
    rmSync(cache, { recursive: true, force: true });
    server.faults.push({ route: /KepIssues$/, kind: "stuck-cursor", times: Infinity });
    server.resetCounters();
    const run = await runSyncProcess(["--github", "--api-url", server.url, "--out", out, "--cache-dir", cache], {
      GITHUB_TOKEN: TOKEN,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/GraphQL KepIssues: GitHub sent the same page cursor again after \d+ pages/);
    expect(server.requests.filter((r) => r.key.endsWith("KepIssues")).length).toBeLessThanOrEqual(2);
  }, 60_000);

  test("an issue list whose pages are always full stops when a page brings nothing new", async () => {
    const result = await sync({
      fault: { route: /GET \/repos\/kubernetes\/enhancements\/issues/, kind: "full-pages", times: Infinity },
      fresh: true,
    });
    expectFailed(result, /page 2 repeats issues of earlier pages only \(the paging does not advance\)/);
    expect(server.requests.filter((r) => r.key.endsWith("/issues")).length).toBeLessThanOrEqual(2);
  }, 60_000);
});

describe("credentials", () => {
  test("a token with a newline fails before any request, is not retried and is never printed", async () => {
    const token = "ghp_FirstHalfOfToken\nSecondHalfOfToken";
    const result = await sync({ token });
    expectFailed(result, /GITHUB_TOKEN contains whitespace or control characters \(it is not shown here\)/);
    expect(result.run.stdout + result.run.stderr).not.toContain("FirstHalfOfToken");
    expect(result.run.stdout + result.run.stderr).not.toContain("SecondHalfOfToken");
    expect(server.requests).toHaveLength(0);
  }, 60_000);
});

describe("issue text", () => {
  test("a 10 MB issue title is cut with a warning instead of filling keps/753.json", async () => {
    const issue = server.world.issues.find((i) => i.number === 753);
    if (!issue) throw new Error("fixture 753 missing");
    const title = issue.title;
    const updatedAt = issue.updatedAt;
    issue.title = "Sidecar ".repeat(1_250_000);
    issue.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    try {
      const result = await sync();
      expect(result.run.stderr).not.toMatch(/sync failed/);
      expect(result.run.status).toBe(0);
      expect(result.after.get("snapshot/keps/753.json")?.length).toBeLessThan(100_000);
      const after = readSnapshot(result.out);
      expect(after.keps.find((k) => k.number === 753)?.github?.title).toHaveLength(500);
      expect(after.warnings).toContainEqual(
        expect.objectContaining({
          kind: "text-too-long",
          file: "github:kubernetes/enhancements#753",
          field: "title",
          value: "10000000 characters",
        }),
      );
    } finally {
      issue.title = title;
      issue.updatedAt = updatedAt;
    }
  }, 60_000);
});
