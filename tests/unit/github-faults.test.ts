/**
 * Faults on the way to GitHub, one test each: passing faults are retried within bounds and the
 * result is byte-identical to a clean sync; lasting faults fail the sync with a message that
 * says what failed and how to resume, and leave the previous snapshot byte-identical.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { readSnapshot } from "../../src/data/snapshot.ts";
import { buildWorld } from "../fixtures/github/world.ts";
import { type FakeGithub, type FakeGithubOptions, type FaultKind, startFakeGithub } from "../support/fake-github.ts";
import { runSyncProcess, seedLocalSync } from "../support/github-sync-run.ts";
import { readTree } from "../support/snapshot.ts";

const TOKEN = "ghp_FaultTestToken_NeverPrinted_9876543210";
const scratch = mkdtempSync(path.join(tmpdir(), "kep-radar-github-faults-"));
const base = path.join(scratch, "base");
let server: FakeGithub;
let options: FakeGithubOptions;
let clean: Map<string, string>;
let count = 0;

/** A copy of the clean snapshot and an empty cache, so every request really goes out. */
function workspace() {
  count++;
  const out = path.join(scratch, `run-${count}`);
  cpSync(base, out, { recursive: true });
  return { out, cache: path.join(scratch, `cache-${count}`) };
}

async function syncWith(
  fault: { route: RegExp; kind: FaultKind; times: number } | null,
  env: Record<string, string | undefined> = { GITHUB_TOKEN: TOKEN },
) {
  const { out, cache } = workspace();
  const before = readTree(out);
  if (fault) server.faults.push({ ...fault });
  server.resetCounters();
  const run = await runSyncProcess(["--github", "--api-url", server.url, "--out", out, "--cache-dir", cache], env);
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
  return { run, out, cache, before, after: readTree(out) };
}

/** A lasting fault: exit 1, the reason, the resume hint, and not one byte of the snapshot changed. */
function expectFailed(result: Awaited<ReturnType<typeof syncWith>>, reason: RegExp) {
  expect(result.run.status).toBe(1);
  expect(result.run.stderr).toMatch(/sync failed: /);
  expect(result.run.stderr).toMatch(reason);
  expect(result.run.stderr).toMatch(/was left as it was/);
  expect(result.after).toEqual(result.before);
}

/** A passing fault: retried, then the same bytes as a sync without it. */
function expectRecovered(result: Awaited<ReturnType<typeof syncWith>>) {
  expect(result.run.stderr).not.toMatch(/sync failed/);
  expect(result.run.status).toBe(0);
  expect(result.after).toEqual(clean);
}

beforeAll(async () => {
  options = { token: TOKEN, world: buildWorld(), projectScope: true };
  server = await startFakeGithub(options);
  const local = await seedLocalSync(scratch, base);
  expect(local.status).toBe(0);
  const first = await runSyncProcess(
    ["--github", "--api-url", server.url, "--out", base, "--cache-dir", path.join(scratch, "base-cache"), "--quiet"],
    { GITHUB_TOKEN: TOKEN },
  );
  expect(first.status).toBe(0);
  clean = readTree(base);
}, 120_000);

afterEach(() => {
  server.faults.length = 0;
  options.projectScope = true;
});

afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("rate limits", () => {
  test("a 403 with x-ratelimit-remaining 0 is waited out until x-ratelimit-reset, then the sync goes on", async () => {
    const result = await syncWith({ route: /KepIssues$/, kind: "rate-limit", times: 1 });
    expectRecovered(result);
    expect(result.run.stderr).toMatch(/primary rate limit on POST \/graphql: retrying in \d+ s/);
  });

  test("a rate limit that does not clear fails, says when it resets and how to resume", async () => {
    const result = await syncWith({
      route: /GET \/repos\/kubernetes\/enhancements\/issues/,
      kind: "rate-limit",
      times: Infinity,
    });
    expectFailed(result, /rate limit is used up \(403; it resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)/);
    expect(result.run.stderr).toMatch(/To resume, run the same command again/);
    expect(server.requests.filter((r) => r.key.endsWith("/issues"))).toHaveLength(3);
  });

  test("a 429 secondary limit with retry-after is waited out, then the sync goes on", async () => {
    const result = await syncWith({ route: /branches\/master/, kind: "secondary-limit", times: 1 });
    expectRecovered(result);
    expect(result.run.stderr).toMatch(
      /secondary rate limit on GET \/repos\/kubernetes\/[a-z-]+\/branches\/master: retrying in 2 s/,
    );
  });
});

describe("server and network faults", () => {
  test("502s are retried with back-off", async () => {
    expectRecovered(await syncWith({ route: /KepIssues$/, kind: "server-error", times: 2 }));
  });

  test("502s that do not stop fail after a bounded number of attempts", async () => {
    const result = await syncWith({ route: /KepIssues$/, kind: "server-error", times: Infinity });
    expectFailed(result, /GraphQL KepIssues: GitHub answered 502 \(Server Error\) after retries/);
    expect(server.requests.filter((r) => r.key.endsWith("KepIssues"))).toHaveLength(4);
  });

  test("a connection reset is retried", async () => {
    expectRecovered(await syncWith({ route: /tarball/, kind: "reset", times: 1 }));
  });

  test("connections that keep being reset fail with the network error", async () => {
    const result = await syncWith({ route: /branches\/master/, kind: "reset", times: Infinity });
    expectFailed(result, /GET \/repos\/kubernetes\/sig-release\/branches\/master: the connection to GitHub failed/);
  });

  test("a truncated tarball is downloaded once more", async () => {
    expectRecovered(await syncWith({ route: /_codeload\/kubernetes\/enhancements/, kind: "truncate", times: 1 }));
  });

  test("a tarball truncated twice fails instead of writing a shorter tree", async () => {
    const result = await syncWith({ route: /_codeload\/kubernetes\/enhancements/, kind: "truncate", times: Infinity });
    expectFailed(result, /tarball of kubernetes\/enhancements at [0-9a-f]{12} could not be read twice: cannot gunzip/);
  });

  test("malformed JSON fails with the query named, never as a crash", async () => {
    const result = await syncWith({ route: /KepIssues$/, kind: "malformed", times: 1 });
    expectFailed(result, /GraphQL KepIssues: GitHub sent malformed JSON/);
    expect(result.run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("credentials", () => {
  test("a bad token (401) fails at once with what to check", async () => {
    const result = await syncWith(null, { GITHUB_TOKEN: "ghp_wrong_token_0000" });
    expectFailed(result, /GitHub rejected the token \(401 Bad credentials\)/);
    expect(result.run.stderr).toMatch(/Check GITHUB_TOKEN/);
    expect(server.requests).toHaveLength(1);
  });

  test("no token fails before any request and says what the public API allows and how to sync offline", async () => {
    const result = await syncWith(null, { GITHUB_TOKEN: undefined });
    expectFailed(result, /GITHUB_TOKEN is not set/);
    expect(result.run.stderr).toMatch(/60 requests an hour/);
    expect(result.run.stderr).toMatch(/GraphQL/);
    expect(result.run.stderr).toMatch(/--enhancements <clone> --sig-release <folder>/);
    expect(server.requests).toHaveLength(0);
  });

  test("a token that cannot read projects skips the board with a note; everything else syncs", async () => {
    options.projectScope = false;
    const result = await syncWith(null);
    expect(result.run.status).toBe(0);
    expect(result.run.stderr).toMatch(/board for 1\.37 not read: .*INSUFFICIENT_SCOPES/);
    const after = readSnapshot(result.out);
    expect(after.keps.find((k) => k.number === 753)?.github?.tracking.length).toBeGreaterThan(0);
  });
});

describe("resuming", () => {
  test("a corrupt cache is set aside with a note and the sync starts afresh", async () => {
    const { out, cache } = workspace();
    mkdirSync(cache, { recursive: true });
    writeFileSync(path.join(cache, "state.json"), '{"version": 1, "apiUrl": ');
    const run = await runSyncProcess(["--github", "--api-url", server.url, "--out", out, "--cache-dir", cache], {
      GITHUB_TOKEN: TOKEN,
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/cache in .* is unreadable .*; starting afresh/);
    expect(readTree(out)).toEqual(clean);
  });

  test("a sync that failed after the issue pages resumes without fetching them again", async () => {
    const { out, cache } = workspace();
    server.faults.push({ route: /KepTimelines$/, kind: "server-error", times: Infinity });
    const args = ["--github", "--api-url", server.url, "--out", out, "--cache-dir", cache];
    const failed = await runSyncProcess(args, { GITHUB_TOKEN: TOKEN });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/1 issue pages, 30 issues, are cached in/);
    server.faults.length = 0;
    server.resetCounters();
    const resumed = await runSyncProcess(args, { GITHUB_TOKEN: TOKEN });
    expect(resumed.status).toBe(0);
    const keys = server.requests.map((r) => r.key);
    expect(keys).not.toContain("POST /graphql KepIssues");
    expect(keys).toContain("POST /graphql KepTimelines");
    expect(readTree(out)).toEqual(clean);
  });
});
