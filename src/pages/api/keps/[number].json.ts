import type { GetStaticPaths } from "astro";
import { getProposal } from "../../../data/proposals.ts";
import { getSiteData } from "../../../data/site.ts";
import { toKepApi } from "../../../lib/api.ts";
import type { Kep } from "../../../lib/schema.ts";

export const getStaticPaths = (() =>
  getSiteData().keps.map((kep) => ({
    params: { number: String(kep.number) },
    props: { kep },
  }))) satisfies GetStaticPaths;

export async function GET({ props }: { props: { kep: Kep } }) {
  const warnings = getSiteData().warnings.filter((w) => w.kep === props.kep.number);
  const proposal = await getProposal(props.kep);
  const readme = proposal
    ? { path: proposal.path, commit: proposal.commit, url: proposal.url, summary: proposal.summary }
    : null;
  return Response.json(toKepApi(props.kep, warnings, readme));
}
