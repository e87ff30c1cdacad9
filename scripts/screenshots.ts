/**
 * Screenshots of every page type at desktop and phone widths, light and dark, for looking
 * at the site as a reader would. Serves the existing build (run `npx astro build` first)
 * with `astro preview` and writes PNGs to .cache/screenshots/ (gitignored; not test-results/,
 * which Playwright empties at the start of every test run).
 * `--help` lists the options.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { previewDist } from "./preview.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, ".cache", "screenshots");

/** One page of each type (and the releases whose data differs most). */
const PAGES: Record<string, string> = {
  home: "/",
  releases: "/releases/",
  "release-1.29": "/releases/1.29/",
  "release-1.30": "/releases/1.30/",
  "release-1.37": "/releases/1.37/",
  keps: "/keps/",
  "kep-753": "/keps/753/",
  "kep-1287": "/keps/1287/",
  sigs: "/sigs/",
  "sig-node": "/sigs/sig-node/",
  stats: "/stats/",
  track: "/track/",
  "track-all": "/track/all/",
  "track-1.29": "/releases/1.29/track/",
  "readiness-1.37": "/releases/1.37/readiness/",
  "present-1.33": "/present/1.33/",
  "embed-1.29": "/embed/releases/1.29/",
};
const WIDTHS = [1280, 390];

const HELP = `Usage: node scripts/screenshots.ts [options]

Screenshots of every page type at 1280 and 390 px, light and dark, from the existing build
(run \`npx astro build\` first), written to .cache/screenshots/.

Options:
  --only <name>   only this page (repeatable): ${Object.keys(PAGES).join(", ")}
  --light-only    skip dark mode
  --viewport      the first screen only, not the full page
  --dist <dir>    serve another build folder (default dist)
  --tag <suffix>  add a suffix to the file names
  -h, --help      show this help`;

const { values } = parseArgs({
  options: {
    only: { type: "string", multiple: true },
    "light-only": { type: "boolean", default: false },
    viewport: { type: "boolean", default: false },
    dist: { type: "string", default: "dist" },
    tag: { type: "string", default: "" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const DIST = path.resolve(ROOT, values.dist);
if (!existsSync(path.join(DIST, "index.html"))) {
  console.error(`No build in ${values.dist}: run \`npx astro build\` first.`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
const server = await previewDist(DIST);
const BASE = server.url;
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  const names = values.only ?? Object.keys(PAGES);
  const schemes = values["light-only"] ? (["light"] as const) : (["light", "dark"] as const);
  for (const scheme of schemes) {
    for (const width of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width, height: width > 600 ? 900 : 844 },
        colorScheme: scheme,
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      for (const name of names) {
        const url = PAGES[name];
        if (!url) throw new Error(`unknown page ${name}`);
        await page.goto(`${BASE}${url}`, { waitUntil: "networkidle" });
        if (!values.viewport) {
          // Scroll through so charts hydrate and lazy images load, then back to the top.
          await page.evaluate(async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
              window.scrollTo(0, y);
              await new Promise((resolve) => setTimeout(resolve, 60));
            }
            window.scrollTo(0, 0);
          });
          await page.waitForLoadState("networkidle");
          // Charts replace their placeholder once hydrated.
          await page
            .waitForFunction(() => document.querySelectorAll(".chart-placeholder").length === 0, null, {
              timeout: 10_000,
            })
            .catch(() => console.warn(`  ${name}: some charts did not draw`));
          await page.waitForTimeout(200);
        }
        const suffix = `${values.tag ? `-${values.tag}` : ""}${scheme === "dark" ? "-dark" : ""}`;
        const file = path.join(OUT, `${name}-${width}${suffix}.png`);
        await page.screenshot({ path: file, fullPage: !values.viewport });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        console.log(`${path.relative(ROOT, file)}${overflow > 0 ? `  (overflows by ${overflow}px)` : ""}`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.stop();
}
