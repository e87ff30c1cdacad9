/**
 * Links inside the site, for any deployment: the site may be served from the host's root
 * ("/") or from a base path ("/kep-radar/" on a GitHub Pages project site, set with BASE_PATH).
 * Code names pages by their site path ("/keps/753/", the same on every deployment, as the JSON
 * API's `url` fields do) and turns a site path into a link only here, with href().
 */
import type { Kep } from "./schema.ts";
import { assignSlugs } from "./slug.ts";

/** "/kep-radar", "kep-radar/" or "" -> "/kep-radar/" or "/": one leading and one trailing slash. */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

/**
 * The base path this build serves from: Astro's `base` (astro.config.mjs), "/" outside a
 * build (plain Node has no import.meta.env).
 */
export const BASE_PATH = normaliseBase(import.meta.env?.BASE_URL ?? "/");

/**
 * A site path as a link under a base path: withBase("/keps/753/", "/kep-radar/") is
 * "/kep-radar/keps/753/". Anything that is not a site path (a full URL, "#anchor", "?query")
 * is returned as it is.
 */
export function withBase(sitePath: string, base: string): string {
  if (!sitePath.startsWith("/") || sitePath.startsWith("//")) return sitePath;
  return `${normaliseBase(base)}${sitePath.slice(1)}`;
}

/** The link to a site path in this build: href("/keps/753/") -> "/kep-radar/keps/753/" under base /kep-radar/. */
export function href(sitePath: string): string {
  return withBase(sitePath, BASE_PATH);
}

/** The site's root URL with the base path: siteRoot("https://example.github.io") -> "https://example.github.io/kep-radar/". */
export function siteRoot(site: URL | string | undefined, base = BASE_PATH): URL {
  return new URL(normaliseBase(base), site ?? "http://localhost/");
}

/** The absolute URL of a site path: absoluteHref("/keps/753/", site) for canonical, Open Graph and embed URLs. */
export function absoluteHref(sitePath: string, site: URL | string | undefined, base = BASE_PATH): string {
  return new URL(sitePath.replace(/^\//, ""), siteRoot(site, base)).href;
}

const sigSlugCache = new WeakMap<readonly Pick<Kep, "owningSig">[], Map<string, string>>();

/**
 * The URL slug of every owning SIG in a KEP list (src/lib/slug.ts: unique, safe in a path
 * segment), by SIG name as kep.yaml writes it. The same list gives the same map (cached), so
 * routes and links agree.
 */
export function sigSlugs(keps: readonly Pick<Kep, "owningSig">[]): Map<string, string> {
  let slugs = sigSlugCache.get(keps);
  if (!slugs) {
    slugs = assignSlugs(keps.map((k) => k.owningSig));
    sigSlugCache.set(keps, slugs);
  }
  return slugs;
}

/** Site path of a SIG's page, from its slug: "/sigs/sig-node/". */
export function sigPagePath(slug: string): string {
  return `/sigs/${slug}/`;
}

/** Site path of the page of a SIG named in `keps`, or null when no KEP there names it (so there is no page). */
export function sigPath(name: string, keps: readonly Pick<Kep, "owningSig">[]): string | null {
  const slug = sigSlugs(keps).get(name);
  return slug === undefined ? null : sigPagePath(slug);
}
