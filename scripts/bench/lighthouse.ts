/** Bench section: Lighthouse scores per page type (mobile preset), performance against its 95 target. */
import { existsSync } from "node:fs";
import path from "node:path";
import { LIGHTHOUSE_PAGES, runLighthouse } from "../lighthouse.ts";
import { metric, ROOT, type Section } from "./lib.ts";
import { previewDist } from "./site.ts";

export const lighthouseSection: Section = {
  name: "lighthouse",
  describe: "Lighthouse scores (mobile preset) of each page type in the current dist/",
  async run() {
    const pages = LIGHTHOUSE_PAGES.filter((p) => existsSync(path.join(ROOT, "dist", p.path, "index.html")));
    const server = await previewDist();
    try {
      const scores = await runLighthouse(pages.map((p) => `${server.url}${p.path}`));
      return pages.flatMap((p) => {
        const s = scores.get(`${server.url}${p.path}`);
        if (!s) return [];
        const name = `${p.type} ${p.path}`;
        return [
          metric("lighthouse", `${name}: performance`, s.performance, "pts", { min: 95 }),
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
