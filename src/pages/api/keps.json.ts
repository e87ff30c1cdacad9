import { getSiteData } from "../../data/site.ts";
import { toKepSummary } from "../../lib/api.ts";

export function GET() {
  const { keps, sources } = getSiteData();
  return Response.json({ asOf: sources.asOf, count: keps.length, keps: keps.map(toKepSummary) });
}
