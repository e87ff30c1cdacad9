/** The header search box's script at its content-hashed URL (see src/data/search-script.ts). */
import type { GetStaticPaths } from "astro";
import { getSearchScript } from "../../data/search-script.ts";

export const getStaticPaths = (async () => {
  const { url } = await getSearchScript();
  return [{ params: { file: path(url) } }];
}) satisfies GetStaticPaths;

function path(url: string): string {
  return url.replace(/^\/scripts\//, "");
}

export async function GET() {
  const { code } = await getSearchScript();
  return new Response(code, { headers: { "Content-Type": "text/javascript; charset=utf-8" } });
}
