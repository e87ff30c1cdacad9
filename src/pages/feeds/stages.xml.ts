import { getSiteData } from "../../data/site.ts";
import { FEED_LIMITS, listStageChanges, renderAtomFeed, SITE_FEED_PATH } from "../../lib/feeds.ts";
import { siteRoot } from "../../lib/links.ts";

export function GET({ site }: { site: URL | undefined }) {
  const { keps, sources } = getSiteData();
  const xml = renderAtomFeed(listStageChanges(keps), {
    site: siteRoot(site).href,
    selfPath: SITE_FEED_PATH,
    alternatePath: "/feeds/",
    title: "KEP Radar: KEP stage changes",
    subtitle: "Every kep.yaml version that changed a KEP's stage or milestones, newest first.",
    fallbackUpdated: sources.asOf,
    limit: FEED_LIMITS.site,
  });
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
