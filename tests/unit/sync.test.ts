import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readSnapshot, type Snapshot } from "../../src/data/snapshot.ts";
import type { Kep, Release } from "../../src/lib/schema.ts";
import { lookups, readTree } from "../support/snapshot.ts";
import { ENHANCEMENTS_BUNDLE, SIG_RELEASE } from "./upstream.ts";

const SYNC = path.resolve(import.meta.dirname, "../../scripts/sync.ts");
const scratch = mkdtempSync(path.join(tmpdir(), "kep-radar-sync-test-"));
/** One read cache for the file's syncs: the first fills it, the later ones re-sync from it. */
const readCache = path.join(scratch, "read-cache");

function sync(args: string[]) {
  return spawnSync(process.execPath, [SYNC, ...args, "--read-cache", readCache], { encoding: "utf8" });
}

let snapshot: Snapshot;
let kep: (n: number) => Kep;
let release: (v: string) => Release;
const out = path.join(scratch, "content");

beforeAll(() => {
  const result = sync(["--enhancements", ENHANCEMENTS_BUNDLE, "--sig-release", SIG_RELEASE, "--out", out, "--quiet"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  snapshot = readSnapshot(out);
  ({ kep, release } = lookups(snapshot));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("sync of the real upstream data", () => {
  test("reads KEP-753 as sig-node with alpha v1.28, beta v1.29, stable v1.33", () => {
    expect(kep(753).owningSig).toBe("sig-node");
    expect(kep(753).milestones).toMatchObject({ alpha: "v1.28", beta: "v1.29", stable: "v1.33" });
  });

  test("shows KEP-1287 targeting alpha from v1.22 and shipping it in v1.27, stable in v1.35", () => {
    const alpha = kep(1287).timeline.filter((e) => e.stage === "alpha");
    expect(alpha[0]?.release).toBe("1.22");
    expect(alpha.map((e) => e.release)).toEqual(["1.22", "1.23", "1.24", "1.25", "1.26", "1.27"]);
    expect(alpha.slice(0, -1).every((e) => e.outcome === "slipped" && e.changedOn && e.movedTo)).toBe(true);
    expect(alpha.at(-1)).toMatchObject({ release: "1.27", outcome: "shipped" });
    expect(kep(1287).timeline).toContainEqual(
      expect.objectContaining({ stage: "stable", release: "1.35", outcome: "shipped" }),
    );
  });

  test("reads KEP-3866 nftables as alpha v1.29, beta v1.31, stable v1.33", () => {
    expect(kep(3866).milestones).toMatchObject({ alpha: "v1.29", beta: "v1.31", stable: "v1.33" });
    const shipped = kep(3866)
      .timeline.filter((e) => e.outcome === "shipped")
      .map((e) => [e.stage, e.release]);
    expect(shipped).toEqual([
      ["alpha", "1.29"],
      ["beta", "1.31"],
      ["stable", "1.33"],
    ]);
  });

  test("reads release 1.29 as Mandala, released 2023-12-13, enhancements freeze 01:00 UTC 2023-10-06", () => {
    const r = release("1.29");
    expect(r.theme).toBe("Mandala (The Universe)");
    expect(r.releaseDate).toBe("2023-12-13");
    expect(r.schedule.find((p) => p.id === "enhancements-freeze")?.at).toBe("2023-10-06T01:00:00Z");
  });

  test("puts 753 in beta, 3866 in alpha and 1287 in alpha (a major change) in release 1.29", () => {
    const entries = release("1.29").enhancements;
    expect(entries).toContainEqual(expect.objectContaining({ kep: 753, stage: "beta", kind: "graduating" }));
    expect(entries).toContainEqual(expect.objectContaining({ kep: 3866, stage: "alpha", kind: "net-new" }));
    expect(entries).toContainEqual(expect.objectContaining({ kep: 1287, stage: "alpha", kind: "major-change" }));
  });

  test("lists KEP-1287 as slipped out of release 1.26 to 1.27", () => {
    expect(release("1.26").slipped).toContainEqual(
      expect.objectContaining({ kep: 1287, stage: "alpha", movedTo: "1.27" }),
    );
  });

  test("covers every release from 1.19 to the in-progress 1.37", () => {
    const versions = snapshot.releases.map((r) => r.version);
    expect(versions[0]).toBe("1.19");
    expect(versions.at(-1)).toBe("1.37");
    expect(release("1.37").state).toBe("in-progress");
    expect(release("1.36").state).toBe("released");
  });

  test("records no logo for 1.30 and a logo path for 1.29", () => {
    expect(release("1.30").logo).toBeNull();
    expect(release("1.29").logo).toMatch(/^releases\/release-1\.29\/.+\.(png|svg|jpg)$/);
  });

  test("names every warning with its file and field", () => {
    expect(snapshot.warnings.length).toBeGreaterThan(100);
    for (const w of snapshot.warnings) expect(w.file.length).toBeGreaterThan(0);
    expect(snapshot.warnings).toContainEqual(
      expect.objectContaining({
        file: "keps/sig-node/2043-pod-resource-concrete-assigments/kep.yaml",
        kind: "kep-number-mismatch",
      }),
    );
  });

  test("follows renumbered KEPs to their newest number (20190603-endpointslices is KEP 752)", () => {
    expect(kep(752).history.some((v) => v.path.includes("20190603-endpointslices"))).toBe(true);
  });
});

describe("sync output", () => {
  test("is byte-identical on a re-sync from the read cache, which reads no blob it read before", () => {
    const second = path.join(scratch, "again");
    const result = sync([
      "--enhancements",
      ENHANCEMENTS_BUNDLE,
      "--sig-release",
      SIG_RELEASE,
      "--out",
      second,
      "--quiet",
    ]);
    expect(result.status).toBe(0);
    expect(readTree(second)).toEqual(readTree(out));
    expect(result.stdout).toMatch(/reused (\d+) of \1 file reads and (\d+) of \2 readiness checks; 0 blobs read/);
  });

  test("prints a summary with KEPs, versions, releases, file changes and warnings by kind", () => {
    // A corrupt read cache on the way: reported, read as empty, and the snapshot is the same.
    writeFileSync(path.join(readCache, "reads.json"), '{"format":1}\n{"kepYaml":[');
    const result = sync(["--enhancements", ENHANCEMENTS_BUNDLE, "--sig-release", SIG_RELEASE, "--out", out]);
    expect(result.stderr).toMatch(/read cache: .*reads\.json is corrupt; ignoring it/);
    expect(result.stdout).toMatch(/cache: +reused \d+ of \d+ file reads and 0 of \d+ readiness checks/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/KEPs: +\d{3}/);
    expect(result.stdout).toMatch(/releases: +19 \(1\.19 to 1\.37\)/);
    expect(result.stdout).toMatch(/0 added, 0 updated, 0 removed/);
    expect(result.stdout).toMatch(/warnings: +\d+ in \d+ kinds/);
    expect(result.stderr).toMatch(/reading kep.yaml history/);
  });

  test("prints usage with --help", () => {
    const result = sync(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--enhancements <path>/);
  });
});

describe("a broken source", () => {
  function expectUntouched(args: string[], message: RegExp) {
    const before = readTree(out);
    const result = sync([...args, "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/left as it was/);
    expect(readTree(out)).toEqual(before);
  }

  test("a missing enhancements folder fails and leaves the snapshot untouched", () => {
    expectUntouched(
      ["--enhancements", path.join(scratch, "nope"), "--sig-release", SIG_RELEASE],
      /nope does not exist/,
    );
  });

  test("an unreadable bundle fails and leaves the snapshot untouched", () => {
    const bad = path.join(scratch, "broken.bundle");
    writeFileSync(bad, "# v2 git bundle\nnot really\n");
    expectUntouched(["--enhancements", bad, "--sig-release", SIG_RELEASE], /cannot read bundle/);
  });

  test("a missing sig-release folder fails and leaves the snapshot untouched", () => {
    expectUntouched(["--enhancements", ENHANCEMENTS_BUNDLE, "--sig-release", path.join(scratch, "none")], /none/);
  });

  test("a source that lost nearly every kep.yaml fails as implausible, unless --allow-shrink", () => {
    const clone = path.join(scratch, "shrunk");
    execFileSync("git", ["clone", "--quiet", "--no-checkout", ENHANCEMENTS_BUNDLE, clone]);
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", clone, "-c", "user.name=t", "-c", "user.email=t@t", ...args], { encoding: "utf8" });
    git("read-tree", "HEAD");
    // A commit on master that deletes every other KEP metadata file, as a broken mirror would.
    const others = git("ls-tree", "-r", "--name-only", "HEAD", "keps/")
      .split("\n")
      .filter((f) => /\/kep\.yaml$/.test(f) && !f.includes("753-sidecar"));
    git("rm", "--quiet", "--cached", "--", ...others);
    git("commit", "--quiet", "-m", "lose the KEPs");
    const target = path.join(scratch, "shrink-content");
    cpSync(out, target, { recursive: true });
    const before = readTree(target);
    const args = ["--enhancements", clone, "--sig-release", SIG_RELEASE, "--out", target, "--quiet"];
    const refused = sync(args);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/KEPs would disappear/);
    expect(refused.stderr).toMatch(/--allow-shrink/);
    expect(readTree(target)).toEqual(before);
    expect(sync([...args, "--allow-shrink"]).status).toBe(0);
  });

  test("an unparsable kep.yaml is skipped with a warning naming the file; the rest goes on", () => {
    const clone = path.join(scratch, "clone");
    execFileSync("git", ["clone", "--quiet", ENHANCEMENTS_BUNDLE, clone]);
    const file = "keps/sig-node/753-sidecar-containers/kep.yaml";
    writeFileSync(path.join(clone, file), "title: [unclosed\n  : : :\n");
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", clone, "-c", "user.name=t", "-c", "user.email=t@t", ...args]);
    git("commit", "--quiet", "-am", "break 753");
    const broken = path.join(scratch, "broken-content");
    cpSync(out, broken, { recursive: true });
    const result = sync(["--enhancements", clone, "--sig-release", SIG_RELEASE, "--out", broken, "--quiet"]);
    expect(result.status).toBe(0);
    const after = readSnapshot(broken);
    expect(after.warnings).toContainEqual(expect.objectContaining({ file, action: "skipped-file" }));
    // KEP-753 keeps its last readable version; every other KEP is intact.
    expect(after.keps.find((k) => k.number === 753)?.stage).toBe("stable");
    expect(after.keps.length).toBe(snapshot.keps.length);
  });
});

describe("release lists from the real history, against the official record", () => {
  const stagesOf = (version: string, number: number) =>
    release(version)
      .enhancements.filter((e) => e.kep === number)
      .map((e) => `${e.stage}:${e.kind}`);

  test("KEP-3685 is stable in 1.28, not 1.27: its kep.yaml was created after 1.27 shipped", () => {
    expect(stagesOf("1.27", 3685)).toEqual([]);
    expect(stagesOf("1.28", 3685)).toEqual(["stable:graduating"]);
  });

  test("KEP-2727's alpha ships in 1.23, where its milestone map puts it, not in 1.22", () => {
    expect(stagesOf("1.22", 2727)).toEqual([]);
    expect(stagesOf("1.23", 2727)).toEqual(["alpha:net-new"]);
  });

  test("KEP-2371's alpha ships in 1.29, where its milestone map puts it, not in 1.22", () => {
    expect(stagesOf("1.22", 2371)).toEqual([]);
    expect(stagesOf("1.29", 2371)).toEqual(["alpha:net-new"]);
  });

  test("KEP-2149, provisional at the time and written after 1.20 shipped, is not in 1.20", () => {
    expect(stagesOf("1.20", 2149)).toEqual([]);
  });

  test("KEP-2004, KEP-2030 and KEP-2273, deleted upstream, are in no release, each with a warning naming the commit", () => {
    for (const number of [2004, 2030, 2273]) {
      expect(snapshot.releases.flatMap((r) => r.enhancements).filter((e) => e.kep === number)).toEqual([]);
      const warning = snapshot.warnings.find((w) => w.kind === "kep-deleted" && w.kep === number);
      expect(warning?.commit, String(number)).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  test("no stage of a KEP counts in two releases: later work in it is a major change", () => {
    const seen = new Map<string, string>();
    for (const r of snapshot.releases) {
      for (const e of r.enhancements) {
        if (e.kind === "major-change") continue;
        const key = `${e.kep}:${e.stage}`;
        expect(seen.get(key), `${key} in ${r.version}`).toBeUndefined();
        seen.set(key, r.version);
      }
    }
    expect(stagesOf("1.29", 1040)).toEqual(["stable:graduating"]);
    expect(stagesOf("1.30", 1040)).toEqual(["stable:major-change"]);
  });

  test("KEP-1610's stable target for 1.29, untouched during the cycle, is stale rather than slipped", () => {
    expect(release("1.29").slipped.map((s) => s.kep)).not.toContain(1610);
    expect(release("1.29").stale).toContainEqual(expect.objectContaining({ kep: 1610, stage: "stable" }));
  });

  test("no KEP keeps the title 'KEP Template', and KEP-753's 'SIG Scheduler' reads as sig-scheduling", () => {
    expect(snapshot.keps.filter((k) => /^kep template$/i.test(k.title)).map((k) => k.number)).toEqual([]);
    expect(kep(753).participatingSigs).toContain("sig-scheduling");
    expect(snapshot.warnings).toContainEqual(
      expect.objectContaining({ kind: "sig-name-mapped", kep: 753, value: "sig-scheduler -> sig-scheduling" }),
    );
  });
});
