import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { readGithubTarball, TarballError } from "../../scripts/sync/github/tarball.ts";
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
  test("strips the kubernetes-enhancements-<sha> top folder and keeps only the files asked for", () => {
    const { files } = readGithubTarball(archive, yamlOnly);
    expect([...files.keys()].sort()).toEqual([LONG, "keps/sig-node/753-sidecar-containers/kep.yaml"].sort());
    expect(files.get("keps/sig-node/753-sidecar-containers/kep.yaml")?.toString()).toMatch(/kep-number: 753/);
  });

  test("reads the commit from the pax global header GitHub writes", () => {
    expect(readGithubTarball(archive, yamlOnly).commit).toBe(COMMIT);
  });

  test("follows pax path records for paths longer than ustar holds", () => {
    expect(readGithubTarball(archive, yamlOnly).files.get(LONG)?.toString()).toBe("title: A KEP in a deep folder\n");
  });

  test("refuses a download cut in half instead of returning fewer files", () => {
    expect(() => readGithubTarball(archive.subarray(0, Math.floor(archive.length / 2)), yamlOnly)).toThrow(
      TarballError,
    );
  });

  test("refuses an empty download (a connection cut before the body)", () => {
    expect(() => readGithubTarball(new Uint8Array(0), yamlOnly)).toThrow(/empty/);
  });

  test("refuses an archive whose tar stream ends inside a file", () => {
    const tar = gunzipSync(archive);
    const cut = gzipSync(tar.subarray(0, 512 * 5));
    expect(() => readGithubTarball(cut, yamlOnly)).toThrow(/truncated/);
  });
});
