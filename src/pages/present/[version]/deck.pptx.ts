/** /present/<major.minor>/deck.pptx: the release's deck as a PowerPoint file, generated at build time. */
import type { APIRoute, GetStaticPaths } from "astro";
import { getDeckPptx } from "../../../data/deck.ts";
import { releasePaths } from "../../../data/site.ts";
import type { Release } from "../../../lib/schema.ts";

export const getStaticPaths = releasePaths satisfies GetStaticPaths;

/** The .pptx bytes. */
export const GET: APIRoute = async ({ props }) => {
  const bytes = await getDeckPptx((props as { release: Release }).release);
  // A fresh ArrayBuffer of exactly the file's bytes (the typed array may view a larger one).
  return new Response(bytes.slice().buffer as ArrayBuffer, {
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
  });
};
