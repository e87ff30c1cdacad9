/**
 * The local sync's read cache on its own: what a later run gets back, files it must not trust
 * (corrupt, from other code), the code version that invalidates it, and its size bound. The
 * sync itself on a warm cache is tested in sync.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import {
  codeVersion,
  isPlainJson,
  listCodeFiles,
  MAX_ENTRIES,
  openReadCache,
  parseKey,
  READ_CACHE_FILE,
  type ReadCache,
} from "../../scripts/sync/read-cache.ts";
import { parseKepYaml } from "../../src/lib/kep-yaml.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "kep-radar-read-cache-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let folders = 0;
/** A new empty cache folder. */
function freshDir(): string {
  const dir = path.join(scratch, `cache-${folders++}`);
  mkdirSync(dir);
  return dir;
}

const BLOB = "a".repeat(40);
const KEP_YAML = "title: Sidecar containers\nkep-number: 753\nstatus: implementable\nstage: stable\n";

/** Opens a cache, collecting what it reports. */
function open(dir: string, code = "code-1"): { cache: ReadCache; lines: string[] } {
  const lines: string[] = [];
  return { cache: openReadCache(dir, (line) => lines.push(line), code), lines };
}

/** A cache folder holding one saved kep.yaml parse. */
function savedDir(code = "code-1"): string {
  const dir = freshDir();
  const { cache } = open(dir, code);
  cache.kepYaml.set(parseKey(BLOB, "keps/sig-node/753-sidecar-containers/kep.yaml"), parseKepYaml(KEP_YAML, "k"));
  cache.save();
  return dir;
}

describe("a saved read cache", () => {
  test("gives the next run the parse result it saved, counted as a hit", () => {
    const { cache, lines } = open(savedDir());
    const key = parseKey(BLOB, "keps/sig-node/753-sidecar-containers/kep.yaml");
    expect(cache.kepYaml.get(key)).toEqual(parseKepYaml(KEP_YAML, "k"));
    expect(cache.describe()).toMatch(/reused 1 of 1 file reads/);
    expect(lines).toEqual([]);
  });

  test("gives fresh objects on every read, so a caller's change does not reach the cache", () => {
    const { cache } = open(savedDir());
    const key = parseKey(BLOB, "keps/sig-node/753-sidecar-containers/kep.yaml");
    cache.kepYaml.get(key)!.record!.title = "changed";
    expect(cache.kepYaml.get(key)?.record?.title).toBe("Sidecar containers");
  });

  test("is not rewritten by a run that found everything in it", () => {
    const dir = savedDir();
    const { cache } = open(dir);
    cache.kepYaml.get(parseKey(BLOB, "keps/sig-node/753-sidecar-containers/kep.yaml"));
    rmSync(path.join(dir, READ_CACHE_FILE));
    cache.save();
    expect(existsSync(path.join(dir, READ_CACHE_FILE))).toBe(false);
  });
});

describe("a read cache file that cannot be trusted", () => {
  test.each([
    ["not JSON at all", () => "garbage\n{"],
    ["a payload changed after it was written", (text: string) => text.replace("Sidecar", "Sidecaz")],
    ["cut short", (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ["a header that is no object", () => "null\n{}"],
    ["a header without its code and digest", () => '{"format":1}\n{"kepYaml":['],
  ])("is reported and ignored when %s", (_name, corrupt) => {
    const dir = savedDir();
    const file = path.join(dir, READ_CACHE_FILE);
    writeFileSync(file, corrupt(readFileSync(file, "utf8")));
    const { cache, lines } = open(dir);
    expect(lines).toEqual([expect.stringMatching(/read cache: .* is corrupt; ignoring it/)]);
    expect(cache.kepYaml.get(parseKey(BLOB, "keps/sig-node/753-sidecar-containers/kep.yaml"))).toBeUndefined();
  });

  test("written by other reader code is ignored without a word (a code change is expected)", () => {
    const { cache, lines } = open(savedDir("code-1"), "code-2");
    expect(cache.kepYaml.get(parseKey(BLOB, "keps/sig-node/753-sidecar-containers/kep.yaml"))).toBeUndefined();
    expect(lines).toEqual([]);
  });

  test("written in another layout of the cache is ignored without a word", () => {
    const dir = savedDir();
    const file = path.join(dir, READ_CACHE_FILE);
    writeFileSync(file, readFileSync(file, "utf8").replace(/^\{"format":1,/, '{"format":2,'));
    const { cache, lines } = open(dir);
    expect(cache.kepYaml.get(parseKey(BLOB, "keps/sig-node/753-sidecar-containers/kep.yaml"))).toBeUndefined();
    expect(lines).toEqual([]);
  });

  test("that is a folder is reported, and saving over it is reported too, never thrown", () => {
    const dir = freshDir();
    mkdirSync(path.join(dir, READ_CACHE_FILE));
    const { cache, lines } = open(dir);
    cache.kepYaml.set(parseKey(BLOB, "x/kep.yaml"), parseKepYaml(KEP_YAML, "x/kep.yaml"));
    expect(() => cache.save()).not.toThrow();
    expect(lines).toEqual([
      expect.stringMatching(/read cache: cannot read .*reading everything afresh/),
      expect.stringMatching(/read cache: cannot write .*written all the same/),
    ]);
  });
});

describe("the read cache's code version", () => {
  test("changes when a module the readers import changes", () => {
    const modules = path.join(scratch, "modules");
    mkdirSync(path.join(modules, "lib"), { recursive: true });
    writeFileSync(
      path.join(modules, "reader.ts"),
      'import { helper } from "./lib/helper.ts";\nexport const read = 1;\n',
    );
    writeFileSync(path.join(modules, "lib", "helper.ts"), "export const helper = 1;\n");
    const before = codeVersion(["reader.ts"], modules);
    writeFileSync(path.join(modules, "lib", "helper.ts"), "export const helper = 2;\n");
    expect(codeVersion(["reader.ts"], modules)).not.toBe(before);
  });

  test("covers the kep.yaml reader's parts and the readiness checks", () => {
    expect(listCodeFiles()).toEqual(
      expect.arrayContaining([
        "src/lib/kep-yaml.ts",
        "src/lib/kep-yaml/raw-yaml.ts",
        "src/lib/kep-yaml/fields.ts",
        "src/lib/readiness/checks.ts",
        "src/lib/readiness/readme.ts",
        "scripts/sync/read-cache.ts",
      ]),
    );
  });

  test("is written in the cache file's header", () => {
    const dir = freshDir();
    const cache = openReadCache(dir, () => {});
    cache.kepYaml.set(parseKey(BLOB, "x/kep.yaml"), parseKepYaml(KEP_YAML, "x/kep.yaml"));
    cache.save();
    const header = JSON.parse(readFileSync(path.join(dir, READ_CACHE_FILE), "utf8").split("\n")[0]!);
    expect(header.code).toBe(codeVersion());
  });
});

describe("what the read cache keeps", () => {
  test.each([
    ["undefined", { a: undefined }],
    ["NaN", { a: Number.NaN }],
    ["minus zero", [-0]],
    ["an array item undefined", [1, undefined]],
    ["a Map", new Map()],
  ])("leaves out a value holding %s, which JSON would not give back", (_name, value) => {
    expect(isPlainJson(value)).toBe(false);
    const { cache } = open(freshDir());
    cache.readiness.set("key", value as never);
    expect(cache.readiness.get("key")).toBeUndefined();
  });

  test(`keeps at most ${MAX_ENTRIES} entries, this run's first`, () => {
    const dir = freshDir();
    const first = open(dir).cache;
    for (let i = 0; i < MAX_ENTRIES; i++) first.readiness.set(`old ${i}`, { stage: null, checks: [] });
    first.save();
    const second = open(dir).cache;
    second.readiness.set("new", { stage: "alpha", checks: [] });
    second.save();
    const third = open(dir).cache;
    expect(third.readiness.get("new")).toEqual({ stage: "alpha", checks: [] });
    expect(third.readiness.get(`old ${MAX_ENTRIES - 2}`)).toBeDefined();
    expect(third.readiness.get(`old ${MAX_ENTRIES - 1}`)).toBeUndefined();
  });
});
