/** The /search/ page's results: runs the query in the address, lists pagefind results (a "Go to KEP" item first when the query names one), and pages through them. */
import { findKep, findPages, renderJump, renderResult, type SearchPage } from "./pagefind-client.ts";

const PAGE = 20;
const form = document.querySelector<HTMLFormElement>("form[data-search-page]");
const input = form?.querySelector<HTMLInputElement>("input[name='q']");
const status = document.querySelector<HTMLElement>("[data-search-page-status]");
const list = document.querySelector<HTMLOListElement>("[data-search-page-results]");
const more = document.querySelector<HTMLButtonElement>("[data-search-page-more]");

if (form && input && status && list && more) {
  let current: SearchPage | null = null;
  let sequence = 0;
  /** How many pagefind results are shown (a "Go to KEP" item may lead the list). */
  let shownResults = 0;

  const run = async (query: string) => {
    const mine = ++sequence;
    list.replaceChildren();
    more.hidden = true;
    if (query === "") {
      status.textContent = "Type a KEP number, a title word, a SIG or a feature gate.";
      return;
    }
    status.textContent = "Searching…";
    // A KEP named by number is offered first, from the small KEP directory, before pagefind answers.
    const jump = await findKep(query);
    if (mine !== sequence) return;
    if (jump) list.replaceChildren(renderJump(jump, "h2"));
    try {
      const found = await findPages(query, PAGE);
      if (mine !== sequence) return;
      current = found;
      shownResults = found.pages.length;
      const pages = found.pages.filter((page) => page.url !== jump?.url);
      list.replaceChildren(...(jump ? [renderJump(jump, "h2")] : []), ...pages.map((page) => renderResult(page, "h2")));
      status.textContent =
        found.total === 0 && !jump
          ? `Nothing found for “${query}”.`
          : `${found.total} ${found.total === 1 ? "page" : "pages"} found for “${query}”.`;
      more.hidden = found.total <= PAGE;
    } catch {
      if (mine === sequence) status.textContent = "The search index could not be loaded.";
    }
  };

  more.addEventListener("click", async () => {
    if (!current) return;
    const shown = list.childElementCount;
    const pages = await current.more(shownResults, PAGE);
    shownResults += pages.length;
    list.append(...pages.map((page) => renderResult(page, "h2")));
    more.hidden = shownResults >= current.total;
    list.children[shown]?.querySelector("a")?.focus();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = input.value.trim();
    const url = new URL(window.location.href);
    url.searchParams.set("q", query);
    history.replaceState(null, "", url);
    void run(query);
  });

  const initial = new URLSearchParams(window.location.search).get("q")?.trim() ?? "";
  input.value = initial;
  void run(initial);
  if (initial === "") input.focus();
}
