import type { GetStaticPaths } from "astro";
import { API_SCHEMAS, type ApiSchemaName, toApiJsonSchema } from "../../../lib/json-schema.ts";
import { siteRoot } from "../../../lib/links.ts";

export const getStaticPaths = (() =>
  (Object.keys(API_SCHEMAS) as ApiSchemaName[]).map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export function GET({ params, site }: { params: { name: ApiSchemaName }; site: URL | undefined }) {
  return Response.json(toApiJsonSchema(params.name, siteRoot(site).href));
}
