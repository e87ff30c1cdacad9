/**
 * Items of an embed's list that the frame has no room for (the release card's highlights wrap
 * into columns outside the frame) are out of sight, so they are put out of reach too: each item
 * that does not start inside the visible part of its list is made inert (no Tab stop, not read
 * out), again whenever the frame or late fonts change the layout.
 */

/** The part of `element` that no ancestor and not the viewport cuts off. */
function visibleBox(element: Element): { left: number; top: number; right: number; bottom: number } {
  const own = element.getBoundingClientRect();
  const box = {
    left: Math.max(own.left, 0),
    top: Math.max(own.top, 0),
    right: Math.min(own.right, document.documentElement.clientWidth),
    bottom: Math.min(own.bottom, document.documentElement.clientHeight),
  };
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (getComputedStyle(parent).overflow === "visible") continue;
    const cut = parent.getBoundingClientRect();
    box.left = Math.max(box.left, cut.left);
    box.top = Math.max(box.top, cut.top);
    box.right = Math.min(box.right, cut.right);
    box.bottom = Math.min(box.bottom, cut.bottom);
  }
  return box;
}

/** Makes each child of `list` inert unless its top left corner is in sight. */
export function inertUnseen(list: HTMLElement): void {
  const box = visibleBox(list);
  for (const item of list.children) {
    const { left, top } = item.getBoundingClientRect();
    const seen = left >= box.left - 1 && left < box.right - 1 && top >= box.top - 1 && top < box.bottom - 1;
    item.toggleAttribute("inert", !seen);
  }
}

/** Keeps `list` in step with its layout: now, whenever it or an item changes size, and once the fonts are in. */
export function keepUnseenInert(list: HTMLElement): void {
  const update = () => inertUnseen(list);
  const observer = new ResizeObserver(update);
  observer.observe(list);
  for (const item of list.children) observer.observe(item);
  void document.fonts.ready.then(update);
  update();
}
