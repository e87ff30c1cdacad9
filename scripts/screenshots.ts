/**
 * Screenshots of every page type at desktop and phone widths, light and dark, for looking
 * at the site as a reader would. Serves the existing build (run `npx astro build` first)
 * with `astro preview` and writes PNGs to .cache/screenshots/ (gitignored; not test-results/,
 * which Playwright empties at the start of every test run).
 *
 *   node scripts/screenshots.ts [--only <name>] [--light-only] [--viewport] [--dist <folder>] [--tag <suffix>]
 *
 * --dist serves another build folder (e.g. one built with KEP_RADAR_TODAY set); --tag adds a
 * suffix to the file names so such runs do not overwrite the usual ones.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUT = path.join(ROOT, ".cache", "screenshots");
const PORT = Number(process.env.SCREENSHOT_PORT ?? 4398);
const BASE = `http://127.0.0.1:${PORT}`;

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
};
const WIDTHS = [1280, 390];

const { values } = parseArgs({
  options: {
    only: { type: "string", multiple: true },
    "light-only": { type: "boolean", default: false },
    viewport: { type: "boolean", default: false },
    dist: { type: "string", default: "dist" },
    tag: { type: "string", default: "" },
  },
});

async function waitForServer(url: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error("astro preview exited before serving");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url}`);
}

const DIST = path.resolve(ROOT, values.dist);
if (!existsSync(path.join(DIST, "index.html"))) {
  console.error(`No build in ${values.dist}: run \`npx astro build\` first.`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
// Its own process group, so stopping it also stops the node process npx starts.
const server = spawn("npx", ["astro", "preview", "--host", "127.0.0.1", "--port", String(PORT), "--outDir", DIST], {
  cwd: ROOT,
  stdio: ["ignore", "pipe", "pipe"],
  detached: true,
});
const stopServer = () => {
  try {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
};
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ["--no-sandbox", "--disable-gpu"],
});
try {
  await waitForServer(`${BASE}/`, server);
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
  stopServer();
}
