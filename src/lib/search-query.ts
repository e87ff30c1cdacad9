/**
 * Reading a search query the way people type KEPs, and ordering what pagefind found so a KEP
 * page comes before its own proposal. Pure: shared by the header box and the search page.
 */

/** The KEP number a query names ("#753", "753", "KEP-753", "kep 753", "KEP #753"), or null. */
export function parseKepNumber(query: string): number | null {
  const match = /^\s*(?:kep[\s\-_:]*)?#?\s*0*(\d{1,5})\s*$/i.exec(query);
  if (!match?.[1]) return null;
  const n = Number(match[1]);
  return n > 0 ? n : null;
}

/** The KEP number of a proposal page URL ("/base/keps/753/proposal/" -> 753), or null. */
function proposalOf(url: string): string | null {
  return /\/keps\/(\d+)\/proposal\/$/.exec(url)?.[1] ?? null;
}

/**
 * Moves each KEP page above its own proposal when both were found: the proposal's long text
 * can outscore the page, but the page is where a reader should land. Other order is kept.
 */
export function placeKepPagesFirst<T extends { url: string }>(pages: readonly T[]): T[] {
  const out = [...pages];
  for (let i = 0; i < out.length; i++) {
    const n = proposalOf(out[i]!.url);
    if (n === null) continue;
    const kepUrl = out[i]!.url.replace(/proposal\/$/, "");
    const at = out.findIndex((p, j) => j > i && p.url === kepUrl);
    if (at > i) out.splice(i, 0, ...out.splice(at, 1));
  }
  return out;
}

/** The KEP directory search loads: [number, title] pairs, smallest number first. */
export type KepDirectory = [number, string][];

/** Builds the KEP directory from the KEPs of the snapshot. */
export function toKepDirectory(keps: readonly { number: number; title: string }[]): KepDirectory {
  return keps.map((k): [number, string] => [k.number, k.title]).sort((a, b) => a[0] - b[0]);
}
