/**
 * Browser side of search: loads pagefind's bundle (/pagefind/pagefind.js, written by the
 * pagefind integration after the build) on first use, runs queries and renders excerpts
 * safely. Nothing here runs until a search box is focused.
 */

/** The part of pagefind's browser API this site uses. */
interface PagefindApi {
  options(options: { excerptLength?: number }): Promise<void>;
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
export function pagefindBundleUrl(base = document.documentElement.dataset.base ?? "/"): string {
  return `${base.replace(/\/*$/, "/")}pagefind/pagefind.js`;
}

let loading: Promise<PagefindApi> | null = null;

/** Loads and starts pagefind once; a failed load can be retried. */
export function loadPagefind(): Promise<PagefindApi> {
  loading ??= (import(/* @vite-ignore */ pagefindBundleUrl()) as Promise<PagefindApi>)
    .then(async (pagefind) => {
      await pagefind.options({ excerptLength: 18 });
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

/** Runs a query; the result's `pages` holds the first `limit` matches. */
export async function findPages(query: string, limit: number): Promise<SearchPage> {
  const pagefind = await loadPagefind();
  const search = await pagefind.search(query);
  const results = search?.results ?? [];
  const more = async (offset: number, count: number) =>
    Promise.all(results.slice(offset, offset + count).map(async (r) => toFoundPage(await r.data())));
  return { total: results.length, pages: await more(0, limit), more };
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
