// @ts-check
import react from "@astrojs/react";
import { defineConfig } from "astro/config";

// Canonical and Open Graph URLs are absolute: set SITE_URL when deploying elsewhere.
export default defineConfig({
  site: process.env.SITE_URL ?? "https://kep-radar.github.io",
  base: process.env.BASE_PATH ?? "/",
  output: "static",
  trailingSlash: "always",
  integrations: [react()],
  build: { format: "directory" },
  devToolbar: { enabled: false },
});
