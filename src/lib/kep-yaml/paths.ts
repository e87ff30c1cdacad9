/** What a path under keps/ is: a KEP's kep.yaml, a production-readiness approval, or something else. */

/** What a repository path under kubernetes/enhancements holds. */
export type KepPathClass =
  /** A KEP's kep.yaml. dirNumber is null for pre-numbering dated (`20190603-endpointslices`) or unnumbered dirs. */
  | { kind: "kep"; dirNumber: number | null; sigDir: string }
  /** A production-readiness approval file, keps/prod-readiness/<sig>/<n>.yaml (kep null when the name is no number). */
  | { kind: "prr"; kep: number | null; sig: string }
  /** The KEP or PRR template, or a copy of it kept as a template. */
  | { kind: "template" }
  /** Anything else (test fixtures, READMEs, example manifests). */
  | { kind: "other" };

/**
 * Number in a directory name: its leading digits without leading zeros ("0752-endpointslices" -> 752).
 * Dated names from before KEPs were numbered by issue ("20190603-endpointslices") give null: they were
 * renamed to their issue number later, so the caller maps them through the rename, not by their digits.
 */
export function readDirNumber(dir: string): number | null {
  const digits = /^(\d+)(?:-|$)/.exec(dir)?.[1];
  if (digits === undefined || isDatedNumber(digits)) return null;
  return Number(digits);
}

/** YYYYMMDD prefixes (pre-2020 KEP names) are dates, not issue numbers. */
export function isDatedNumber(digits: string): boolean {
  return digits.length >= 8;
}

/** Template copies end in "-template" and carry no real number (NNNN-kep-template, 0000-cloud-provider-template). */
export function isTemplateDir(dir: string): boolean {
  // A real KEP may be *about* templates (5978-cluster-resource-claim-template): only numberless or 0 ones count.
  return /-template$/i.test(dir) && !((readDirNumber(dir) ?? 0) > 0);
}

/** Classifies a repository-relative path: KEP metadata, PRR approval, template, or other. */
export function classifyKepPath(path: string): KepPathClass {
  const parts = path
    .replace(/\\/g, "/")
    .replace(/^\.?\//, "")
    .split("/");
  if (parts[0] !== "keps") return { kind: "other" };
  if (parts[1] === "prod-readiness") return classifyPrrPath(parts);
  if (parts[parts.length - 1] !== "kep.yaml") return { kind: "other" };
  const dirs = parts.slice(1, -1);
  if (dirs.some(isTemplateDir)) return { kind: "template" };
  // keps/<sig>/<kep>/ or one extra level: keps/<sig>/<group>/<kep>/ (kubeadm, providers, azure, ...).
  const sigDir = dirs[0];
  const kepDir = dirs[dirs.length - 1];
  if (sigDir === undefined || kepDir === undefined || dirs.length < 2 || dirs.length > 3) return { kind: "other" };
  return { kind: "kep", dirNumber: readDirNumber(kepDir), sigDir };
}

export function classifyPrrPath(parts: string[]): KepPathClass {
  // keps/prod-readiness/<sig>/<n>.yaml; for two days in 2024 one sat directly in prod-readiness/ (sig "").
  const [sig, name] = parts.length === 3 ? ["", parts[2]] : parts.length === 4 ? [parts[2], parts[3]] : [];
  if (sig === undefined || name === undefined || !name.endsWith(".yaml")) return { kind: "other" };
  if (sig === "template" || /^n+\.yaml$/i.test(name)) return { kind: "template" };
  const digits = /^(\d+)\.yaml$/.exec(name)?.[1];
  return { kind: "prr", kep: digits === undefined ? null : Number(digits), sig };
}
