/** The 404 page's hint: an address missing its trailing slash ("/keps/753") is offered the page it meant, when the site has it. */
// "/keps/753" -> "/keps/753/": offer the page with the trailing slash when the site has it.
const hint = document.querySelector<HTMLElement>("[data-not-found-hint]");
const link = document.querySelector<HTMLAnchorElement>("[data-not-found-link]");
const { pathname, search, hash } = window.location;
const last = pathname.split("/").at(-1) ?? "";
if (hint && link && last !== "" && !last.includes(".")) {
  const candidate = `${pathname}/`;
  fetch(candidate, { method: "HEAD" })
    .then((response) => {
      if (!response.ok) return;
      link.href = `${candidate}${search}${hash}`;
      link.textContent = candidate;
      hint.hidden = false;
    })
    .catch(() => undefined);
}
