import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readSnapshot, type Snapshot } from "../../src/data/snapshot.ts";
import {
  BAD_RELEASE_FOLDERS,
  BAD_SIGS,
  HOSTILE,
  hostileSyncArgs,
  MIXED_TITLE,
  makeHostileUpstream,
  QUOTED_FOLDERS,
  SCRIPT_TITLE,
} from "../support/hostile-upstream.ts";
import { ENHANCEMENTS_BUNDLE, SIG_RELEASE } from "./upstream.ts";

let upstream: ReturnType<typeof makeHostileUpstream>;
let snapshot: Snapshot;
let sync: ReturnType<typeof spawnSync>;

beforeAll(() => {
  upstream = makeHostileUpstream(ENHANCEMENTS_BUNDLE, SIG_RELEASE);
  const out = path.join(upstream.root, "content");
  // A memory cap on the child: a parser that blows up fails the test instead of the machine.
  sync = spawnSync(process.execPath, ["--max-old-space-size=768", ...hostileSyncArgs(upstream, out)], {
    encoding: "utf8",
    timeout: 90_000,
  });
  snapshot = readSnapshot(out);
}, 120_000);

afterAll(() => rmSync(upstream.root, { recursive: true, force: true }));

function warningsFor(number: number) {
  return snapshot.warnings.filter((w) => w.file.includes(`/${number}-`));
}

describe("a sync of hostile upstream data", () => {
  test("finishes with exit 0 within its time and memory bounds", () => {
    expect(sync.error).toBeUndefined();
    expect(sync.status).toBe(0);
  });

  test("keeps every real KEP intact", () => {
    const real = snapshot.keps.filter((k) => k.number < 90000);
    expect(real.length).toBe(655);
    const sidecars = real.find((k) => k.number === 753);
    expect(sidecars?.milestones).toMatchObject({ alpha: "v1.28", beta: "v1.29", stable: "v1.33" });
  });

  test("stores markup in titles as plain text, to be escaped by the pages", () => {
    expect(snapshot.keps.find((k) => k.number === HOSTILE.markup)?.title).toBe(SCRIPT_TITLE);
  });

  test("removes a bidirectional override from a title and says so", () => {
    const title = snapshot.keps.find((k) => k.number === HOSTILE.mixedScripts)?.title;
    expect(title).toBe(MIXED_TITLE.replace(/[\u202A-\u202E]/g, ""));
    expect(warningsFor(HOSTILE.mixedScripts)).toContainEqual(
      expect.objectContaining({ kind: "text-control-characters", field: "title" }),
    );
  });

  test("cuts a 200,000-character title and a 20,000-entry list, with warnings", () => {
    const kep = snapshot.keps.find((k) => k.number === HOSTILE.longText);
    expect(kep?.title.length).toBeLessThanOrEqual(500);
    expect(kep?.reviewers.length).toBeLessThanOrEqual(200);
    const kinds = warningsFor(HOSTILE.longText).map((w) => w.kind);
    expect(kinds).toEqual(expect.arrayContaining(["text-too-long", "list-too-long"]));
  });

  test.each([
    ["binary bytes", HOSTILE.binary],
    ["an alias bomb", HOSTILE.aliasBomb],
    ["50,000 levels of nesting", HOSTILE.deepNesting],
    ["a file over 1 MB", HOSTILE.huge],
    ["text that is not YAML", HOSTILE.notYaml],
  ])("skips %s with a warning naming the file", (_, number) => {
    expect(snapshot.keps.some((k) => k.number === number)).toBe(false);
    expect(warningsFor(number)).toContainEqual(expect.objectContaining({ action: "skipped-file" }));
  });

  test("reads a file with 30,000 keys and reports the unexpected ones", () => {
    expect(snapshot.keps.some((k) => k.number === HOSTILE.manyKeys)).toBe(true);
    // Listed up to 20, the rest counted: the snapshot and the pages stay small.
    const unexpected = warningsFor(HOSTILE.manyKeys).filter((w) => w.kind === "unexpected-key");
    expect(unexpected).toHaveLength(21);
    expect(unexpected.find((w) => w.field === "(more)")?.value).toMatch(/^29,980 more of this kind/);
  });

  test("keeps no milestone or date that is not one", () => {
    const kep = snapshot.keps.find((k) => k.number === HOSTILE.hostileMilestones);
    expect(kep?.latestMilestone).toBeNull();
    expect(kep?.creationDate).toBeNull();
    expect(kep?.lastUpdated).toBeNull();
    expect(Object.values(kep?.milestones ?? {}).every((m) => /^v\d+\.\d+$/.test(m ?? ""))).toBe(true);
  });

  test("reports milestones outside any plausible release and keeps v2.0, a release Kubernetes may have", () => {
    const kep = snapshot.keps.find((k) => k.number === HOSTILE.versions);
    expect(kep?.milestones).toEqual({ deprecated: "v2.0" });
    const kinds = warningsFor(HOSTILE.versions).map((w) => `${w.field}:${w.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        "milestone.alpha:milestone-before-v1",
        "milestone.beta:milestone-out-of-range",
        "milestone.stable:milestone-out-of-range",
      ]),
    );
  });

  test("keeps the KEPs whose owning SIG cannot be a path segment, with the SIG as written and a warning", () => {
    BAD_SIGS.forEach((sig, i) => {
      const kep = snapshot.keps.find((k) => k.number === HOSTILE.badSigs + i);
      expect(kep?.owningSig, sig).toBe(sig);
      expect(snapshot.warnings, sig).toContainEqual(
        expect.objectContaining({ kind: "sig-name-unknown", kep: HOSTILE.badSigs + i, value: sig }),
      );
    });
  });

  test("reads folders named with é, a tab and a quote, and steps over a gitlink at a kep.yaml path", () => {
    QUOTED_FOLDERS.forEach((folder, i) => {
      expect(snapshot.keps.find((k) => k.number === HOSTILE.quotedFolders + i)?.path).toBe(
        `keps/sig-node/${folder}/kep.yaml`,
      );
    });
    expect(snapshot.keps.some((k) => k.number === HOSTILE.gitlink)).toBe(false);
  });

  test("skips release folders that are no plausible release, each with a warning", () => {
    expect(snapshot.releases.at(-1)?.version).toBe("1.37");
    for (const folder of BAD_RELEASE_FOLDERS) {
      expect(snapshot.warnings).toContainEqual(expect.objectContaining({ file: `releases/${folder}` }));
    }
  });

  test("refuses a logo path that leaves the sig-release folder and keeps the release", () => {
    const release = snapshot.releases.find((r) => r.version === "1.37");
    expect(release).toBeDefined();
    expect(release?.logo ?? "").not.toMatch(/\.\./);
    expect(release?.theme?.length ?? 0).toBeLessThanOrEqual(500);
  });
});
