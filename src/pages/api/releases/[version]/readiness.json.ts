import type { GetStaticPaths } from "astro";
import { getReadiness } from "../../../../data/readiness.ts";
import { getSiteData, releasePaths } from "../../../../data/site.ts";
import { toReadinessApi } from "../../../../lib/readiness/api.ts";
import type { Release } from "../../../../lib/schema.ts";

export const getStaticPaths = (() =>
  releasePaths().filter((path) => getReadiness().has(path.params.version))) satisfies GetStaticPaths;

export function GET({ props }: { props: { release: Release } }) {
  const { kepByNumber, sources } = getSiteData();
  return Response.json(
    toReadinessApi(props.release, getReadiness().get(props.release.version)!, kepByNumber, sources.asOf),
  );
}
