/**
 * What search should find a KEP page by, besides its visible text: names derived from its
 * feature gates, and how strongly its title counts. Pure; the KEP page writes these as
 * pagefind attributes (https://pagefind.app/docs/weighting/).
 */
import type { Kep } from "./schema.ts";

/** The words of a CamelCase gate name: "NFTablesProxyMode" -> ["NF", "Tables", "Proxy", "Mode"]. */
export function splitGateName(name: string): string[] {
  return name.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+/g) ?? [];
}

/**
 * Other names a KEP goes by, from its feature gates: each gate in words ("Dynamic Resource
 * Allocation") and its initialism when it has three letters or more ("DRA").
 */
export function gateAliases(gates: readonly Pick<Kep["featureGates"][number], "name">[]): string[] {
  const out = new Set<string>();
  for (const gate of gates) {
    const words = splitGateName(gate.name);
    if (words.length > 1) out.add(words.join(" "));
    const initialism = words.map((w) => w[0]).join("");
    if (words.length >= 3) out.add(initialism.toUpperCase());
  }
  return [...out];
}

/**
 * The pagefind weight of a KEP page's title: KEPs further along count a little more, so a
 * short query ("sidecar") reaches the feature people use before the later proposals around it.
 */
export function titleWeight(stage: Kep["stage"]): number {
  if (stage === "stable") return 10;
  if (stage === "beta") return 9;
  return 8;
}

/** Pagefind weights on KEP pages and proposals (0-10, quadratic; 1 is ordinary text). */
export const SEARCH_WEIGHTS = {
  /** Feature gate names and the aliases derived from them. */
  gates: 8,
  /** Authors and approvers: a handle search leads to their KEPs. */
  people: 5,
  /** Release highlight blurbs that name the KEP ("In-place pod resize is stable"). */
  highlights: 3,
  /** A proposal's full text: found, but below the KEP pages. */
  proposal: 0.1,
} as const;
