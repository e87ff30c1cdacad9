/**
 * Browser side of search: loads pagefind's bundle (/pagefind/pagefind.js, written by the
 * pagefind integration after the build) on first use, runs queries and renders excerpts
 * safely. Nothing here runs until a search box is focused.
 */

import { type KepDirectory, parseKepNumber, placeKepPagesFirst } from "../../lib/search-query.ts";

/** The part of pagefind's browser API this site uses. */
interface PagefindApi {
  options(options: { excerptLength?: number; ranking?: Record<string, unknown> }): Promise<void>;
  init(): Promise<void>;
  search(query: string): Promise<{ results: { id: string; data(): Promise<PagefindFragment> }[] } | null>;
}

interface PagefindFragment {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: { title: string; url: string; excerpt: string; anchor?: { id: string; element: string } }[];
}

/** One page that matched, ready to show. */
export interface FoundPage {
  url: string;
  title: string;
  /** Pagefind's excerpt: text with <mark> around matches (render it with renderExcerpt). */
  excerpt: string;
  /** Headed sections of the page that matched (e.g. one feature gate on /feature-gates/). */
  sections: { title: string; url: string }[];
}

/**
 * Where pagefind's bundle lives: under the site's base path, which the page layout writes on
 * <html data-base> (this module is bundled apart from Astro, so it cannot read the build's
 * config). Pagefind takes its result URLs' base from the bundle's own URL, so results link
 * under the same base path.
 */
export function pagefindBundleUrl(base = siteBase()): string {
  return `${base}pagefind/pagefind.js`;
}

/** The site's base path with one trailing slash, from <html data-base>. */
function siteBase(): string {
  return (document.documentElement.dataset.base ?? "/").replace(/\/*$/, "/");
}

/**
 * Ranking (https://pagefind.app/docs/ranking/): terms saturate sooner, so a KEP page's few
 * heavily weighted matches (title, gates) beat a long proposal's many light ones; the title
 * metadata does not count twice (the page's own h1 already carries the title's weight).
 */
const RANKING = { termSaturation: 0.6, metaWeights: { title: 0 } };

let loading: Promise<PagefindApi> | null = null;

/** Loads and starts pagefind once; a failed load can be retried. */
export function loadPagefind(): Promise<PagefindApi> {
  loading ??= (import(/* @vite-ignore */ pagefindBundleUrl()) as Promise<PagefindApi>)
    .then(async (pagefind) => {
      await pagefind.options({ excerptLength: 18, ranking: RANKING });
      await pagefind.init();
      return pagefind;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** A search: how many pages matched, and the data of pages [offset, offset + limit). */
export interface SearchPage {
  total: number;
  pages: FoundPage[];
  /** Loads the next pages of the same result list. */
  more(offset: number, limit: number): Promise<FoundPage[]>;
}

/** How many results are loaded at once and ordered so KEP pages come before their proposals. */
const FIRST_WINDOW = 12;

/** Runs a query; the result's `pages` holds the first `limit` matches. */
export async function findPages(query: string, limit: number): Promise<SearchPage> {
  const pagefind = await loadPagefind();
  const search = await pagefind.search(query);
  const results = search?.results ?? [];
  const load = async (from: number, to: number) =>
    Promise.all(results.slice(from, to).map(async (r) => toFoundPage(await r.data())));
  const window = Math.max(limit, FIRST_WINDOW);
  const first = placeKepPagesFirst(await load(0, window));
  const more = async (offset: number, count: number) => [
    ...first.slice(offset, offset + count),
    ...(offset + count > window ? await load(Math.max(offset, window), offset + count) : []),
  ];
  return { total: results.length, pages: first.slice(0, limit), more };
}

/** A KEP a query names by number, when the KEP exists. */
export interface KepJump {
  number: number;
  title: string;
  url: string;
}

let directory: Promise<Map<number, string>> | null = null;

/** Loads the KEP directory (/search/keps.json, a few kilobytes) once; a failed load can be retried. */
export function loadKepDirectory(): Promise<Map<number, string>> {
  directory ??= fetch(`${siteBase()}search/keps.json`)
    .then((r) => (r.ok ? (r.json() as Promise<KepDirectory>) : Promise.reject(new Error(String(r.status)))))
    .then((pairs) => new Map(pairs))
    .catch((error: unknown) => {
      directory = null;
      throw error;
    });
  return directory;
}

/** The KEP a query names ("753", "#753", "KEP-753", "kep 753"), without waiting for pagefind. */
export async function findKep(query: string): Promise<KepJump | null> {
  const number = parseKepNumber(query);
  if (number === null) return null;
  const title = (await loadKepDirectory().catch(() => new Map<number, string>())).get(number);
  return title === undefined ? null : { number, title, url: `${siteBase()}keps/${number}/` };
}

/** The "Go to KEP-753" item that leads a result list. */
export function renderJump(kep: KepJump, headingLevel: "h2" | null): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "result-jump";
  const link = document.createElement("a");
  link.href = kep.url;
  link.className = "result-title";
  link.textContent = `Go to KEP-${kep.number}: ${kep.title}`;
  if (headingLevel) {
    const heading = document.createElement(headingLevel);
    heading.append(link);
    item.append(heading);
  } else {
    item.append(link);
  }
  return item;
}

function toFoundPage(fragment: PagefindFragment): FoundPage {
  const title = fragment.meta.title ?? fragment.url;
  const sections = (fragment.sub_results ?? [])
    .filter((s) => s.anchor !== undefined && s.url !== fragment.url && s.title !== title)
    .slice(0, 3)
    .map((s) => ({ title: s.title, url: s.url }));
  return { url: fragment.url, title, excerpt: fragment.excerpt, sections };
}

/**
 * Builds an excerpt as text plus <mark> elements only. The excerpt is parsed in an inert
 * <template> (nothing in it runs or loads); any other markup is reduced to its text, so page
 * text from upstream cannot inject elements.
 */
export function renderExcerpt(excerpt: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = excerpt;
  const out = document.createDocumentFragment();
  for (const node of Array.from(template.content.childNodes)) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent ?? ""));
    }
  }
  return out;
}

/** One result as a list item: a link with the page title, matching sections, then the excerpt. */
export function renderResult(page: FoundPage, headingLevel: "h2" | "h3" | null): HTMLLIElement {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = page.url;
  link.className = "result-title";
  link.textContent = page.title;
  if (headingLevel) {
    const heading = document.createElement(headingLevel);
    heading.append(link);
    item.append(heading);
  } else {
    item.append(link);
  }
  if (page.sections.length > 0) {
    const list = document.createElement("ul");
    list.className = "result-sections";
    for (const section of page.sections) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = section.url;
      a.textContent = section.title;
      li.append(a);
      list.append(li);
    }
    item.append(list);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "result-excerpt";
  excerpt.append(renderExcerpt(page.excerpt));
  item.append(excerpt);
  return item;
}
