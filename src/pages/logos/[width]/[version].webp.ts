/** Release logos, resized at build time from the sig-release checkout (never stored in the repository). */
import type { GetStaticPaths } from "astro";
import { LOGO_WIDTHS, type LogoSize, logoImage, renderLogo } from "../../../data/logos.ts";
import { getSiteData } from "../../../data/site.ts";
import type { Release } from "../../../lib/schema.ts";

export const getStaticPaths = (async () => {
  const paths = [];
  for (const release of getSiteData().releases) {
    // A logo that cannot be resized gets no files; its pages show a generated badge.
    for (const size of Object.keys(LOGO_WIDTHS) as LogoSize[]) {
      if (!(await logoImage(release, size))) continue;
      paths.push({ params: { width: String(LOGO_WIDTHS[size]), version: release.version }, props: { release, size } });
    }
  }
  return paths;
}) satisfies GetStaticPaths;

export async function GET({ props }: { props: { release: Release; size: LogoSize } }) {
  const data = await renderLogo(props.release, props.size);
  if (!data) throw new Error(`logo of ${props.release.version} could not be resized`);
  return new Response(new Uint8Array(data), { headers: { "Content-Type": "image/webp" } });
}
