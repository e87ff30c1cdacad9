/** Hygiene for text from upstream files, which anyone can edit: no hidden characters, bounded length. */

/** C0/C1 controls (but tab and newlines) and the bidirectional embedding, override and isolate marks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const HIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// A separate global copy: test() on a /g pattern would carry lastIndex from call to call.
const HIDDEN_CHARACTERS = new RegExp(HIDDEN_CHARACTER.source, "g");

/** What sanitizeText did, so the caller can report it. */
export interface SanitizedText {
  text: string;
  /** Hidden characters were removed. */
  hadHidden: boolean;
  /** The text was cut to the limit (the original length, else null). */
  cutFrom: number | null;
}

/** Removes invisible control characters and cuts the text to `max` characters (ending in "…"). */
export function sanitizeText(raw: string, max: number): SanitizedText {
  const hadHidden = HIDDEN_CHARACTER.test(raw);
  let text = hadHidden ? raw.replace(HIDDEN_CHARACTERS, "") : raw;
  let cutFrom: number | null = null;
  if (text.length > max) {
    cutFrom = text.length;
    // Cut by code points so a surrogate pair is never split.
    text = `${[...text.slice(0, max)].slice(0, -1).join("")}…`;
  }
  return { text, hadHidden, cutFrom };
}

/** Optimal-string-alignment distance: "imlpemented" is one edit from "implemented". */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  const d = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => d[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i++) {
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        d[i * width + j] = i + j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}
