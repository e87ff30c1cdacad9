// @ts-check
import react from "@astrojs/react";
import { defineConfig } from "astro/config";
import findIntegration from "./src/integrations/pagefind.ts";
import { security } from "./src/integrations/security.ts";
import { socialImages } from "./src/integrations/social-images.ts";

// Canonical and Open Graph URLs are absolute: set SITE_URL when deploying elsewhere. BASE_PATH
// serves the site below a path (a GitHub Pages project site: /<repo>/); every link goes through
// src/lib/links.ts, so it follows.
export default defineConfig({
  site: process.env.SITE_URL ?? "https://kep-radar.github.io",
  base: process.env.BASE_PATH ?? "/",
  // A phase per line and a one-line summary; every route with --verbose (scripts/run.sh sets
  // KEP_RADAR_VERBOSE; `astro build --verbose` run directly counts too).
  logger: {
    entrypoint: "./src/integrations/build-log.ts",
    config: { verbose: process.env.KEP_RADAR_VERBOSE === "1" || process.argv.includes("--verbose") },
  },
  output: "static",
  trailingSlash: "always",
  // Social images render while pages are generated and land in dist/og/. Once the pages are generated,
  // pagefind indexes them (in its own process) while the CSP step finds each page's inline hashes; then
  // dist/sitemap.xml, the index, and last the CSP in every page and dist/_headers (so it sees every
  // inline script the pages ended up with). Each step caches its work in .cache/build/ (src/data/build-cache.ts).
  integrations: [react(), socialImages(), findIntegration(), security()],
  // Four pages render at once: a page's file writes then overlap the next page's rendering instead
  // of idling the one thread (warm build, 2 cores: about 12.5 s against 16 s; the HTML is the same).
  build: { format: "directory", concurrency: 4 },
  devToolbar: { enabled: false },
});
