/**
 * Bench section: the site build (time, pages per second), cold and warm, and what each page type
 * weighs: HTML bytes gzip, and JS bytes gzip that Chromium loads before any scrolling
 * (charts that hydrate when visible are not counted until they scroll into view).
 *
 * Cold: `astro build` with an empty build cache (KEP_RADAR_BUILD_CACHE pointed at a new folder), so
 * every proposal, social image, logo, search index and CSP hash is made. Warm: the builds after it
 * with that cache and the same inputs (snapshot, upstream sources, code), which is what a
 * developer's or CI's next build sees; the median of up to three. The bound is on warm. Both
 * build into dist/ and neither touches the developer's own cache; the clone of the enhancements
 * bundle in .cache (a source, not a build output) is kept.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { previewDist } from "../preview.ts";
import { type Metric, median, metric, ROOT, type Section } from "./lib.ts";

/** Warm builds timed at most (the median is reported). */
const MAX_WARM_RUNS = 3;

/** Page types measured, with a representative URL and their targets (KB gzip). */
export const PAGE_TYPES: { type: string; url: string; maxHtmlKb?: number; maxJsKb?: number }[] = [
  { type: "home", url: "/" },
  { type: "release", url: "/releases/1.29/", maxJsKb: 10 },
  { type: "kep", url: "/keps/753/", maxHtmlKb: 15, maxJsKb: 0 },
  { type: "proposal", url: "/keps/753/proposal/", maxJsKb: 0 },
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

/** Wall seconds of one `astro build` into dist/ with the build cache in `cacheDir`; throws with its stderr when it fails. */
function timeBuild(cacheDir: string): number {
  const started = performance.now();
  const result = spawnSync(path.join(ROOT, "node_modules", ".bin", "astro"), ["build"], {
    cwd: ROOT,
    env: { ...process.env, KEP_RADAR_BUILD_CACHE: cacheDir },
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`astro build failed: ${result.stderr?.toString().trim()}`);
  return seconds;
}

export const siteSection: Section = {
  name: "site",
  describe: "astro build time and pages/s, cold and warm; HTML and JS bytes (gzip) per page type, in Chromium",
  async run(options) {
    const cacheDir = mkdtempSync(path.join(tmpdir(), "kep-radar-bench-cache-"));
    let cold: number;
    const warm: number[] = [];
    try {
      cold = timeBuild(cacheDir);
      for (let run = 0; run < Math.min(options.runs, MAX_WARM_RUNS); run++) warm.push(timeBuild(cacheDir));
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    const warmSeconds = median(warm);
    const pages = countHtml(path.join(ROOT, "dist"));
    const metrics = [
      metric("site", "HTML pages built", pages, "pages"),
      metric("site", "astro build, cold (empty build cache)", cold, "s"),
      metric("site", "build speed, cold", pages / cold, "pages/s"),
      metric("site", `astro build, warm (median of ${warm.length} after the cold one)`, warmSeconds, "s"),
      metric("site", "build speed, warm", pages / warmSeconds, "pages/s", { min: 150 }),
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
