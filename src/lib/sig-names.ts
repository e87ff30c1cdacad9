/**
 * SIG names as kep.yaml writes them, checked against the SIGs the data itself establishes:
 * the folders under keps/ in kubernetes/enhancements (keps/sig-node/...). A name that is
 * clearly one of them ("sig-scheduler", "sig-apimachinery", "sig-arch") is mapped to it; any
 * other is kept as written. Both are reported, so a typo never passes silently.
 */
import type { Kep, Warning } from "./schema.ts";

/** Folders under keps/ that are not SIGs. */
const NOT_SIG_FOLDERS = new Set(["prod-readiness"]);

/** The SIG folders named by a set of repository paths (keps/<sig>/...). */
export function knownSigsFromPaths(paths: Iterable<string>): Set<string> {
  const sigs = new Set<string>();
  for (const file of paths) {
    const folder = /^keps\/([a-z0-9-]+)\//.exec(file)?.[1];
    if (folder && !NOT_SIG_FOLDERS.has(folder) && !/^\d/.test(folder) && !folder.startsWith("nnnn")) sigs.add(folder);
  }
  return sigs;
}

/** Letters and digits only: "sig-api-machinery" and "sig-apimachinery" compare equal. */
function compact(name: string): string {
  return name
    .toLowerCase()
    .replace(/^sig[-\s]*/, "")
    .replace(/[^a-z0-9]/g, "");
}

/** How a written SIG name resolves against the known SIGs. */
export type SigResolution =
  | { kind: "known"; sig: string }
  | { kind: "mapped"; sig: string }
  | { kind: "unknown"; sig: string };

const MIN_STEM = 4;

/**
 * Resolves a SIG name: known as written; mapped when exactly one known SIG is clearly meant
 * (same letters, or one name a stem of the other: "scheduler"/"scheduling", "arch"/"architecture",
 * "machinery"/"api-machinery", "contribex"/"contributor-experience"); unknown otherwise.
 */
export function resolveSig(name: string, known: ReadonlySet<string>): SigResolution {
  if (known.has(name)) return { kind: "known", sig: name };
  const want = compact(name);
  if (want.length < 2 || !/^sig\b|^sig-/i.test(name.trim())) return { kind: "unknown", sig: name };
  const matches = (test: (sig: string) => boolean) =>
    [...known].filter((sig) => sig.startsWith("sig-") && test(compact(sig)));
  const rules: ((have: string) => boolean)[] = [
    (have) => have === want,
    (have) => want.length >= MIN_STEM && (have.startsWith(want) || have.endsWith(want)),
    (have) => sharedStem(have, want) >= Math.max(MIN_STEM, Math.min(have.length, want.length) - 3),
    (have) => isAbbreviation(want, have),
  ];
  for (const rule of rules) {
    const found = matches(rule);
    if (found.length === 1) return { kind: "mapped", sig: found[0]! };
    if (found.length > 1) break;
  }
  return { kind: "unknown", sig: name };
}

function sharedStem(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** "contribex" abbreviates "contributorexperience": its letters in order, starting each part. */
function isAbbreviation(short: string, long: string): boolean {
  if (short.length < MIN_STEM || short[0] !== long[0]) return false;
  let at = 0;
  for (const letter of short) {
    at = long.indexOf(letter, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** Settles the SIG names of KEPs against the known SIGs, with a warning per name that is not one of them. */
export function settleSigNames(keps: readonly Kep[], known: ReadonlySet<string>): { keps: Kep[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const settle = (kep: Kep, name: string, field: string): string => {
    if (name === "") return name;
    const resolved = resolveSig(name, known);
    if (resolved.kind === "known") return name;
    warnings.push({
      kind: resolved.kind === "mapped" ? "sig-name-mapped" : "sig-name-unknown",
      file: kep.path,
      field,
      value: resolved.kind === "mapped" ? `${name} -> ${resolved.sig}` : name,
      action: resolved.kind === "mapped" ? "normalised" : "kept-raw",
      kep: kep.number,
    });
    return resolved.sig;
  };
  const settled = keps.map((kep) => {
    if (kep.deleted) return kep;
    const owningSig = settle(kep, kep.owningSig, "owning-sig");
    const participatingSigs = [
      ...new Set(kep.participatingSigs.map((sig, i) => settle(kep, sig, `participating-sigs[${i}]`))),
    ].filter((sig) => sig !== owningSig);
    return { ...kep, owningSig, participatingSigs };
  });
  return { keps: settled, warnings };
}
