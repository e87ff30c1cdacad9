/**
 * Names that become part of a URL (SIGs, feature gates) go through one function: lowercase
 * letters, digits and single hyphens, nothing that could leave its path segment (`/`, `.`,
 * `..`, `%`, `?`, `#`, spaces). Two names that meet in one slug get distinct ones, so every
 * name keeps a page and no route collides.
 */

/** Longest slug kept (longer names are cut; the uniqueness suffix still fits). */
const MAX_SLUG = 80;

/** "SIG Node" -> "sig-node", "sig/../x" -> "sig-x", "%20" -> "20"; null when nothing usable is left. */
export function slugify(name: string): string | null {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/, "");
  return slug === "" ? null : slug;
}

/** Whether a value is already a slug (what slugify leaves unchanged). */
export function isSlug(value: string): boolean {
  return slugify(value) === value;
}

/**
 * A slug for every name, unique across them: names are taken in sorted order and a second
 * name on the same slug gets "-2", a third "-3"; a name with no usable character gets "unnamed".
 */
export function assignSlugs(names: Iterable<string>): Map<string, string> {
  const slugs = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of [...new Set(names)].sort()) {
    const base = slugify(name) ?? "unnamed";
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    slugs.set(name, slug);
  }
  return slugs;
}
