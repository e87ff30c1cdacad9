/**
 * Links for any deployment (src/lib/links.ts): site paths under a base path, SIG names as URL
 * slugs, feeds and the search bundle under the base path, and the link check that reads a site
 * built for one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { checkLinks } from "../../scripts/check-links.ts";
import { pagefindBundleUrl } from "../../src/components/search/pagefind-client.ts";
import { renderAtomFeed, SITE_FEED_PATH, sigFeedPath } from "../../src/lib/feeds.ts";
import {
  absoluteHref,
  BASE_PATH,
  href,
  normaliseBase,
  sigPagePath,
  sigPath,
  sigSlugs,
  siteRoot,
  withBase,
} from "../../src/lib/links.ts";
import { isSlug } from "../../src/lib/slug.ts";

describe("base paths", () => {
  test.each([
    ["/", "/"],
    ["", "/"],
    ["/kep-radar", "/kep-radar/"],
    ["kep-radar/", "/kep-radar/"],
    ["//kep-radar//", "/kep-radar/"],
    ["/a/b", "/a/b/"],
  ])("normalises base %j to %j", (base, normalised) => {
    expect(normaliseBase(base)).toBe(normalised);
  });

  test.each([
    ["/keps/753/", "/", "/keps/753/"],
    ["/keps/753/", "/kep-radar/", "/kep-radar/keps/753/"],
    ["/keps/753/", "/kep-radar", "/kep-radar/keps/753/"],
    ["/", "/kep-radar/", "/kep-radar/"],
    ["/quality/#kep-753", "/kep-radar/", "/kep-radar/quality/#kep-753"],
    ["https://github.com/kubernetes/enhancements", "/kep-radar/", "https://github.com/kubernetes/enhancements"],
    ["#main", "/kep-radar/", "#main"],
    ["//elsewhere.example/x", "/kep-radar/", "//elsewhere.example/x"],
  ])("puts site path %j under base %j as %j", (sitePath, base, link) => {
    expect(withBase(sitePath, base)).toBe(link);
  });

  test("links from the root when the build has no base (vitest, like a default build)", () => {
    expect(BASE_PATH).toBe("/");
    expect(href("/keps/753/")).toBe("/keps/753/");
  });

  test("makes absolute URLs with the base path for canonical, Open Graph and embed URLs", () => {
    expect(siteRoot("https://example.github.io", "/kep-radar").href).toBe("https://example.github.io/kep-radar/");
    expect(absoluteHref("/og/keps/753.png", new URL("https://example.github.io"), "/kep-radar/")).toBe(
      "https://example.github.io/kep-radar/og/keps/753.png",
    );
  });

  test("loads pagefind's bundle from under the base path, so its results link there too", () => {
    expect(pagefindBundleUrl("/kep-radar/")).toBe("/kep-radar/pagefind/pagefind.js");
    expect(pagefindBundleUrl("/")).toBe("/pagefind/pagefind.js");
  });

  test("writes a feed's self, alternate and entry links under the base path", () => {
    const xml = renderAtomFeed(
      [
        {
          kep: 753,
          title: "Sidecar Containers",
          owningSig: "sig-node",
          date: "2023-07-01T00:00:00Z",
          commit: "abc",
          first: false,
          changes: [{ field: "stage", from: "beta", to: "stable" }],
        },
      ],
      {
        site: siteRoot("https://example.github.io", "/kep-radar/").href,
        selfPath: SITE_FEED_PATH,
        alternatePath: "/feeds/",
        title: "t",
        subtitle: "s",
        fallbackUpdated: "2023-07-01",
        limit: 10,
      },
    );
    const links = [...xml.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(links).toEqual([
      "https://example.github.io/kep-radar/feeds/stages.xml",
      "https://example.github.io/kep-radar/feeds/",
      "https://example.github.io/kep-radar/keps/753/",
    ]);
  });
});

describe("SIG names in URLs", () => {
  // Names kep.yaml could hold that once broke the build ("/", "..", "%20") or built broken links ("sig a", "sig?a").
  const names = ["sig-node", "sig/..", "sig a", "sig?a", "sig#a", "%20", "..", "sig-a"];
  const keps = names.map((owningSig) => ({ owningSig }));

  test("gives every owning SIG a distinct slug that is one safe path segment", () => {
    const slugs = sigSlugs(keps);
    expect([...slugs.keys()].sort()).toEqual([...names].sort());
    expect(new Set(slugs.values()).size).toBe(names.length);
    for (const slug of slugs.values()) expect(isSlug(slug)).toBe(true);
  });

  test("links each SIG's page and feed to the route built for it, under any base", () => {
    const slugs = sigSlugs(keps);
    for (const name of names) {
      const slug = slugs.get(name)!;
      const page = new URL(withBase(sigPath(name, keps)!, "/kep-radar/"), "https://example.github.io/");
      expect(page.pathname).toBe(`/kep-radar/sigs/${slug}/`);
      expect(page.search + page.hash).toBe("");
      expect(new URL(withBase(sigFeedPath(slug), "/kep-radar/"), page).pathname).toBe(
        `/kep-radar/feeds/sigs/${slug}.xml`,
      );
    }
    expect(sigPath("sig-node", keps)).toBe(sigPagePath("sig-node"));
  });

  test("keeps the common names as they are and links no page for a SIG outside the data", () => {
    expect(sigSlugs([{ owningSig: "sig-api-machinery" }]).get("sig-api-machinery")).toBe("sig-api-machinery");
    expect(sigPath("sig-unknown", keps)).toBeNull();
  });
});

describe("link check under a base path", () => {
  const dist = mkdtempSync(path.join(tmpdir(), "kep-radar-base-links-"));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));
  const page = (sitePath: string, body: string) => {
    mkdirSync(path.join(dist, sitePath), { recursive: true });
    writeFileSync(path.join(dist, sitePath, "index.html"), `<!doctype html><html><body>${body}</body></html>`);
  };

  test("passes links under the base path and reports root-absolute ones", () => {
    page(
      "/",
      '<a href="/kep-radar/keps/753/">ok</a> <a href="keps/753/">relative</a> <a href="/keps/753/">root</a>' +
        '<link rel="canonical" href="https://kep-radar.github.io/kep-radar/">',
    );
    page("/keps/753/", '<a href="../../">up</a> <a href="/kep-radar/">home</a>');
    const { problems } = checkLinks(dist, { base: "/kep-radar/" });
    expect(problems.map((p) => [p.page, p.link, p.problem])).toEqual([
      ["/kep-radar/", "/keps/753/", "outside the base path /kep-radar/"],
    ]);
  });
});
