/** /og/keps/<number>.png: a KEP's social image (1200x630), rendered at build time. */
import type { GetStaticPaths } from "astro";
import { getSiteData } from "../../../data/site.ts";
import { kepSocialJob, queueAllSocialImages, socialImage } from "../../../data/social.ts";
import type { Kep } from "../../../lib/schema.ts";

export const getStaticPaths = (() => {
  if (import.meta.env.PROD) queueAllSocialImages();
  return getSiteData().keps.map((kep) => ({ params: { number: String(kep.number) }, props: { kep } }));
}) satisfies GetStaticPaths;

export async function GET({ props }: { props: { kep: Kep } }) {
  const png = await socialImage(kepSocialJob(props.kep, getSiteData().releases));
  return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
}
