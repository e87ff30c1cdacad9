import { getAnnouncement } from "../../data/announcements.ts";
import { getSiteData } from "../../data/site.ts";
import { toReleaseSummary } from "../../lib/api.ts";

export function GET() {
  const { releases, sources } = getSiteData();
  return Response.json({
    asOf: sources.asOf,
    count: releases.length,
    releases: releases.map((r) => toReleaseSummary(r, getAnnouncement(r.version))),
  });
}
