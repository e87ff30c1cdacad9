/**
 * Social images (1200x630 PNGs, one per release and per KEP page) written straight into dist/
 * instead of through 674 Astro routes: rendering starts with the build, so the pool works while
 * pages are generated, and the files are written once the pages are done.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { getSiteData } from "../data/site.ts";
import { kepSocialJob, pruneSocialCache, releaseSocialJob, type SocialJob, socialImage } from "../data/social.ts";

function allJobs(): SocialJob[] {
  const { releases, keps } = getSiteData();
  return [...releases.map(releaseSocialJob), ...keps.map((kep) => kepSocialJob(kep, releases))];
}

/** The integration: add it before the others that read dist/. */
export function socialImages(): AstroIntegration {
  let pending: Promise<{ job: SocialJob; png: Uint8Array }[]> | null = null;
  return {
    name: "kep-radar-social-images",
    hooks: {
      "astro:build:start": () => {
        pending = Promise.all(allJobs().map(async (job) => ({ job, png: await socialImage(job) })));
        // A failure surfaces when the files are written; here it would only be unhandled.
        pending.catch(() => undefined);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const images = await (pending ??
          Promise.all(allJobs().map(async (job) => ({ job, png: await socialImage(job) }))));
        for (const { job, png } of images) {
          const file = path.join(root, job.src);
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, png);
        }
        pruneSocialCache();
        logger.info(`${images.length} social images written`);
      },
    },
  };
}
