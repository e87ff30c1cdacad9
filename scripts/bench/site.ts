/**
 * Bench section: the site build (time, pages per second) and what each page type
 * weighs: HTML bytes gzip, and JS bytes gzip that Chromium loads before any scrolling
 * (charts that hydrate when visible are not counted until they scroll into view).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { previewDist } from "../preview.ts";
import { type Metric, medianOf, metric, ROOT, type Section, timeCommand } from "./lib.ts";

/** Page types measured, with a representative URL and their targets (KB gzip). */
export const PAGE_TYPES: { type: string; url: string; maxHtmlKb?: number; maxJsKb?: number }[] = [
  { type: "home", url: "/" },
  { type: "release", url: "/releases/1.29/", maxJsKb: 10 },
  { type: "kep", url: "/keps/753/", maxHtmlKb: 15, maxJsKb: 0 },
  { type: "kep index", url: "/keps/" },
  { type: "stats", url: "/stats/" },
  { type: "track", url: "/track/all/", maxHtmlKb: 60, maxJsKb: 90 },
  { type: "embed", url: "/embed/releases/1.29/" },
];

function countHtml(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) count += countHtml(full);
    else if (entry.name.endsWith(".html")) count++;
  }
  return count;
}

/** Launches Chromium the way the tests do (Debian's binary unless CHROMIUM_PATH says otherwise). */
export function launchChromium() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  return chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}

async function measureWeights(url: string): Promise<Metric[]> {
  const browser = await launchChromium();
  const metrics: Metric[] = [];
  try {
    for (const pageType of PAGE_TYPES) {
      const file = path.join(ROOT, "dist", pageType.url, "index.html");
      let html: Buffer;
      try {
        html = readFileSync(file);
      } catch {
        continue; // this page type is not built yet
      }
      const page = await browser.newPage();
      const scripts: Promise<number>[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") {
          scripts.push(
            response.body().then(
              (body) => gzipSync(body).length,
              () => 0,
            ),
          );
        }
      });
      await page.goto(`${url}${pageType.url}`, { waitUntil: "networkidle" });
      const jsBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      await page.close();
      const htmlKb = gzipSync(html).length / 1024;
      const jsKb = jsBytes / 1024;
      const htmlBound = pageType.maxHtmlKb === undefined ? undefined : { max: pageType.maxHtmlKb };
      const jsBound = pageType.maxJsKb === undefined ? undefined : { max: pageType.maxJsKb };
      metrics.push(metric("site", `${pageType.type} ${pageType.url}: HTML gzip`, htmlKb, "KB", htmlBound));
      metrics.push(metric("site", `${pageType.type} ${pageType.url}: JS gzip before scrolling`, jsKb, "KB", jsBound));
    }
  } finally {
    await browser.close();
  }
  return metrics;
}

export const siteSection: Section = {
  name: "site",
  describe: "astro build time and pages/s; HTML and JS bytes (gzip) per page type, in Chromium",
  async run(options) {
    const seconds = medianOf(Math.min(options.runs, 3), () =>
      timeCommand(path.join(ROOT, "node_modules", ".bin", "astro"), ["build"]),
    );
    const pages = countHtml(path.join(ROOT, "dist"));
    const metrics = [
      metric("site", "astro build (whole site)", seconds, "s"),
      metric("site", "HTML pages built", pages, "pages"),
      metric("site", "build speed", pages / seconds, "pages/s", { min: 150 }),
    ];
    const server = await previewDist();
    try {
      metrics.push(...(await measureWeights(server.url)));
    } finally {
      server.stop();
    }
    return metrics;
  },
};
