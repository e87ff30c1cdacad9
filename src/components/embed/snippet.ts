/** The iframe snippet the Embed control offers: built at build time and again in the browser when a preset changes. */

/** Sizes a speaker is likely to need: two 16:9 slide sizes and a card. */
export const EMBED_PRESETS = [
  { id: "slide-1280", label: "Slide, 1280 × 720", width: 1280, height: 720 },
  { id: "slide-960", label: "Slide, 960 × 540", width: 960, height: 540 },
  { id: "card", label: "Card, 480 × 270", width: 480, height: 270 },
] as const;

/** Themes an embed accepts in `?theme=`; "auto" leaves the parameter out. */
export const EMBED_THEMES = ["auto", "light", "dark", "transparent"] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

/** What a snippet is made of. */
export interface SnippetOptions {
  /** Absolute URL of the embed page. */
  src: string;
  width: number;
  height: number;
  /** The iframe's accessible name. */
  title: string;
  theme: EmbedTheme;
}

/** Escapes text for a double-quoted HTML attribute. */
function escapeAttribute(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The embed's URL with its theme (none for auto). */
export function embedUrl(src: string, theme: EmbedTheme): URL {
  const url = new URL(src);
  if (theme !== "auto") url.searchParams.set("theme", theme);
  return url;
}

/** The HTML to paste: an iframe with its size, title and (unless auto) theme. */
export function embedSnippet(options: SnippetOptions): string {
  const url = embedUrl(options.src, options.theme);
  return `<iframe src="${escapeAttribute(url.href)}" width="${options.width}" height="${options.height}" title="${escapeAttribute(options.title)}" style="border:0" loading="lazy"></iframe>`;
}
