// @ts-check
import react from "@astrojs/react";
import { defineConfig } from "astro/config";
import findIntegration from "./src/integrations/pagefind.ts";

// Canonical and Open Graph URLs are absolute: set SITE_URL when deploying elsewhere.
export default defineConfig({
  site: process.env.SITE_URL ?? "https://kep-radar.github.io",
  base: process.env.BASE_PATH ?? "/",
  output: "static",
  trailingSlash: "always",
  // findIntegration runs after the build: pagefind index (dist/pagefind/) and dist/sitemap.xml.
  integrations: [react(), findIntegration()],
  build: { format: "directory" },
  devToolbar: { enabled: false },
});
