/**
 * After the build: indexes the HTML in dist/ with pagefind (written to dist/pagefind/) and
 * writes dist/sitemap.xml listing every HTML page. Reading dist/ rather than the routes
 * means pages anyone adds are searched and listed without touching this file.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";
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

/** The integration: add it to `integrations` in astro.config.mjs. */
export default function findIntegration(): AstroIntegration {
  let site = new URL("http://localhost/");
  return {
    name: "kep-radar-find",
    hooks: {
      "astro:config:done": ({ config }) => {
        const base = config.base.endsWith("/") ? config.base : `${config.base}/`;
        if (config.site) site = new URL(base, config.site);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const files = listHtmlFiles(root);
        writeFileSync(path.join(root, "sitemap.xml"), renderSitemap(files, site));
        logger.info(`sitemap.xml lists ${files.filter((f) => !NOT_IN_SITEMAP.some((re) => re.test(f))).length} pages`);

        const { index, errors } = await pagefind.createIndex({
          forceLanguage: "en",
          excludeSelectors: EXCLUDED_SELECTORS,
        });
        if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
        try {
          let pages = 0;
          for (const file of files.filter(isSearched)) {
            const added = await index.addHTMLFile({
              url: pagePath(file),
              content: spaceBlocks(readFileSync(path.join(root, file), "utf8")),
            });
            if (added.errors.length > 0) throw new Error(`pagefind: ${file}: ${added.errors.join("; ")}`);
            pages++;
          }
          const written = await index.writeFiles({ outputPath: path.join(root, "pagefind") });
          if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join("; ")}`);
          logger.info(`pagefind indexed ${pages} pages`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
