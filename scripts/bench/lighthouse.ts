/**
 * Bench section: Lighthouse scores per page type (mobile preset), performance against its 95
 * target. Performance moves by several points between runs of the same page, so it is the
 * median of up to three runs (`--runs`); the other categories do not move.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { LIGHTHOUSE_PAGES, runLighthouse } from "../lighthouse.ts";
import { previewDist } from "../preview.ts";
import { median, metric, ROOT, type Section } from "./lib.ts";

/**
 * The gate pages plus the heavy ones #17 measured (stats, quality, every KEP's tracking table)
 * and release pages across the data's range: the oldest, a middle one, the largest released
 * ones and the cycle under way.
 */
const BENCH_PAGES: { type: string; path: string }[] = [
  ...LIGHTHOUSE_PAGES,
  { type: "stats", path: "/stats/" },
  { type: "quality", path: "/quality/" },
  { type: "track-all", path: "/track/all/" },
  ...["1.19", "1.33", "1.36", "1.37"].map((v) => ({ type: "release", path: `/releases/${v}/` })),
];

export const lighthouseSection: Section = {
  name: "lighthouse",
  describe: "Lighthouse scores (mobile preset) of each page type in the current dist/",
  async run({ runs }) {
    const pages = BENCH_PAGES.filter((p) => existsSync(path.join(ROOT, "dist", p.path, "index.html")));
    const server = await previewDist();
    try {
      const urls = pages.map((p) => `${server.url}${p.path}`);
      const rounds: Awaited<ReturnType<typeof runLighthouse>>[] = [];
      for (let i = 0; i < Math.min(runs, 3); i++) rounds.push(await runLighthouse(urls));
      return pages.flatMap((p) => {
        const url = `${server.url}${p.path}`;
        const s = rounds[0]?.get(url);
        if (!s) return [];
        const performance = median(rounds.map((round) => round.get(url)?.performance ?? 0));
        const name = `${p.type} ${p.path}`;
        return [
          metric("lighthouse", `${name}: performance, median of ${rounds.length}`, performance, "pts", { min: 95 }),
          metric("lighthouse", `${name}: accessibility`, s.accessibility, "pts", { min: 100 }),
          metric("lighthouse", `${name}: best practices`, s.bestPractices, "pts", { min: 95 }),
          metric("lighthouse", `${name}: SEO`, s.seo, "pts", { min: 95 }),
        ];
      });
    } finally {
      server.stop();
    }
  },
};
