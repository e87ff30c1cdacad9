/**
 * The one history pass over a real git repository made here: paths git would quote, and a
 * submodule entry (gitlink) where a kep.yaml should be.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  listTreeBlobs,
  lookUpPaths,
  openEnhancementsRepo,
  readBlobs,
  readHistory,
} from "../../scripts/sync/git-history.ts";

const root = mkdtempSync(path.join(tmpdir(), "kep-radar-git-history-"));
const git = (...args: string[]) =>
  execFileSync("git", ["-C", root, "-c", "user.name=t", "-c", "user.email=t@t", ...args], { encoding: "utf8" });

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

const QUOTED = [
  "keps/sig-node/1001-café/kep.yaml",
  "keps/sig-node/1002-tab\there/kep.yaml",
  'keps/sig-node/1003-"q"/kep.yaml',
];
const GITLINK = "keps/sig-node/1004-submodule/kep.yaml";
/** A folder whose name has a newline: no line-based git protocol can name it. */
const NEWLINE = "keps/sig-node/1006-new\nline/kep.yaml";

beforeAll(() => {
  git("init", "--quiet", "--initial-branch=master");
  for (const file of QUOTED) write(file, `title: ${path.basename(path.dirname(file))}\n`);
  write("keps/sig-node/1005-plain/kep.yaml", "title: plain\n");
  write(NEWLINE, "title: newline\n");
  git("add", "-A");
  git("commit", "--quiet", "-m", "add KEPs");
  // A submodule entry at a kep.yaml path: its "blob" is a commit id that is not in this repository.
  git("update-index", "--add", "--cacheinfo", `160000,${"a".repeat(40)},${GITLINK}`);
  git("commit", "--quiet", "-m", "add a gitlink");
  // A file replaced by a gitlink reads as deleted.
  git("rm", "--quiet", "--cached", "keps/sig-node/1005-plain/kep.yaml");
  git("update-index", "--add", "--cacheinfo", `160000,${"b".repeat(40)},keps/sig-node/1005-plain/kep.yaml`);
  git("commit", "--quiet", "-m", "replace a kep.yaml by a gitlink");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("readHistory on a repository with paths git quotes and a gitlink", () => {
  test("keeps folders named with é, a tab and a quote as they are", async () => {
    const repo = await openEnhancementsRepo(root);
    const history = readHistory(repo);
    const paths = history.lineages.map((l) => l.path);
    for (const file of QUOTED) expect(paths).toContain(file);
    const blobs = readBlobs(
      repo,
      history.lineages.filter((l) => !l.deleted).flatMap((l) => l.versions.map((v) => v.blob)),
    );
    expect([...blobs.values()]).toContain("title: 1001-café\n");
  });

  test("leaves a gitlink out instead of failing on its missing blob, and reads a file it replaced as deleted", async () => {
    const repo = await openEnhancementsRepo(root);
    const history = readHistory(repo);
    expect(history.lineages.map((l) => l.path)).not.toContain(GITLINK);
    const replaced = history.lineages.find((l) => l.path === "keps/sig-node/1005-plain/kep.yaml");
    expect(replaced?.deleted).toBe(true);
    expect(() =>
      readBlobs(
        repo,
        history.lineages.flatMap((l) => l.versions.map((v) => v.blob)),
      ),
    ).not.toThrow();
  });
});

describe("lookUpPaths and listTreeBlobs on the same repository", () => {
  const head = () => git("rev-parse", "HEAD").trim();

  test("find the blob at each path, a folder with a newline too, and null for a missing file or a gitlink", async () => {
    const repo = await openEnhancementsRepo(root);
    const commit = head();
    const files = [...QUOTED, NEWLINE, "keps/sig-node/1005-plain/kep.yaml", "keps/sig-node/9999-none/kep.yaml"];
    const found = lookUpPaths(
      repo,
      files.map((file) => ({ commit, file })),
    );
    expect(found.slice(0, 4)).toEqual(
      [...QUOTED, NEWLINE].map((file) => ({ id: git("rev-parse", `${commit}:${file}`).trim(), type: "blob" })),
    );
    expect(found.slice(4)).toEqual([null, null]);
    expect(lookUpPaths(repo, [{ commit, file: "keps/sig-node" }])[0]?.type).toBe("tree");
  });

  test("lists every blob under a tree as ls-tree -r does, in its order, without the gitlink", async () => {
    const repo = await openEnhancementsRepo(root);
    const tree = git("rev-parse", `${head()}:keps`).trim();
    const expected = git("ls-tree", "-r", "-z", head(), "--", "keps/")
      .split("\0")
      .filter((row) => row.split(" ")[1] === "blob")
      .map((row) => ({ file: row.slice(row.indexOf("\t") + 1), blob: row.split(" ")[2]!.split("\t")[0]! }));
    expect(expected.map((e) => e.file)).toContain(NEWLINE);
    expect(listTreeBlobs(repo, [tree], "keps/").get(tree)).toEqual(expected);
  });
});
