/**
 * After the build: indexes the HTML in dist/ with pagefind (written to dist/pagefind/) and
 * writes dist/sitemap.xml listing every HTML page. Reading dist/ rather than the routes
 * means pages anyone adds are searched and listed without touching this file. The index is
 * cached (src/data/build-cache.ts) under every searched page's URL and text: a build whose pages
 * are the same as an earlier one's unpacks the index pagefind made then instead of indexing again.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";
import {
  type BuildCache,
  cacheKey,
  codeVersion,
  openBuildCache,
  packFolder,
  unpackFolder,
} from "../data/build-cache.ts";
import { escapeXml } from "../lib/feeds.ts";

/** Pages left out of the search index: near-duplicate comparisons, the search page itself, the 404. */
// Embeds and decks repeat the full pages (their canonical is the full page): search and the sitemap lead there.
const NOT_SEARCHED = [
  /^compare\/[^/]+\.\.\.[^/]+\/index\.html$/,
  /^search\/index\.html$/,
  /^404\.html$/,
  /^embed\//,
  /^present\//,
];
/** Pages left out of the sitemap. */
const NOT_IN_SITEMAP = [/^search\/index\.html$/, /^404\.html$/, /^embed\//];
/** Parts of every page that say nothing about it: the site header, footer and skip link. */
const EXCLUDED_SELECTORS = [".site-header", ".site-footer", ".skip-link", "[data-search-box]"];

/** How pagefind indexes: the language and the parts of a page left out. */
const INDEX_OPTIONS = { forceLanguage: "en", excludeSelectors: EXCLUDED_SELECTORS };
/** Search indexes kept: about 18 MB for today's site, so a few versions of it. */
const CACHE_BYTES = 96 * 1024 * 1024;

/** A page as pagefind reads it. */
export interface SearchPage {
  url: string;
  content: string;
}

/** Every .html file under a folder, relative to it with forward slashes, sorted. */
export function listHtmlFiles(root: string, prefix = ""): string[] {
  const out: string[] = [];
  const entries = readdirSync(path.join(root, prefix), { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (rel !== "pagefind" && rel !== "_astro") out.push(...listHtmlFiles(root, rel));
    } else if (entry.name.endsWith(".html")) {
      out.push(rel);
    }
  }
  return out;
}

/** The URL path of a built file: "keps/753/index.html" -> "/keps/753/", "404.html" -> "/404.html". */
export function pagePath(file: string): string {
  if (file === "index.html") return "/";
  return file.endsWith("/index.html") ? `/${file.slice(0, -"index.html".length)}` : `/${file}`;
}

/** The sitemap (sitemaps.org 0.9) for the given built files. */
export function renderSitemap(files: readonly string[], site: URL): string {
  const urls = files
    .filter((f) => !NOT_IN_SITEMAP.some((re) => re.test(f)))
    .map((f) => `  <url><loc>${escapeXml(new URL(pagePath(f).slice(1), site).href)}</loc></url>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    "</urlset>",
    "",
  ].join("\n");
}

/**
 * The HTML as pagefind should read it: a space after the end of each block-ish element, so
 * adjacent cells and terms (<dt>Status</dt><dd>implemented</dd>) do not run together into one word.
 */
export function spaceBlocks(html: string): string {
  return html.replace(/<\/(?:a|button|dt|dd|th|td|li|p|div|h[1-6]|caption|figcaption|summary)>/gi, "$& ");
}

/** Whether a built file goes into the search index. */
export function isSearched(file: string): boolean {
  return !NOT_SEARCHED.some((re) => re.test(file));
}

/** Builds the pagefind index of the pages, in their order, into `outputPath`. */
export async function buildSearchIndex(pages: readonly SearchPage[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  try {
    // All pages sent at once, not one per answer: pagefind's service reads its input on one thread
    // and handles messages one at a time in order, so the index is the same, and pagefind stays
    // busy while this process does other work (the CSP scan) instead of waiting for it to ask.
    const added = await Promise.all(pages.map((page) => index.addHTMLFile(page)));
    for (const [i, result] of added.entries())
      if (result.errors.length > 0) throw new Error(`pagefind: ${pages[i]?.url}: ${result.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  } finally {
    await pagefind.close();
  }
}

/**
 * Writes the search index of the pages into `outputPath` (a folder that does not exist yet): from
 * the cache when these exact pages were indexed before, else built (by `build`) and stored.
 */
export async function writeSearchIndex(
  pages: readonly SearchPage[],
  outputPath: string,
  cache: BuildCache,
  build: (pages: readonly SearchPage[], outputPath: string) => Promise<void> = buildSearchIndex,
): Promise<"cached" | "built"> {
  const key = cacheKey(
    codeVersion(["src/integrations/pagefind.ts"]),
    JSON.stringify(INDEX_OPTIONS),
    ...pages.flatMap((page) => [page.url, page.content]),
  );
  const packed = cache.read(key);
  if (packed) {
    try {
      unpackFolder(packed, outputPath);
      return "cached";
    } catch (error) {
      console.warn(`[cache] ignoring search index ${key.slice(0, 12)}: ${(error as Error).message}: indexing again`);
      rmSync(outputPath, { recursive: true, force: true });
    }
  }
  await build(pages, outputPath);
  cache.write(key, packFolder(outputPath));
  cache.prune();
  return "built";
}

/** Reads the searched pages of a built folder (at once) and writes their index into its pagefind/ folder. */
async function indexSite(root: string): Promise<{ pages: number; how: "cached" | "built" }> {
  const pages = listHtmlFiles(root)
    .filter(isSearched)
    .map((file) => ({ url: pagePath(file), content: spaceBlocks(readFileSync(path.join(root, file), "utf8")) }));
  const cache = openBuildCache("search-index", { maxBytes: CACHE_BYTES });
  return { pages: pages.length, how: await writeSearchIndex(pages, path.join(root, "pagefind"), cache) };
}

/**
 * The integration: add it to `integrations` in astro.config.mjs. Indexing starts once the pages
 * are generated (they are read at once, before anything rewrites them) and runs in pagefind's own
 * process while the next integrations work; the build waits for it when it is done.
 */
export default function findIntegration(): AstroIntegration {
  let site = new URL("http://localhost/");
  let indexing: Promise<{ pages: number; how: "cached" | "built" }> | null = null;
  return {
    name: "kep-radar-find",
    hooks: {
      "astro:config:done": ({ config }) => {
        const base = config.base.endsWith("/") ? config.base : `${config.base}/`;
        if (config.site) site = new URL(base, config.site);
      },
      "astro:build:generated": ({ dir }) => {
        indexing = indexSite(fileURLToPath(dir));
        // A failure surfaces in astro:build:done, which awaits it; here it would only be unhandled.
        indexing.catch(() => undefined);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = listHtmlFiles(root);
        writeFileSync(path.join(root, "sitemap.xml"), renderSitemap(files, site));
        logger.info(`sitemap.xml lists ${files.filter((f) => !NOT_IN_SITEMAP.some((re) => re.test(f))).length} pages`);
        const { pages, how } = await (indexing ?? indexSite(root));
        logger.info(`pagefind indexed ${pages} pages${how === "cached" ? " (index unpacked from the cache)" : ""}`);
      },
    },
  };
}
