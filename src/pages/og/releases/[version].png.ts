/** /og/releases/<major.minor>.png: a release's social image (1200x630), rendered at build time. */
import type { GetStaticPaths } from "astro";
import { getSiteData } from "../../../data/site.ts";
import { queueAllSocialImages, releaseSocialJob, socialImage } from "../../../data/social.ts";
import type { Release } from "../../../lib/schema.ts";

export const getStaticPaths = (() => {
  if (import.meta.env.PROD) queueAllSocialImages();
  return getSiteData().releases.map((release) => ({ params: { version: release.version }, props: { release } }));
}) satisfies GetStaticPaths;

export async function GET({ props }: { props: { release: Release } }) {
  const png = await socialImage(releaseSocialJob(props.release));
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
}
