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
  // Social images render while pages are generated and land in dist/og/. After the build: the pagefind index and dist/sitemap.xml, then the CSP and dist/_headers (last,
  // so it sees every inline script the pages ended up with).
  integrations: [react(), socialImages(), findIntegration(), security()],
  build: { format: "directory" },
  devToolbar: { enabled: false },
});
