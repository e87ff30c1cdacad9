/**
 * Bench section for the tracking table (/track/): keystroke-to-paint latency of the search box
 * at the real size (every KEP) and at a synthetic 10,000 rows, and the gzip bytes of the
 * page's HTML and JavaScript. Runs Chromium against `astro preview` of an existing dist/
 * (started here on a free port and stopped again), or against a server URL it is given.
 *
 * Standalone: `node scripts/bench/track.ts [--runs 3] [--url http://127.0.0.1:4321] [--screenshots]`;
 * --screenshots [--out dir] writes PNGs of the tracking pages instead (light and dark, 1280 and
 * 390 px wide, an open filter, an empty view, no JavaScript), by default under test-results/track-screens/.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { type Browser, chromium, type Page } from "playwright-core";
import { previewDist } from "../preview.ts";
import { type BenchOptions, type Metric, metric as makeMetric, ROOT, type Section } from "./lib.ts";
import { enlargeTrackPage } from "./track-page.ts";

const SECTION = "track";
/** Words typed and then erased letter by letter; each letter is one measured keystroke. */
const WORDS = ["sidecar", "storage", "node", "api", "gate", "1.3", "beta"];
const SYNTHETIC_ROWS = 10_000;

/** Options this section reads: the shared ones, plus a running server to reuse. */
export type TrackBenchOptions = Partial<BenchOptions> & { serverUrl?: string };

/** A metric of this section, judged against an upper bound when given. */
function metric(name: string, value: number, unit: string, max?: number): Metric {
  return makeMetric(SECTION, name, value, unit, max === undefined ? undefined : { max });
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low);
}

/** Serves a build that has the tracking page. */
async function startPreview(outDir = "dist"): Promise<{ url: string; stop: () => void }> {
  if (!existsSync(path.resolve(ROOT, outDir, "track", "index.html"))) {
    throw new Error(`${outDir}/track/index.html is missing: run \`npx astro build\` first`);
  }
  return previewDist(outDir);
}

/**
 * Launches Chromium. `unpaced` turns off vsync and the frame-rate limit, so "next paint" comes
 * as soon as the work is done: the number is the cost of a keystroke, not the wait for the next
 * 60 Hz frame (with pacing on, a keystroke that does nothing already measures about 13 ms here).
 */
function launch(unpaced = false): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
  if (unpaced) args.push("--disable-gpu-vsync", "--disable-frame-rate-limit");
  return chromium.launch({ executablePath, args });
}

/**
 * Arms a one-shot measurement in the page: from the keydown's timestamp to (a) the first DOM
 * mutation in the table region (the update landed) and (b) a requestAnimationFrame plus a
 * setTimeout(0) after it (the next paint has happened).
 */
function armKeystroke(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __key?: Promise<[number, number]> };
    w.__key = new Promise((resolve) => {
      const root = document.querySelector(".tr");
      if (!root) throw new Error("tracking island is not on the page");
      document.addEventListener(
        "keydown",
        (event) => {
          const start = event.timeStamp;
          const observer = new MutationObserver(() => {
            observer.disconnect();
            const dom = performance.now() - start;
            requestAnimationFrame(() => setTimeout(() => resolve([dom, performance.now() - start]), 0));
          });
          observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
        },
        { once: true, capture: true },
      );
    });
  });
}

/** Types and erases WORDS `rounds` times in the search box; returns [toDom, toPaint] per keystroke. */
async function measureTyping(page: Page, url: string, rounds: number): Promise<{ dom: number[]; paint: number[] }> {
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForSelector(".tr[data-ready]");
  const box = page.getByRole("main").getByRole("searchbox", { name: "Search" });
  await box.focus();
  const dom: number[] = [];
  const paint: number[] = [];
  const one = async (key: string) => {
    await armKeystroke(page);
    await page.keyboard.press(key);
    const [d, p] = await page.evaluate(() => (window as unknown as { __key: Promise<[number, number]> }).__key);
    dom.push(d);
    paint.push(p);
  };
  // A warm-up word, not counted, so the JIT and caches are in their steady state.
  await box.pressSequentially("warm");
  await box.fill("");
  dom.length = 0;
  paint.length = 0;
  for (let round = 0; round < rounds; round++) {
    for (const word of WORDS) {
      for (const letter of word) await one(letter);
      for (let i = 0; i < word.length; i++) await one("Backspace");
    }
  }
  return { dom, paint };
}

/** Gzip bytes of the page's HTML and of every script it loads (external files, dynamic imports included). */
async function measureBytes(browser: Browser, url: string): Promise<{ html: number; js: number; files: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Map<string, Buffer>();
  let html = 0;
  page.on("response", async (response) => {
    const type = response.request().resourceType();
    if (type !== "script" && type !== "document") return;
    const body = await response.body().catch(() => null);
    if (!body) return;
    if (type === "document") html = gzipSync(body).length;
    else scripts.set(response.url(), body);
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForSelector(".tr[data-ready]");
  await context.close();
  const js = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body).length, 0);
  return { html, js, files: scripts.size };
}

/** Runs the measurements against a server at `baseUrl`. */
async function measure(baseUrl: string, rounds: number): Promise<Metric[]> {
  const unpaced = await launch(true);
  const paced = await launch();
  try {
    const page = await unpaced.newPage({ viewport: { width: 1280, height: 900 } });
    const real = await measureTyping(page, `${baseUrl}/track/all/`, rounds);
    const rows = await page.locator(".tr-count strong").first().textContent();
    await page.route(`${baseUrl}/track/all/`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: enlargeTrackPage(await response.text(), SYNTHETIC_ROWS) });
    });
    const big = await measureTyping(page, `${baseUrl}/track/all/`, rounds);
    const bigRows = await page.locator(".tr-count strong").first().textContent();
    if (bigRows?.replace(/\D/g, "") !== String(SYNTHETIC_ROWS))
      throw new Error(`the enlarged tracking page shows ${bigRows} rows, not ${SYNTHETIC_ROWS}`);
    await page.unroute(`${baseUrl}/track/all/`);
    const pacedPage = await paced.newPage({ viewport: { width: 1280, height: 900 } });
    const framed = await measureTyping(pacedPage, `${baseUrl}/track/all/`, 1);
    const bytes = await measureBytes(paced, `${baseUrl}/track/all/`);
    const release = await measureBytes(paced, `${baseUrl}/releases/1.29/track/`);
    const size = (n: number) => Math.round(n / 102.4) / 10;
    return [
      metric(
        `keystroke to paint, median, ${rows} rows (${real.paint.length} keys)`,
        quantile(real.paint, 0.5),
        "ms",
        16,
      ),
      metric(`keystroke to paint, p95, ${rows} rows`, quantile(real.paint, 0.95), "ms"),
      metric(`keystroke to DOM update, median, ${rows} rows`, quantile(real.dom, 0.5), "ms"),
      metric(`keystroke to paint, median, ${SYNTHETIC_ROWS} rows`, quantile(big.paint, 0.5), "ms", 50),
      metric(`keystroke to paint, p95, ${SYNTHETIC_ROWS} rows`, quantile(big.paint, 0.95), "ms"),
      metric(`keystroke to DOM update, median, ${SYNTHETIC_ROWS} rows`, quantile(big.dom, 0.5), "ms"),
      metric(`keystroke to paint at 60 Hz frame pacing, median, ${rows} rows`, quantile(framed.paint, 0.5), "ms"),
      metric(`/track/all/ JavaScript, gzip (${bytes.files} files)`, size(bytes.js), "KB", 90),
      metric("/track/all/ HTML, gzip (table + row data)", size(bytes.html), "KB", 60),
      metric("/releases/1.29/track/ HTML, gzip", size(release.html), "KB"),
    ];
  } finally {
    await unpaced.close();
    await paced.close();
  }
}

/** Screenshots of the tracking pages, light and dark, wide and narrow, plus an open filter and an empty view. */
async function takeScreenshots(baseUrl: string, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const browser = await launch();
  const written: string[] = [];
  try {
    for (const scheme of ["light", "dark"] as const) {
      for (const width of [1280, 390]) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        for (const [name, route] of [
          ["track", "/track/all/"],
          ["release-1.29", "/releases/1.29/track/"],
        ] as const) {
          await page.goto(`${baseUrl}${route}`, { waitUntil: "networkidle" });
          await page.waitForSelector(".tr[data-ready]");
          const file = path.join(dir, `${name}-${width}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: false });
          written.push(file);
        }
        await page.goto(`${baseUrl}/releases/1.29/track/?sort=tracking,-kep`, { waitUntil: "networkidle" });
        await page.waitForSelector(".tr[data-ready]");
        await page.getByRole("button", { name: "Filter by SIG" }).click();
        const menu = path.join(dir, `menu-${width}-${scheme}.png`);
        await page.screenshot({ path: menu });
        written.push(menu);
        await page.goto(`${baseUrl}/releases/1.29/track/?q=nothing-matches-this&tracking=removed`, {
          waitUntil: "networkidle",
        });
        await page.waitForSelector(".tr[data-ready]");
        const empty = path.join(dir, `empty-${width}-${scheme}.png`);
        await page.screenshot({ path: empty });
        written.push(empty);
        await context.close();
      }
    }
    const noJs = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await noJs.newPage();
    await page.goto(`${baseUrl}/releases/1.29/track/`);
    const file = path.join(dir, "release-1.29-1280-nojs.png");
    await page.screenshot({ path: file });
    written.push(file);
    await noJs.close();
  } finally {
    await browser.close();
  }
  return written;
}

/** Runs `fn` against the given server, or against a preview server started (and stopped) for it. */
async function withServer<T>(serverUrl: string | undefined, fn: (url: string) => Promise<T>): Promise<T> {
  if (serverUrl) return fn(serverUrl.replace(/\/$/, ""));
  // TRACK_BENCH_DIST serves another build folder (e.g. a private `astro build --outDir`).
  const server = await startPreview(process.env.TRACK_BENCH_DIST);
  try {
    return await fn(server.url);
  } finally {
    server.stop();
  }
}

/** The bench section; scripts/bench.ts lists it in SECTIONS. */
export const trackSection: Section = {
  name: SECTION,
  describe: "tracking table in Chromium: search keystroke to paint (all KEPs, 10,000 rows), JS and HTML gzip",
  run(options) {
    const { runs, serverUrl } = options as TrackBenchOptions;
    return withServer(serverUrl ?? process.env.TRACK_BENCH_URL, (url) => measure(url, Math.max(1, runs ?? 3)));
  },
};

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "3" },
      url: { type: "string" },
      screenshots: { type: "boolean", default: false },
      out: { type: "string", default: path.join(ROOT, "test-results", "track-screens") },
    },
  });
  if (values.screenshots) {
    const files = await withServer(values.url, (url) => takeScreenshots(url, path.resolve(values.out)));
    for (const file of files) console.log(path.relative(process.cwd(), file));
  } else {
    const options: TrackBenchOptions = { runs: Number(values.runs) || 3 };
    if (values.url) options.serverUrl = values.url;
    const metrics = await trackSection.run(options as BenchOptions);
    for (const m of metrics) {
      const verdict = m.ok === null ? "" : m.ok ? "ok" : "MISSED";
      console.log(
        `${m.name.padEnd(58)} ${m.value.toFixed(1).padStart(8)} ${m.unit.padEnd(3)} ${m.target.padEnd(10)} ${verdict}`,
      );
    }
  }
}
