/**
 * Lighthouse (the npm package) against a served build, in the system Chromium: one shared
 * runner for the quality-gate tests and for `npm run bench`, and a command for any page:
 * `node scripts/lighthouse.ts --help`.
 */
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { previewDist } from "./preview.ts";

/** The pages the gates cover, by type. */
export const LIGHTHOUSE_PAGES: { type: string; path: string }[] = [
  { type: "home", path: "/" },
  { type: "release", path: "/releases/1.29/" },
  { type: "kep", path: "/keps/753/" },
  { type: "track", path: "/track/" },
  { type: "embed", path: "/embed/releases/1.29/" },
];

/** Category scores of one page, 0 to 100. */
export interface LighthouseScores {
  /** null when performance was not asked for (its simulated-throttling audits are the slow part). */
  performance: number | null;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Titles of the audits that lost points outside performance, to say why a gate failed. */
  failing: string[];
}

/** Lighthouse's categories, as the scores above name them. */
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type Category = (typeof CATEGORIES)[number];

/**
 * Runs Lighthouse on each URL in one Chromium (mobile preset, Lighthouse's default), for every
 * category or only those given (the quality gates leave out performance, which bench measures).
 */
export async function runLighthouse(
  urls: string[],
  categories: readonly Category[] = CATEGORIES,
): Promise<Map<string, LighthouseScores>> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const scores = new Map<string, LighthouseScores>();
  try {
    for (const url of urls) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: [...categories],
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
      const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
      const failing = ["accessibility", "best-practices", "seo"].flatMap((category) =>
        (lhr.categories[category]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
          .map((ref) => `${category}: ${lhr.audits[ref.id]?.title ?? ref.id}`),
      );
      scores.set(url, {
        performance: categories.includes("performance") ? score("performance") : null,
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        seo: score("seo"),
        failing,
      });
    }
  } finally {
    chrome.kill();
  }
  return scores;
}

const HELP = `Usage: node scripts/lighthouse.ts [options] [path ...]

Runs Lighthouse (mobile preset, system Chromium) on pages of the built site and prints
performance, accessibility, best practices and SEO for each, with the audits that lost
points outside performance. Paths default to the pages the quality gates cover.

Options:
  --url <base>   a server to test (default: serve dist/ with astro preview on a free port)
  -h, --help     show this help

Example: node scripts/lighthouse.ts /stats/ /keps/ /present/1.33/`;

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(HELP);
  } else {
    const paths = positionals.length > 0 ? positionals : LIGHTHOUSE_PAGES.map((p) => p.path);
    const server = values.url ? { url: values.url.replace(/\/$/, ""), stop() {} } : await previewDist();
    try {
      console.log("performance  accessibility  best practices  SEO  page");
      for (const [url, s] of await runLighthouse(paths.map((p) => `${server.url}${p}`))) {
        const cell = (n: number | null, width: number) =>
          String(n ?? "-")
            .padStart(3)
            .padEnd(width);
        console.log(
          `${cell(s.performance, 13)}${cell(s.accessibility, 15)}${cell(s.bestPractices, 16)}${cell(s.seo, 5)}${url.slice(server.url.length)}`,
        );
        for (const audit of s.failing) console.log(`  ${audit}`);
      }
    } finally {
      server.stop();
    }
  }
}
