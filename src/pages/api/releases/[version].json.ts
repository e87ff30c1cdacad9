import type { GetStaticPaths } from "astro";
import { getAnnouncement } from "../../../data/announcements.ts";
import { getSiteData, releasePaths } from "../../../data/site.ts";
import { toReleaseApi } from "../../../lib/api.ts";
import type { Release } from "../../../lib/schema.ts";

export const getStaticPaths = releasePaths satisfies GetStaticPaths;

export function GET({ props }: { props: { release: Release } }) {
  return Response.json(toReleaseApi(props.release, getSiteData().kepByNumber, getAnnouncement(props.release.version)));
}
