/** /track/summaries.json: every KEP's README summary, fetched by the tracking table's Summary column. */
import { trackSummaries } from "../../data/track-rows.ts";

export async function GET() {
  return Response.json(await trackSummaries());
}
