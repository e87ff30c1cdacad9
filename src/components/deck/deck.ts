/**
 * Presenting a deck: one slide at a time, the slide number in the URL hash (#3), the keys
 * presentation tools use (arrows, space, PageUp/PageDown, Home/End, f for full screen), and
 * optional slides the speaker can leave out (?without=slipped), with the rest renumbered.
 */

/** The optional slides an address leaves out ("?without=slipped" leaves out "slipped"). */
export function leftOut(search: string): Set<string> {
  const value = new URLSearchParams(search).get("without") ?? "";
  return new Set(value.split(",").filter(Boolean));
}

/** The query string that leaves out `names`, other parameters kept. */
export function withLeftOut(search: string, names: ReadonlySet<string>): string {
  const params = new URLSearchParams(search);
  if (names.size > 0) params.set("without", [...names].sort().join(","));
  else params.delete("without");
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The slide a hash names ("#3" is the third), or null when it names none of `count`. */
export function slideFromHash(hash: string, count: number): number | null {
  if (!/^#\d+$/.test(hash)) return null;
  const n = Number(hash.slice(1));
  return n >= 1 && n <= count ? n : null;
}

/** Where a key moves the deck from slide `current` (1-based) of `count`; null when the key does nothing. */
export function slideForKey(key: string, shift: boolean, current: number, count: number): number | null {
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
    case "PageDown":
      return Math.min(count, current + 1);
    case "ArrowLeft":
    case "ArrowUp":
    case "PageUp":
      return Math.max(1, current - 1);
    case " ":
      return shift ? Math.max(1, current - 1) : Math.min(count, current + 1);
    case "Home":
      return 1;
    case "End":
      return count;
    default:
      return null;
  }
}

/** Turns the vertical list of slides into a presentation. */
export function startDeck(deck: HTMLElement): void {
  const all = [...deck.querySelectorAll<HTMLElement>(".slide")];
  let slides = all;
  const status = deck.querySelector<HTMLElement>("[data-deck-status]");
  const controls = document.querySelector<HTMLElement>("[data-deck-controls]");
  if (all.length === 0) return;
  const omitted = leftOut(location.search);

  // Hides the slides left out and renumbers the rest: ids, accessible names and feet.
  const applyOmitted = () => {
    for (const slide of all) slide.hidden = omitted.has(slide.dataset.optional ?? "");
    slides = all.filter((slide) => !slide.hidden);
    slides.forEach((slide, i) => {
      slide.id = String(i + 1);
      slide.setAttribute("aria-label", `${i + 1} of ${slides.length}: ${slide.dataset.label ?? ""}`);
      const foot = slide.querySelector(".slide-num");
      if (foot) foot.textContent = `${i + 1} / ${slides.length}`;
    });
    for (const slide of all) if (slide.hidden) slide.removeAttribute("id");
    for (const button of document.querySelectorAll<HTMLElement>("[data-deck-optional]")) {
      button.setAttribute("aria-pressed", String(!omitted.has(button.dataset.deckOptional ?? "")));
    }
  };
  applyOmitted();
  document.documentElement.classList.add("deck-on");
  if (controls) controls.hidden = false;
  let current = 0;

  const show = (n: number, announce: boolean) => {
    current = n;
    for (const slide of all) slide.classList.toggle("is-current", slide === slides[n - 1]);
    if (location.hash !== `#${n}`) history.replaceState(null, "", `#${n}`);
    if (announce && status) status.textContent = slides[n - 1]?.getAttribute("aria-label") ?? "";
  };

  const toggleFullscreen = () => {
    const done = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    // Browsers refuse full screen without a user gesture or in some frames: nothing to do then.
    done.catch(() => undefined);
  };

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target instanceof Element ? event.target : null;
    // Space and Enter keep their meaning on a focused button or link.
    if (event.key === " " && target?.closest("a, button, input, textarea, select, summary")) return;
    if (event.key === "f" || event.key === "F") {
      toggleFullscreen();
      event.preventDefault();
      return;
    }
    const next = slideForKey(event.key, event.shiftKey, current, slides.length);
    if (next === null) return;
    event.preventDefault();
    if (next !== current) show(next, true);
  });
  window.addEventListener("hashchange", () => {
    const n = slideFromHash(location.hash, slides.length);
    if (n !== null && n !== current) show(n, true);
  });
  document.querySelector("[data-deck-prev]")?.addEventListener("click", () => show(Math.max(1, current - 1), true));
  document
    .querySelector("[data-deck-next]")
    ?.addEventListener("click", () => show(Math.min(slides.length, current + 1), true));
  document.querySelector("[data-deck-fullscreen]")?.addEventListener("click", toggleFullscreen);
  for (const button of document.querySelectorAll<HTMLElement>("[data-deck-optional]")) {
    button.addEventListener("click", () => {
      const name = button.dataset.deckOptional ?? "";
      if (omitted.has(name)) omitted.delete(name);
      else omitted.add(name);
      const shown = slides[current - 1];
      applyOmitted();
      history.replaceState(null, "", `${location.pathname}${withLeftOut(location.search, omitted)}${location.hash}`);
      const at = shown && !shown.hidden ? slides.indexOf(shown) + 1 : Math.min(current, slides.length);
      show(Math.max(1, at), true);
    });
  }

  show(slideFromHash(location.hash, slides.length) ?? 1, false);
}
