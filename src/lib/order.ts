/** Ordering helpers that give the same order on every machine (no locale rules). */

/** Compares strings by code unit, the same everywhere (unlike localeCompare). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
