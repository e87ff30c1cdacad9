/**
 * The header search box, enhanced: results drop down as you type, arrow keys move through
 * them, Escape closes, and "/" anywhere on the page focuses the box. Without this script
 * the box is a plain form that submits to /search/.
 */
import { parseKepNumber } from "../../lib/search-query.ts";
import {
  findKep,
  findPages,
  type KepJump,
  loadKepDirectory,
  loadPagefind,
  renderJump,
  renderResult,
} from "./pagefind-client.ts";

const SHOWN = 6;
const DEBOUNCE_MS = 120;

/**
 * Enhances every search box on the page (once each). The "/" shortcut and the loading of this
 * module on first focus live in SearchBox.astro's inline loader.
 */
export function initSearchBoxes(): void {
  const forms = document.querySelectorAll<HTMLFormElement>("form[data-search-box]:not([data-ready])");
  for (const form of forms) enhance(form);
}

function enhance(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>("input[type='search']");
  const panel = form.querySelector<HTMLElement>("[data-search-panel]");
  const list = form.querySelector<HTMLOListElement>("[data-search-results]");
  const status = form.querySelector<HTMLElement>("[data-search-status]");
  const message = form.querySelector<HTMLElement>("[data-search-message]");
  const all = form.querySelector<HTMLAnchorElement>("[data-search-all]");
  if (!input || !panel || !list || !status || !message || !all) return;
  form.dataset.ready = "true";

  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;
  /** The KEP the current query names by number: offered first, and where Enter goes. */
  let jump: KepJump | null = null;

  const open = () => {
    panel.hidden = false;
  };
  const close = () => {
    panel.hidden = true;
  };
  const links = () => Array.from(panel.querySelectorAll<HTMLAnchorElement>("a"));

  /** Says the same thing to screen readers (live region) and on screen (in the panel). */
  const say = (text: string, visible: boolean) => {
    status.textContent = text;
    message.textContent = visible ? text : "";
    message.hidden = !visible;
  };

  const run = async (query: string) => {
    const mine = ++sequence;
    if (query.length < 2) {
      close();
      say("", false);
      list.replaceChildren();
      return;
    }
    jump = await findKep(query);
    if (mine !== sequence) return;
    if (jump) {
      // The KEP is known from the small directory: offer it now, before pagefind answers.
      list.replaceChildren(renderJump(jump, null));
      say(`Go to KEP-${jump.number}: ${jump.title}. Press Enter.`, false);
      open();
    }
    try {
      const found = await findPages(query, SHOWN);
      if (mine !== sequence) return;
      const pages = found.pages.filter((page) => page.url !== jump?.url);
      list.replaceChildren(...(jump ? [renderJump(jump, null)] : []), ...pages.map((page) => renderResult(page, null)));
      all.href = `${form.action}?q=${encodeURIComponent(query)}`;
      all.textContent = found.total > SHOWN ? `All ${found.total} results` : "Open the search page";
      if (jump) say(`Go to KEP-${jump.number}: ${jump.title}. Press Enter. ${found.total} pages found.`, false);
      else if (found.total === 0) say(`Nothing found for “${query}”.`, true);
      else say(`${found.total} ${found.total === 1 ? "page" : "pages"} found.`, false);
      open();
    } catch {
      if (mine !== sequence || jump) return;
      list.replaceChildren();
      say("Search is not available here: the index is built with the site.", true);
      open();
    }
  };

  // pagefind loads on first focus, so the first keystroke finds it ready; a failure shows on search.
  const warmUp = () => {
    void loadKepDirectory().catch(() => undefined);
    void loadPagefind().catch(() => undefined);
  };
  input.addEventListener("focus", warmUp, { once: true });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value.trim()), DEBOUNCE_MS);
  });
  // This module loads on first focus: catch up with a box already focused or already typed in.
  if (document.activeElement === input) warmUp();
  if (input.value.trim() !== "") void run(input.value.trim());
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && jump && parseKepNumber(input.value) === jump.number) {
      // A KEP number goes straight to the KEP, as the first option says.
      event.preventDefault();
      window.location.assign(jump.url);
    } else if (event.key === "ArrowDown" && !panel.hidden) {
      event.preventDefault();
      links()[0]?.focus();
    } else if (event.key === "Escape") {
      if (panel.hidden) input.value = "";
      close();
    }
  });
  panel.addEventListener("keydown", (event) => {
    const items = links();
    const index = items.indexOf(document.activeElement as HTMLAnchorElement);
    const move = (to: number) => {
      event.preventDefault();
      if (to < 0) input.focus();
      else items[Math.min(to, items.length - 1)]?.focus();
    };
    if (event.key === "ArrowDown") move(index + 1);
    else if (event.key === "ArrowUp") move(index - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(items.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.focus();
    }
  });
  form.addEventListener("focusout", (event) => {
    const next = event.relatedTarget as Node | null;
    if (!next || !form.contains(next)) close();
  });
  input.addEventListener("click", () => {
    if (list.childElementCount > 0 || !message.hidden) open();
  });
}
