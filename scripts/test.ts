/**
 * `npm test`: static checks, unit tests (vitest), a production build and browser tests
 * (Playwright in Chromium), then one closing line "N passed, N failed" over all of them.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "./preview.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(ROOT, "test-results");

const HELP = `Usage: npm test [-- options]

Runs every test and ends with one line "N passed, N failed".
  1. type check (astro check) and lint (biome), each counted as one test
  2. unit tests (vitest, tests/unit)
  3. a production build of the site from content/
  4. browser tests (Playwright in Chromium, tests/e2e) against that build

Options:
  --unit       only the checks and unit tests
  --e2e        only the build and the browser tests
  -h, --help   show this help

Chromium: CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own browsers.
`;

interface Tally {
  passed: number;
  failed: number;
}

/** Runs a tool from node_modules/.bin (no npx: no npm start-up or warnings) with its output shown. */
function run(label: string, tool: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n── ${label} ──`);
  const bin = path.join(ROOT, "node_modules", ".bin", tool);
  const result = spawnSync(bin, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function vitestTally(file: string): Tally | null {
  const report = readJson(file) as { numPassedTests?: number; numFailedTests?: number } | null;
  if (!report || typeof report.numPassedTests !== "number") return null;
  return { passed: report.numPassedTests, failed: report.numFailedTests ?? 0 };
}

function playwrightTally(file: string): Tally | null {
  const report = readJson(file) as { stats?: { expected: number; unexpected: number; flaky: number } } | null;
  if (!report?.stats) return null;
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      unit: { type: "boolean", default: false },
      e2e: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const all = !values.unit && !values.e2e;
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const tally: Tally = { passed: 0, failed: 0 };
  const count = (ok: boolean) => (ok ? tally.passed++ : tally.failed++);

  if (all || values.unit) {
    count(run("type check: astro check", "astro", ["check", "--minimumSeverity", "warning"]));
    // Warnings fail too (astro check above does the same with --minimumSeverity warning).
    count(
      run("lint and format: biome", "biome", [
        "ci",
        "--error-on-warnings",
        ...(process.stdout.isTTY ? [] : ["--colors=off"]),
        ".",
      ]),
    );
    const vitestJson = path.join(RESULTS, "vitest.json");
    const ok = run("unit tests: vitest", "vitest", [
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${vitestJson}`,
    ]);
    const unit = vitestTally(vitestJson);
    if (unit) {
      tally.passed += unit.passed;
      tally.failed += unit.failed;
    }
    if (!unit || (!ok && unit.failed === 0)) tally.failed++;
  }

  if (all || values.e2e) {
    const built = run("build: astro build", "astro", ["build"]);
    count(built);
    if (built) {
      const playwrightJson = path.join(RESULTS, "playwright.json");
      const ok = run("browser tests: playwright (chromium)", "playwright", ["test", "--reporter=list,json"], {
        PLAYWRIGHT_JSON_OUTPUT_FILE: playwrightJson,
        // A port nothing else holds, so a preview or another test run elsewhere does not stop this one.
        E2E_PORT: process.env.E2E_PORT ?? String(await freePort()),
      });
      const e2e = playwrightTally(playwrightJson);
      if (e2e) {
        tally.passed += e2e.passed;
        tally.failed += e2e.failed;
      }
      if (!e2e || (!ok && e2e.failed === 0)) tally.failed++;
    }
  }

  console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed === 0 ? 0 : 1;
}

process.exitCode = await main();
