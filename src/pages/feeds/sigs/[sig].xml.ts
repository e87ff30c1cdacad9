import type { GetStaticPaths } from "astro";
import { getSiteData } from "../../../data/site.ts";
import { FEED_LIMITS, listStageChanges, renderAtomFeed, sigFeedPath } from "../../../lib/feeds.ts";
import { listSigSlugs, sigName } from "../../../lib/sigs.ts";

export const getStaticPaths = (() =>
  listSigSlugs(getSiteData().keps).map((sig) => ({ params: { sig } }))) satisfies GetStaticPaths;

export function GET({ params, site }: { params: { sig: string }; site: URL | undefined }) {
  const { keps, sources } = getSiteData();
  const xml = renderAtomFeed(listStageChanges(keps.filter((k) => k.owningSig === params.sig)), {
    site: site?.href ?? "http://localhost/",
    selfPath: sigFeedPath(params.sig),
    alternatePath: `/sigs/${params.sig}/`,
    title: `KEP Radar: ${sigName(params.sig)} stage changes`,
    subtitle: `Every kep.yaml version of a ${sigName(params.sig)} KEP that changed its stage or milestones, newest first.`,
    fallbackUpdated: sources.asOf,
    limit: FEED_LIMITS.sig,
  });
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
