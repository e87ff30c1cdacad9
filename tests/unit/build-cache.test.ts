/**
 * The build's caches: a warm cache spares the work (no render, no index, no parse), a corrupt
 * entry is reported and made again (never served), keys follow the content and the code, and a
 * folder stays within its budget. All in temporary folders: the project's own cache is untouched.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  type BuildCache,
  cacheKey,
  codeVersion,
  decodeEntry,
  encodeEntry,
  openBuildCache,
  packFolder,
  unpackFolder,
} from "../../src/data/build-cache.ts";
import { type Readme, readBundleHeader, renderReadmes } from "../../src/data/proposals.ts";
import { cachedSocialPng, type SocialJob } from "../../src/data/social.ts";
import { type SearchPage, writeSearchIndex } from "../../src/integrations/pagefind.ts";
import { applySecurity, inlineHashes } from "../../src/integrations/security.ts";
import type { RenderedProposal } from "../../src/lib/proposal.ts";
import { ENHANCEMENTS_BUNDLE } from "./upstream.ts";

let root: string;
let warnings: string[];

function open(kind: string, maxBytes = 1 << 30): BuildCache {
  return openBuildCache(kind, { root, maxBytes, warn: (message) => warnings.push(message) });
}

/** Flips one byte of every entry in a cache folder. */
function corruptEntries(cache: BuildCache): void {
  for (const name of readdirSync(cache.dir)) {
    const file = path.join(cache.dir, name);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
  }
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "kep-radar-build-cache-"));
  warnings = [];
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe("cache entries", () => {
  test("read back the bytes written under a key", () => {
    const cache = open("kind");
    const key = cacheKey("a", "b");
    cache.write(key, "hello");
    expect(cache.read(key)?.toString()).toBe("hello");
    expect(cache.read(cacheKey("a", "c"))).toBeNull();
  });

  test("give different keys to parts that only differ in where they split", () => {
    expect(cacheKey("ab", "c")).not.toBe(cacheKey("a", "bc"));
  });

  test("refuse an entry cut short or with a flipped bit, and say why", () => {
    const stored = encodeEntry("some rendered page");
    expect(decodeEntry(stored)).toMatchObject({ ok: true });
    expect(decodeEntry(stored.subarray(0, stored.length - 3))).toMatchObject({ ok: false });
    const flipped = Buffer.from(stored);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(decodeEntry(flipped)).toEqual({ ok: false, reason: "checksum mismatch" });
    expect(decodeEntry(Buffer.from("not a cache entry at all"))).toMatchObject({ ok: false });
  });

  test("ignore a corrupt entry with a message and remove it", () => {
    const cache = open("kind");
    const key = cacheKey("page");
    cache.write(key, "the right bytes");
    corruptEntries(cache);
    expect(cache.read(key)).toBeNull();
    expect(warnings).toEqual([expect.stringMatching(/ignoring corrupt entry .*checksum mismatch/)]);
    expect(readdirSync(cache.dir)).toEqual([]);
  });

  test("prune the entries used longest ago beyond the budget, never one this build used", () => {
    const writer = open("kind", 450); // two entries of about 200 bytes (header and text)
    const keys = ["1", "2", "3", "4"].map((n) => cacheKey(n));
    keys.forEach((key, i) => {
      writer.write(key, "x".repeat(100));
      const past = new Date(Date.now() - (10 - i) * 60_000);
      utimesSync(path.join(writer.dir, key), past, past);
    });
    const build = open("kind", 450);
    expect(build.read(keys[0]!)).not.toBeNull(); // the oldest, but used by this build
    expect(build.prune()).toBe(2);
    expect(readdirSync(build.dir).sort()).toEqual([keys[0], keys[3]].sort());
  });

  test("change the code version when a file of the code changes", () => {
    mkdirSync(path.join(root, "a"));
    mkdirSync(path.join(root, "b"));
    writeFileSync(path.join(root, "a", "render.ts"), "export const v = 1;");
    writeFileSync(path.join(root, "b", "render.ts"), "export const v = 2;");
    expect(codeVersion(["render.ts"], path.join(root, "a"))).not.toBe(codeVersion(["render.ts"], path.join(root, "b")));
    expect(() => codeVersion(["missing.ts"], root)).toThrow();
  });

  test("pack a folder and unpack it the same, refusing a path that leaves the folder", () => {
    const from = path.join(root, "from");
    mkdirSync(path.join(from, "sub"), { recursive: true });
    writeFileSync(path.join(from, "a.txt"), "a");
    writeFileSync(path.join(from, "sub", "b.bin"), Buffer.from([0, 1, 2]));
    const to = path.join(root, "to");
    expect(unpackFolder(packFolder(from), to)).toBe(2);
    expect(readFileSync(path.join(to, "sub", "b.bin"))).toEqual(Buffer.from([0, 1, 2]));
    const evil = Buffer.from(`${JSON.stringify([["../escape.txt", 1]])}\nx`);
    expect(() => unpackFolder(evil, to)).toThrow(/bad pack entry/);
  });
});

describe("proposals", () => {
  const readmes: Readme[] = [
    { number: 1, blob: "b1", path: "keps/sig-a/1-one/README.md", key: cacheKey("one") },
    { number: 2, blob: "b2", path: "keps/sig-a/2-two/README.md", key: cacheKey("two") },
  ];
  const texts = () =>
    new Map([
      ["b1", "# One"],
      ["b2", "# Two"],
    ]);

  test("a second build with a warm cache renders nothing and reads no README", async () => {
    const render = vi.fn(async (text: string): Promise<RenderedProposal> => {
      return { html: `<h1>${text}</h1>`, toc: [], summary: null, truncated: false };
    });
    const read = vi.fn(texts);
    const first = await renderReadmes(readmes, open("proposals"), read, render);
    expect(render).toHaveBeenCalledTimes(2);
    const second = await renderReadmes(readmes, open("proposals"), read, render);
    expect(render).toHaveBeenCalledTimes(2);
    expect(read).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
  });

  test("a corrupt cached proposal is rendered again, not shown", async () => {
    const render = vi.fn(async (text: string) => ({ html: text, toc: [], summary: null, truncated: false }));
    await renderReadmes(readmes, open("proposals"), texts, render);
    corruptEntries(open("proposals"));
    const again = await renderReadmes(readmes, open("proposals"), texts, render);
    expect(render).toHaveBeenCalledTimes(4);
    expect(again.get(readmes[0]!.key)?.html).toBe("# One");
    expect(warnings).toHaveLength(2);
  });
});

describe("the enhancements bundle's clone", () => {
  test("is keyed by what a bundle holds, read from its header (its refs); a file that is no bundle has none", () => {
    const header = readBundleHeader(ENHANCEMENTS_BUNDLE);
    expect(header).toMatch(/^# v[23] git bundle\n[0-9a-f]{40} refs\/heads\/master/);
    const notBundle = path.join(root, "not-a-bundle");
    writeFileSync(notBundle, "PK\u0003\u0004 a zip, say");
    expect(readBundleHeader(notBundle)).toBeNull();
  });
});

describe("social images", () => {
  const job: SocialJob = {
    src: "/og/keps/1.png",
    alt: "KEP-1",
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>',
    logo: null,
  };

  test("a second build with a warm cache draws nothing", async () => {
    const draw = vi.fn(async () => new Uint8Array([137, 80, 78, 71]));
    const first = await cachedSocialPng(job, open("social"), draw);
    const second = await cachedSocialPng(job, open("social"), draw);
    expect(draw).toHaveBeenCalledTimes(1);
    expect(Buffer.from(second)).toEqual(Buffer.from(first));
    await cachedSocialPng({ ...job, svg: job.svg.replace('width="4"', 'width="5"') }, open("social"), draw);
    expect(draw).toHaveBeenCalledTimes(2);
  });
});

describe("search index", () => {
  const pages: SearchPage[] = [
    { url: "/keps/1/", content: "<html><body><h1>One</h1></body></html>" },
    { url: "/keps/2/", content: "<html><body><h1>Two</h1></body></html>" },
  ];
  const fakeBuild = vi.fn(async (indexed: readonly SearchPage[], outputPath: string) => {
    mkdirSync(path.join(outputPath, "index"), { recursive: true });
    writeFileSync(path.join(outputPath, "index", "en.pf_index"), indexed.map((p) => p.url).join(","));
  });

  test("the same pages get the index unpacked from the cache, without indexing", async () => {
    fakeBuild.mockClear();
    expect(await writeSearchIndex(pages, path.join(root, "dist1"), open("search"), fakeBuild)).toBe("built");
    expect(await writeSearchIndex(pages, path.join(root, "dist2"), open("search"), fakeBuild)).toBe("cached");
    expect(fakeBuild).toHaveBeenCalledTimes(1);
    expect(readFileSync(path.join(root, "dist2", "index", "en.pf_index"), "utf8")).toBe("/keps/1/,/keps/2/");
  });

  test("a page whose text changed is indexed again", async () => {
    fakeBuild.mockClear();
    await writeSearchIndex(pages, path.join(root, "dist1"), open("search"), fakeBuild);
    const changed = [pages[0]!, { ...pages[1]!, content: pages[1]!.content.replace("Two", "Deux") }];
    expect(await writeSearchIndex(changed, path.join(root, "dist2"), open("search"), fakeBuild)).toBe("built");
    expect(fakeBuild).toHaveBeenCalledTimes(2);
  });
});

describe("CSP hashes", () => {
  function site(): string {
    const dist = mkdtempSync(path.join(root, "dist-"));
    const page = (script: string) =>
      `<!doctype html><html><head><meta charset="utf-8"><style>p{color:red}</style></head><body><script>${script}</script></body></html>`;
    mkdirSync(path.join(dist, "a"));
    writeFileSync(path.join(dist, "a", "index.html"), page("a()"));
    writeFileSync(path.join(dist, "index.html"), page("home()"));
    return dist;
  }

  test("a second build with a warm cache parses no page and writes the same policies", async () => {
    const plain = site();
    await applySecurity(plain);
    const hashes = vi.fn(inlineHashes);
    const first = site();
    expect((await applySecurity(first, open("csp"), hashes)).parsed).toBe(2);
    const second = site();
    expect((await applySecurity(second, open("csp"), hashes)).parsed).toBe(0);
    expect(hashes).toHaveBeenCalledTimes(2);
    for (const dist of [first, second]) {
      expect(readFileSync(path.join(dist, "a", "index.html"), "utf8")).toBe(
        readFileSync(path.join(plain, "a", "index.html"), "utf8"),
      );
      expect(readFileSync(path.join(dist, "_headers"), "utf8")).toBe(
        readFileSync(path.join(plain, "_headers"), "utf8"),
      );
    }
  });

  test("a corrupt memo is ignored: every page is parsed again", async () => {
    await applySecurity(site(), open("csp"));
    corruptEntries(open("csp"));
    expect((await applySecurity(site(), open("csp"))).parsed).toBe(2);
    expect(warnings).toEqual([expect.stringMatching(/ignoring corrupt entry/)]);
  });
});
