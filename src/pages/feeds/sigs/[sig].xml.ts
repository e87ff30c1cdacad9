import type { GetStaticPaths } from "astro";
import { getSiteData } from "../../../data/site.ts";
import { FEED_LIMITS, listStageChanges, renderAtomFeed, sigFeedPath } from "../../../lib/feeds.ts";
import { sigPagePath, sigSlugs, siteRoot } from "../../../lib/links.ts";
import { sigName } from "../../../lib/sigs.ts";

// The URL names the SIG by its slug, as its page does; the feed gets the name.
export const getStaticPaths = (() =>
  [...sigSlugs(getSiteData().keps)].map(([sig, slug]) => ({
    params: { sig: slug },
    props: { sig },
  }))) satisfies GetStaticPaths;

export function GET({
  params,
  props,
  site,
}: {
  params: { sig: string };
  props: { sig: string };
  site: URL | undefined;
}) {
  const { keps, sources } = getSiteData();
  const xml = renderAtomFeed(listStageChanges(keps.filter((k) => k.owningSig === props.sig)), {
    site: siteRoot(site).href,
    selfPath: sigFeedPath(params.sig),
    alternatePath: sigPagePath(params.sig),
    title: `KEP Radar: ${sigName(props.sig)} stage changes`,
    subtitle: `Every kep.yaml version of a ${sigName(props.sig)} KEP that changed its stage or milestones, newest first.`,
    fallbackUpdated: sources.asOf,
    limit: FEED_LIMITS.sig,
  });
  return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
