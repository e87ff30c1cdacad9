import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium unless CHROMIUM_PATH says otherwise; with neither, Playwright's own browser.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const port = Number(process.env.E2E_PORT ?? 4399);
// E2E_DIST serves another build folder (e.g. a private `astro build --outDir`); default dist/.
const dist = process.env.E2E_DIST ?? "dist";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous on purpose: the suite must pass on a loaded two-core machine, where a page's first
  // paint or an island's hydration can take seconds. No test asserts on speed (npm run bench does).
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices["Desktop Chrome"],
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  // Tests run against the production build (npm test builds it first).
  webServer: {
    // --ignore-lock: Astro allows one preview per project; a developer may have another running.
    command: `node_modules/.bin/astro preview --ignore-lock --outDir ${dist} --host 127.0.0.1 --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
  },
});
