import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import {
  ArchiveRefused,
  checkArchiveCommit,
  DEFAULT_ARCHIVE_LIMITS,
  readGithubTarball,
  TarballError,
} from "../../scripts/sync/github/tarball.ts";
import { githubTarball } from "../fixtures/github/tar.ts";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const LONG = `keps/sig-node/${"x".repeat(120)}/${"y".repeat(90)}/kep.yaml`;
const FILES = new Map<string, string>([
  ["keps/sig-node/753-sidecar-containers/kep.yaml", "title: Sidecar Containers\nkep-number: 753\n"],
  ["keps/sig-node/753-sidecar-containers/README.md", "# prose\n"],
  [LONG, "title: A KEP in a deep folder\n"],
  ["README.md", "top\n"],
]);
const archive = githubTarball("kubernetes/enhancements", COMMIT, FILES);
const yamlOnly = (file: string) => file.endsWith(".yaml");

describe("reading GitHub's repository tarball", () => {
  test("strips the kubernetes-enhancements-<sha> top folder and keeps only the files asked for", async () => {
    const { files } = await readGithubTarball(archive, yamlOnly);
    expect([...files.keys()].sort()).toEqual([LONG, "keps/sig-node/753-sidecar-containers/kep.yaml"].sort());
    expect(files.get("keps/sig-node/753-sidecar-containers/kep.yaml")?.toString()).toMatch(/kep-number: 753/);
  });

  test("reads the commit from the pax global header GitHub writes", async () => {
    expect((await readGithubTarball(archive, yamlOnly)).commit).toBe(COMMIT);
  });

  test("follows pax path records for paths longer than ustar holds", async () => {
    expect((await readGithubTarball(archive, yamlOnly)).files.get(LONG)?.toString()).toBe(
      "title: A KEP in a deep folder\n",
    );
  });

  test("refuses a download cut in half instead of returning fewer files", async () => {
    await expect(readGithubTarball(archive.subarray(0, Math.floor(archive.length / 2)), yamlOnly)).rejects.toThrow(
      TarballError,
    );
  });

  test("refuses an empty download (a connection cut before the body)", async () => {
    await expect(readGithubTarball(new Uint8Array(0), yamlOnly)).rejects.toThrow(/empty/);
  });

  test("refuses an archive whose tar stream ends inside a file", async () => {
    const tar = gunzipSync(archive);
    const cut = gzipSync(tar.subarray(0, 512 * 5));
    await expect(readGithubTarball(cut, yamlOnly)).rejects.toThrow(/truncated/);
  });

  test("refuses a gzip bomb: a kept file over the one-file limit, before it is held in memory", async () => {
    const bomb = githubTarball(
      "kubernetes/enhancements",
      COMMIT,
      new Map([["keps/sig-node/753-sidecar-containers/kep.yaml", Buffer.alloc(8 * 1024 * 1024, "a")]]),
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, fileBytes: 1024 * 1024 };
    await expect(readGithubTarball(bomb, yamlOnly, limits)).rejects.toThrow(ArchiveRefused);
    await expect(readGithubTarball(bomb, yamlOnly, limits)).rejects.toThrow(
      /kep\.yaml is 8\.0 MiB \(over the 1\.0 MiB limit/,
    );
  });

  test("refuses an archive that unpacks past the total budget, even in files it does not keep", async () => {
    const big = githubTarball(
      "kubernetes/enhancements",
      COMMIT,
      new Map([["docs/huge.bin", Buffer.alloc(4 * 1024 * 1024)]]),
    );
    const limits = { ...DEFAULT_ARCHIVE_LIMITS, unpackedBytes: 1024 * 1024 };
    await expect(readGithubTarball(big, yamlOnly, limits)).rejects.toThrow(/unpacks to more than 1\.0 MiB/);
  });

  test.each([
    [
      "the archive of the commit asked for",
      { top: `kubernetes-enhancements-${COMMIT.slice(0, 7)}`, commit: COMMIT },
      null,
    ],
    [
      "another commit's top folder",
      { top: "kubernetes-enhancements-fedcba9", commit: null },
      /top folder is of commit fedcba9/,
    ],
    [
      "another commit in the pax header",
      { top: `kubernetes-enhancements-${COMMIT.slice(0, 7)}`, commit: "f".repeat(40) },
      /header names commit/,
    ],
    ["a top folder without a commit", { top: "enhancements", commit: null }, /names no commit/],
  ])("checks the archive's commit: %s", (_, contents, expected) => {
    const problem = checkArchiveCommit(contents, COMMIT);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});
