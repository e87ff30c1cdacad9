/** Sends an old `/quality/#kep-<number>` link (from before the per-KEP lists moved to each kind's page) on to its entry. */
export function followMovedAnchor(index: { kinds: string[]; keps: Record<string, number> }, base: string): void {
  const match = /^#kep-(\d+)$/.exec(location.hash);
  if (!match || document.getElementById(location.hash.slice(1))) return;
  const kind = index.kinds[index.keps[match[1] ?? ""] ?? -1];
  if (kind) location.replace(`${base}quality/${kind}/${location.hash}`);
}
