/**
 * The client's bounds, against the fake GitHub in this process: timeouts that fire (with small
 * configured values, never real minutes), bodies over the size budget, the https-only rule for
 * the API and its redirects, and tokens checked before they go into a header.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { createGithubClient, type GithubClient, validateToken } from "../../scripts/sync/github/client.ts";
import { isAllowedUrl, type TransportLimits } from "../../scripts/sync/github/transport.ts";
import { buildWorld } from "../fixtures/github/world.ts";
import { type FakeGithub, startFakeGithub } from "../support/fake-github.ts";

const TOKEN = "ghp_ClientTestToken_NeverPrinted_0123456789";
const BRANCH = "/repos/kubernetes/enhancements/branches/master";
let server: FakeGithub;

function client(limits: Partial<TransportLimits> = {}): GithubClient {
  return createGithubClient({ token: TOKEN, apiUrl: server.url, retryUnitMs: 1, limits });
}

beforeAll(async () => {
  server = await startFakeGithub({ token: TOKEN, world: buildWorld(), projectScope: true });
});

afterEach(() => {
  server.faults.length = 0;
  server.resetCounters();
});

afterAll(async () => {
  await server?.close();
});

describe("timeouts", () => {
  test("a server that never sends headers fails as a connect timeout, after the bounded retries", async () => {
    server.faults.push({ route: /branches/, kind: "stall-headers", times: Infinity });
    const failure = client({ connectTimeoutMs: 150 }).getJson(BRANCH, {}, null, z.unknown());
    await expect(failure).rejects.toThrow(
      /GitHub timed out: no answer within 150 ms \(connect timeout\), after 4 attempts/,
    );
    expect(server.requests.filter((r) => r.key.includes("branches"))).toHaveLength(4);
  }, 30_000);

  test("a body that stalls is reported as an idle timeout, not as malformed JSON", async () => {
    server.faults.push({ route: /branches/, kind: "stall-body", times: Infinity });
    const failure = client({ idleTimeoutMs: 150 }).getJson(BRANCH, {}, null, z.unknown());
    await expect(failure).rejects.toThrow(/no data for 150 ms while reading the answer \(idle timeout/);
    await expect(client({ idleTimeoutMs: 150 }).getJson(BRANCH, {}, null, z.unknown())).rejects.not.toThrow(
      /malformed/,
    );
  }, 30_000);
});

describe("size limits", () => {
  test("a body over the budget is refused at once, without a retry", async () => {
    const failure = client({ maxJsonBytes: 512 }).getJson(BRANCH, {}, null, z.unknown());
    await expect(failure).rejects.toThrow(/larger than 512 bytes \(size limit\)/);
    expect(server.requests).toHaveLength(1);
  }, 30_000);

  test("a tarball over the budget is refused", async () => {
    const commit = server.world.trees["kubernetes/enhancements"]?.commit;
    const failure = client({ maxBinaryBytes: 1024 }).getBinary(`/repos/kubernetes/enhancements/tarball/${commit}`);
    await expect(failure).rejects.toThrow(/larger than 1 KiB \(size limit\)/);
  }, 30_000);
});

describe("https only", () => {
  test.each([
    ["https://codeload.github.com/x", "https://api.github.com", true],
    ["http://codeload.github.com/x", "https://api.github.com", false],
    ["http://127.0.0.1:9/x", "https://api.github.com", false],
    ["http://127.0.0.1:9/x", "http://127.0.0.1:8", true],
    ["http://codeload.example.invalid/x", "http://127.0.0.1:8", false],
    ["ftp://127.0.0.1/x", "http://127.0.0.1:8", false],
  ])("%s from API %s allowed: %s", (target, api, allowed) => {
    expect(isAllowedUrl(new URL(target), new URL(api))).toBe(allowed);
  });

  test("an API root over plain http on another host is refused before any request", () => {
    expect(() => createGithubClient({ token: TOKEN, apiUrl: "http://github.example.com/api/v3" })).toThrow(
      /--api-url must use https/,
    );
  });

  test("a redirect of the tarball to plain http is refused, not followed", async () => {
    server.faults.push({ route: /tarball/, kind: "redirect-http", times: Infinity });
    const commit = server.world.trees["kubernetes/enhancements"]?.commit;
    const failure = client().getBinary(`/repos/kubernetes/enhancements/tarball/${commit}`);
    await expect(failure).rejects.toThrow(
      /refused to follow a redirect to http:\/\/codeload\.example\.invalid\/_codeload\/kubernetes\/enhancements\/legacy\.tar\.gz\/[0-9a-f]{40}: only https/,
    );
    expect(server.requests.map((r) => r.key)).toEqual([`GET /repos/kubernetes/enhancements/tarball/${commit}`]);
  }, 30_000);
});

describe("tokens", () => {
  test.each([
    ["a newline in the middle", "ghp_abc\ndef0123456789"],
    ["a space", "ghp_abc def0123456789"],
    ["a control character", "ghp_abc\u0007def0123456789"],
    ["a quote", 'ghp_abc"def0123456789'],
    ["too short", "abc"],
  ])("refuses a token with %s, without repeating it", (_, token) => {
    const problem = validateToken(token);
    expect(problem?.message).toMatch(/GITHUB_TOKEN/);
    for (const part of token.split(/[^A-Za-z0-9_]+/)) expect(`${problem?.message}${problem?.hint}`).not.toContain(part);
  });

  test.each([
    "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
    "0123456789abcdef0123456789abcdef01234567",
  ])("accepts a token shaped like GitHub's: %s", (token) => {
    expect(validateToken(token)).toBeNull();
  });
});
