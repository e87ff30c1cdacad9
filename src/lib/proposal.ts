/**
 * A KEP's proposal (its README.md) made safe to show: GitHub-flavoured Markdown (tables,
 * strikethrough) rendered at build time, raw HTML never passed through (comments dropped, a
 * few bare formatting tags kept, everything else shown as text: no script, no event handler,
 * no frame), javascript: links refused, relative links and images pointed at the file on
 * GitHub at the commit read, images shown as links (the site loads nothing from elsewhere),
 * heading anchors with GitHub's slugs and a table of contents, code blocks highlighted by a
 * function the caller passes, and the Summary's opening paragraph as a one-line description.
 * Pure: the caller reads the file.
 */
import GithubSlugger from "github-slugger";
import MarkdownIt, { type Token } from "markdown-it";

/** Largest README rendered in full (the largest real one is about 170 KB); the rest is cut with a note. */
export const MAX_README_CHARS = 1_000_000;
/** Longest summary kept, cut at a sentence or word boundary. */
export const MAX_SUMMARY_CHARS = 600;

/** Where a README lives, for links that point back at GitHub. */
export interface ProposalSource {
  /** "https://github.com/kubernetes/enhancements" */
  repoUrl: string;
  /** Commit the README was read at. */
  commit: string;
  /** Path of the README in the repository ("keps/sig-node/753-sidecar-containers/README.md"). */
  path: string;
}

/** One heading of the table of contents. */
export interface TocEntry {
  depth: number;
  id: string;
  text: string;
}

/** A rendered proposal. */
export interface RenderedProposal {
  html: string;
  toc: TocEntry[];
  /** The Summary's opening paragraph as plain text, or the first real paragraph; null when there is none. */
  summary: string | null;
  /** True when the README was longer than MAX_README_CHARS and was cut. */
  truncated: boolean;
}

/** Highlights one code block to HTML (trusted output), or returns null to leave it plain. */
export type CodeHighlighter = (code: string, lang: string | null) => string | null;

/** Headings of the KEP template that come before the proposal's own text. */
const PREAMBLE = /^(table of contents|release signoff checklist|kep-\d+.*)$/i;
/** Raw HTML kept as it is: bare formatting tags with no attribute at all. */
const BARE_TAG =
  /^<\/?(?:br|hr|p|b|i|em|strong|sub|sup|kbd|details|summary|ul|ol|li|code|pre|s|del|ins|small)\s*\/?>$/i;
const COMMENT = /^<!--[\s\S]*?-->\s*$/;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;
const SAFE_PROTOCOL = /^(?:https?:|mailto:)/i;

/** Cuts a long text at a sentence (or word) boundary, with an ellipsis. */
export function cutText(text: string, max = MAX_SUMMARY_CHARS): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max);
  const sentence = slice.lastIndexOf(". ");
  const end = sentence > max * 0.5 ? sentence + 1 : slice.lastIndexOf(" ");
  return `${slice.slice(0, end > 0 ? end : max).trimEnd()}…`;
}

/** Plain text of an inline token: text, code and link text, no markup, no HTML. */
function inlineText(token: Token | undefined): string {
  if (!token?.children) return (token?.content ?? "").trim();
  return token.children
    .map((child) =>
      child.type === "text" || child.type === "code_inline" ? child.content : child.type === "softbreak" ? " " : "",
    )
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The opening paragraph of the Summary section (HTML comments, which carry the template's
 * guidance, are never text), else the first paragraph of real prose after the template's preamble.
 */
export function extractSummary(tokens: readonly Token[]): string | null {
  const paragraphFrom = (start: number, stopAtHeading: boolean): string | null => {
    for (let i = start; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === "heading_open" && stopAtHeading) return null;
      if (token.type !== "paragraph_open" || token.level !== 0) continue;
      const text = inlineText(tokens[i + 1]);
      // A line that is only a link or a badge is navigation, not prose.
      if (text.length >= 20) return text;
    }
    return null;
  };
  let summaryAt = -1;
  let preambleEnd = 0;
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const text = inlineText(tokens[i + 1]);
    if (summaryAt < 0 && /^summary$/i.test(text)) summaryAt = i + 2;
    if (PREAMBLE.test(text)) preambleEnd = i + 2;
  });
  const found = (summaryAt >= 0 ? paragraphFrom(summaryAt, true) : null) ?? paragraphFrom(preambleEnd, false);
  return found ? cutText(found) : null;
}

/** The repository path a relative reference in the README points at ("../x.md" from keps/a/b/). */
function resolvePath(from: string, ref: string): string {
  const base = from.split("/").slice(0, -1);
  for (const part of ref.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") base.pop();
    else base.push(part);
  }
  return base.join("/");
}

/** The URL on GitHub of a relative link or image in the README, at the commit read. */
export function githubUrl(source: ProposalSource, ref: string): string {
  const [pathPart = "", hash] = ref.split("#", 2);
  let decoded = pathPart;
  try {
    decoded = decodeURI(pathPart);
  } catch {
    // A malformed escape stays as written.
  }
  const target = resolvePath(source.path, decoded);
  const url = `${source.repoUrl}/blob/${source.commit}/${target.split("/").map(encodeURIComponent).join("/")}`;
  return hash ? `${url}#${encodeURIComponent(hash)}` : url;
}

/** Where a link or image of the README points, or null to drop it (javascript:, data:, ...). */
function target(source: ProposalSource, ref: string): string | null {
  if (ref.startsWith("#")) return `#${ref.slice(1)}`;
  if (EXTERNAL.test(ref)) return SAFE_PROTOCOL.test(ref) ? ref : null;
  return githubUrl(source, ref);
}

/** One markdown-it instance per highlighter: parsing is the same, only code blocks differ. */
function createRenderer(highlight: CodeHighlighter | null): MarkdownIt {
  const md = new MarkdownIt({
    html: true,
    linkify: false,
    highlight: highlight ? (code, lang) => highlight(code, lang || null) ?? "" : null,
  });
  // Links: markdown-it already refuses javascript: and data: URLs; relative ones go to GitHub.
  md.validateLink = (url) => !/^\s*(?:javascript|vbscript|data|file):/i.test(url);
  const escapeHtml = md.utils.escapeHtml;
  md.renderer.rules.html_block = (tokens, idx) => rawHtml(tokens[idx]?.content ?? "", escapeHtml, true);
  md.renderer.rules.html_inline = (tokens, idx) => rawHtml(tokens[idx]?.content ?? "", escapeHtml, false);
  // Our own markup (an image turned into a link) is trusted: it was escaped when it was made.
  md.renderer.rules.trusted_html = (tokens, idx) => tokens[idx]?.content ?? "";
  // A visible "#" after each heading's text, for copying a link to the section.
  md.renderer.rules.heading_close = (tokens, idx) => {
    const id = tokens[idx - 2]?.attrGet("id");
    const anchor = id ? `<a class="anchor" href="#${id}" aria-label="Link to this section">#</a>` : "";
    return `${anchor}</${tokens[idx]?.tag ?? "h2"}>\n`;
  };
  return md;
}

/** Raw HTML from the README: comments dropped, bare formatting tags kept, the rest shown as text. */
function rawHtml(content: string, escapeHtml: (s: string) => string, block: boolean): string {
  const trimmed = content.trim();
  if (COMMENT.test(trimmed)) return "";
  if (BARE_TAG.test(trimmed)) return trimmed;
  // A block of several tags: keep bare ones, show the rest as text, line by line.
  const parts = trimmed.split(/(<!--[\s\S]*?-->|<[^>]*>)/g).map((part) => {
    if (part === "" || COMMENT.test(part)) return "";
    return BARE_TAG.test(part) ? part : escapeHtml(part);
  });
  const html = parts.join("");
  return block ? (html.trim() === "" ? "" : `<div class="raw-html">${html}</div>\n`) : html;
}

const renderers = new Map<CodeHighlighter | null, MarkdownIt>();

/** Renders a README to safe HTML with its table of contents and summary. */
export function renderProposal(
  markdown: string,
  source: ProposalSource,
  highlight: CodeHighlighter | null = null,
): RenderedProposal {
  let md = renderers.get(highlight);
  if (!md) {
    md = createRenderer(highlight);
    renderers.set(highlight, md);
  }
  const truncated = markdown.length > MAX_README_CHARS;
  const text = truncated ? markdown.slice(0, MAX_README_CHARS) : markdown;
  const tokens = md.parse(text, {});
  const summary = extractSummary(tokens);
  const toc: TocEntry[] = [];
  const slugger = new GithubSlugger();
  const ids = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "heading_open") {
      const heading = inlineText(tokens[i + 1]);
      const id = slugger.slug(heading);
      token.attrSet("id", id);
      const depth = Number(token.tag.slice(1));
      if (depth >= 2 && depth <= 3 && heading) toc.push({ depth, id, text: heading });
      ids.add(id);
    }
  }
  // A second pass, once every heading has its id: an in-page link to no heading loses its href.
  for (const token of tokens) for (const child of token.children ?? []) rewriteLink(child, source, ids);
  let html = md.renderer.render(tokens, md.options, {});
  if (truncated)
    html += `<p class="muted">The README is longer than ${MAX_README_CHARS.toLocaleString("en")} characters; the rest is on GitHub.</p>`;
  return { html, toc, summary, truncated };
}

/** Points a link or image at GitHub, turns an image into a link to it, drops an unsafe target. */
function rewriteLink(token: Token, source: ProposalSource, ids: ReadonlySet<string>): void {
  if (token.type === "link_open") {
    const href = target(source, token.attrGet("href") ?? "");
    const missingAnchor = href?.startsWith("#") && !ids.has(decodeAnchor(href.slice(1)));
    if (href === null || missingAnchor) token.attrs = [];
    else {
      token.attrSet("href", href);
      if (EXTERNAL.test(href)) token.attrSet("rel", "noopener nofollow");
    }
    return;
  }
  if (token.type === "image") {
    const src = target(source, token.attrGet("src") ?? "");
    const alt = (token.children ?? [])
      .map((c) => c.content)
      .join("")
      .trim();
    token.type = "trusted_html";
    token.content = src
      ? `<a class="proposal-image" href="${escapeAttribute(src)}" rel="noopener nofollow">Image${alt ? `: ${escapeText(alt)}` : ""} (on GitHub)</a>`
      : "";
    token.children = null;
  }
}

function decodeAnchor(anchor: string): string {
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}
