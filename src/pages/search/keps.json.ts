/** /search/keps.json: every KEP number with its title, so search can offer "Go to KEP-753" before pagefind loads. */
import { getSiteData } from "../../data/site.ts";
import { toKepDirectory } from "../../lib/search-query.ts";

export function GET() {
  return Response.json(toKepDirectory(getSiteData().keps));
}
