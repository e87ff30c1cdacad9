import type { GetStaticPaths } from "astro";
import { getSiteData } from "../../../data/site.ts";
import { toKepApi } from "../../../lib/api.ts";
import type { Kep } from "../../../lib/schema.ts";

export const getStaticPaths = (() =>
  getSiteData().keps.map((kep) => ({
    params: { number: String(kep.number) },
    props: { kep },
  }))) satisfies GetStaticPaths;

export function GET({ props }: { props: { kep: Kep } }) {
  const warnings = getSiteData().warnings.filter((w) => w.kep === props.kep.number);
  return Response.json(toKepApi(props.kep, warnings));
}
