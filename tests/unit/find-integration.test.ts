import { describe, expect, test } from "vitest";
import { isSearched, pagePath, renderSitemap, spaceBlocks } from "../../src/integrations/pagefind.ts";

describe("sitemap and search index selection", () => {
  test("turns built files into page paths", () => {
    expect(pagePath("index.html")).toBe("/");
    expect(pagePath("keps/753/index.html")).toBe("/keps/753/");
    expect(pagePath("404.html")).toBe("/404.html");
  });

  test("lists pages with absolute URLs and leaves out the 404 and the search page", () => {
    const xml = renderSitemap(
      ["index.html", "404.html", "search/index.html", "compare/1.29...1.33/index.html"],
      new URL("https://example.org/"),
    );
    expect(xml).toContain("<loc>https://example.org/</loc>");
    expect(xml).toContain("<loc>https://example.org/compare/1.29...1.33/</loc>");
    expect(xml).not.toContain("404");
    expect(xml).not.toContain("/search/");
  });

  test("keeps near-duplicate comparisons out of the search index but not the compare index", () => {
    expect(isSearched("compare/1.29...1.33/index.html")).toBe(false);
    expect(isSearched("compare/index.html")).toBe(true);
    expect(isSearched("keps/753/index.html")).toBe(true);
  });

  test("separates adjacent cells so their words stay apart in the index", () => {
    expect(spaceBlocks("<dl><dt>Status</dt><dd>implemented</dd></dl>")).toBe(
      "<dl><dt>Status</dt> <dd>implemented</dd> </dl>",
    );
  });
});
