// @ts-check
import react from "@astrojs/react";
import { defineConfig } from "astro/config";
import findIntegration from "./src/integrations/pagefind.ts";
import { security } from "./src/integrations/security.ts";
import { socialImages } from "./src/integrations/social-images.ts";

// Canonical and Open Graph URLs are absolute: set SITE_URL when deploying elsewhere.
export default defineConfig({
  site: process.env.SITE_URL ?? "https://kep-radar.github.io",
  base: process.env.BASE_PATH ?? "/",
  output: "static",
  trailingSlash: "always",
  // Social images render while pages are generated and land in dist/og/. After the build: the pagefind index and dist/sitemap.xml, then the CSP and dist/_headers (last,
  // so it sees every inline script the pages ended up with).
  integrations: [react(), socialImages(), findIntegration(), security()],
  build: { format: "directory" },
  devToolbar: { enabled: false },
});
