/** The theme and the logo reference of a release README. Pure: text in, facts and warnings out. */
import path from "node:path";
import { cleanField, type Report, stripMarkdown } from "./report.ts";

// Emoji and their joiners/selectors decorate some titles ("Mandala (The Universe) ✨🌌").
export const DECORATION =
  /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3}/gu;

/** The release theme from the README's H1, or null when the H1 names only the version. */
export function readTheme(text: string, report: Report): string | null {
  const h1 = /^#[ \t]+(.+)$/m.exec(text)?.[1];
  if (h1 === undefined) {
    report("theme-missing", "theme", "", "ignored");
    return null;
  }
  const title = stripMarkdown(h1)
    .replace(DECORATION, "")
    .replace(/[\p{So}\s]+$/u, "")
    .trim();
  const match = /^(.*?)\bv?\d+\.\d+\b\s*[:\-–—]?\s*(.*)$/u.exec(title);
  if (!match) {
    report("theme-unreadable", "theme", h1, "ignored");
    return null;
  }
  const theme = composeTheme((match[1] ?? "").trim(), (match[2] ?? "").trim());
  if (theme === null) report("theme-missing", "theme", h1, "ignored");
  return theme === null ? null : cleanField(theme, "theme", report);
}

/**
 * "Kubernetes 1.29: Mandala" -> "Mandala". When the H1 replaces "Kubernetes" with a name
 * ("Timbernetes v1.35 - World Tree Release") the name leads and the rest is its subtitle.
 */
export function composeTheme(prefix: string, rest: string): string | null {
  const subtitle = rest.replace(/[\s:\-–—]+$/, "");
  const name = prefix === "" || /^kubernetes$/i.test(prefix) ? null : prefix;
  if (name === null) return subtitle === "" ? null : subtitle;
  return subtitle === "" ? name : `${name} (${subtitle})`;
}

/** The first local image the README shows, as a path relative to the sig-release root. */
export function readLogoRef(text: string, file: string): string | null {
  const images = /!\[[^\]]*\]\(\s*<?([^)\s>]+)[^)]*\)|<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi;
  for (const match of text.matchAll(images)) {
    const ref = (match[1] ?? match[2] ?? "").split(/[?#]/)[0] ?? "";
    // Remote and site-absolute images are not files of this repository.
    if (ref === "" || /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("/")) continue;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), safeDecode(ref)));
    if (!resolved.startsWith("..")) return resolved;
  }
  return null;
}

/** decodeURIComponent that keeps the input when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
