/**
 * Link integrity over a built site: every internal link and #anchor resolves to a file and
 * an id in dist/, and every external link is a well-formed http(s) or mailto URL. A site built
 * for a base path (BASE_PATH=/kep-radar/) is checked as served there: dist/ is /kep-radar/, and
 * an internal link outside it (a root-absolute "/keps/753/") is a problem.
 * `node scripts/check-links.ts [dist] [--base /kep-radar/]` prints the problems; tests call checkLinks().
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { listHtml } from "../src/integrations/security.ts";
import { normaliseBase } from "../src/lib/links.ts";

/** One broken link: the page it is on, the link, and what is wrong. */
export interface LinkProblem {
  page: string;
  link: string;
  problem: string;
}

const LINK = /<(?:a|link)\b[^>]*?\bhref="([^"]*)"|<(?:img|script|source|iframe)\b[^>]*?\bsrc="([^"]*)"/gi;
const ID = /\b(?:id|name)="([^"]*)"/g;

function decode(text: string): string {
  return text
    .replaceAll("&amp;", "&")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">");
}

/** The file a site path is served from, or null. */
function resolveFile(dist: string, sitePath: string): string | null {
  const clean = decodeURIComponent(sitePath);
  const direct = path.join(dist, clean);
  if (!direct.startsWith(dist)) return null;
  if (existsSync(direct) && statSync(direct).isFile()) return direct;
  const index = path.join(direct, "index.html");
  return existsSync(index) ? index : null;
}

/** Where the built site is served: its origin and base path. */
export interface ServedAt {
  /** Origin of absolute links that count as internal (canonical URLs). */
  site?: string;
  /** Base path the build was made for ("/" or "/kep-radar/"): dist/ is served there. */
  base?: string;
}

/** Checks every link in every page; returns the problems (empty when all is well). */
export function checkLinks(
  dist: string,
  { site = "https://kep-radar.github.io", base = "/" }: ServedAt = {},
): { pages: number; links: number; problems: LinkProblem[] } {
  const root = path.resolve(dist);
  const basePath = normaliseBase(base);
  const pages = listHtml(root);
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let found = ids.get(file);
    if (!found) {
      found = new Set([...readFileSync(file, "utf8").matchAll(ID)].map((m) => decode(m[1] ?? "")));
      ids.set(file, found);
    }
    return found;
  };
  const origin = new URL(site).origin;
  const problems: LinkProblem[] = [];
  let links = 0;
  for (const file of pages) {
    // Script bodies are code, not markup: a template literal there is not a link.
    const html = readFileSync(file, "utf8").replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, "$1</script>");
    const pagePath = `${basePath}${path.relative(root, file).replace(/index\.html$/, "")}`;
    for (const match of html.matchAll(LINK)) {
      const raw = decode(match[1] ?? match[2] ?? "");
      links++;
      const report = (problem: string) => problems.push({ page: pagePath, link: raw, problem });
      if (raw === "") {
        report("empty link");
        continue;
      }
      let url: URL;
      try {
        url = new URL(raw, `${origin}${pagePath}`);
      } catch {
        report("not a well-formed URL");
        continue;
      }
      if (url.origin !== origin) {
        if (!["http:", "https:", "mailto:"].includes(url.protocol)) report(`unexpected scheme ${url.protocol}`);
        else if (url.protocol !== "mailto:" && !url.hostname.includes(".")) report("host without a domain");
        continue;
      }
      if (!`${url.pathname}/`.startsWith(basePath)) {
        report(`outside the base path ${basePath}`);
        continue;
      }
      const target = resolveFile(root, `/${url.pathname.slice(basePath.length)}`);
      if (!target) {
        report("no such page or file in the build");
        continue;
      }
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (anchor && target.endsWith(".html") && !idsOf(target).has(anchor)) report(`no element with id "${anchor}"`);
    }
  }
  return { pages: pages.length, links, problems };
}

const HELP = `Usage: node scripts/check-links.ts [dist-folder] [--base <path>]

Checks every page in a built site (default: dist/): each internal link, src and #anchor must
resolve to a file and an element id; external links must be well-formed http(s) or mailto.
--base: the base path the site was built for (default: BASE_PATH, else /), e.g. /kep-radar/;
internal links must stay under it.
--site: the site's origin, whose absolute links count as internal (default: SITE_URL, else
https://kep-radar.github.io).
Prints the first 50 problems and a count; exits 1 when there are any.`;

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { base: { type: "string" }, site: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const dist = positionals[0] ?? path.resolve(import.meta.dirname, "..", "dist");
  const site = values.site ?? process.env.SITE_URL;
  const result = checkLinks(dist, { base: values.base ?? process.env.BASE_PATH ?? "/", ...(site ? { site } : {}) });
  for (const p of result.problems.slice(0, 50)) console.log(`${p.page}: ${p.link}: ${p.problem}`);
  console.log(`${result.links} links in ${result.pages} pages; ${result.problems.length} problems`);
  process.exitCode = result.problems.length === 0 ? 0 : 1;
}
