/**
 * Social images (Open Graph / Twitter cards, 1200x630) as SVG text: one per release (logo
 * area, version, theme, counts by stage) and one per KEP (title, SIG, its road through the
 * stages). Pure: src/data/social.ts renders the SVG to PNG with sharp and lays the logo on
 * top. Every text that goes into the SVG is escaped: titles are upstream input anyone can edit.
 */
import { escapeXml } from "./feeds.ts";
import { STAGE_LABELS } from "./format.ts";
import type { ReleaseStage, Stage, TimelineEntry, Version } from "./schema.ts";
import { RELEASE_STAGES, STAGES } from "./vocabulary.ts";

/** Size of every social image, in pixels. */
export const SOCIAL_IMAGE = { width: 1200, height: 630 } as const;

/** Where the logo goes on a release image (a square box, the logo fitted inside). */
export const RELEASE_LOGO_BOX = { left: 70, top: 115, size: 400 } as const;
/** Where the logo of the release a KEP last reached a stage in goes on a KEP image. */
export const KEP_LOGO_BOX = { left: 1010, top: 56, size: 130 } as const;

/** URL of a release's social image. */
export function releaseSocialPath(version: Version): string {
  return `/og/releases/${version}.png`;
}

/** URL of a KEP's social image. */
export function kepSocialPath(kep: number): string {
  return `/og/keps/${kep}.png`;
}

const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
const MONO = "DejaVu Sans Mono, Liberation Mono, Menlo, monospace";
const INK = "#f4f6fb";
const INK_SOFT = "#b9c3d6";
const ACCENT = "#8db0ff";
/** Stage colours of the site's dark theme: they read well on the dark card. */
const STAGE_INK: Record<Stage, string> = {
  alpha: "#f0a36b",
  beta: "#c3a6f5",
  stable: "#6fd3a0",
  deprecated: "#a3a9b3",
  disabled: "#a3a9b3",
  removed: "#ff8a80",
};

/** Rough advance of a character in em for DejaVu/Liberation Sans (wrapping needs no more). */
function charWidth(char: string, bold: boolean): number {
  let width = 0.62;
  if (/[il.,:;'|!ijtf() ]/.test(char)) width = 0.34;
  else if (/[A-Z0-9]/.test(char)) width = 0.7;
  else if (/[mwMW@]/.test(char)) width = 0.94;
  return bold ? width * 1.1 : width;
}

/** Estimated width of a line of text in pixels. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) em += charWidth(char, bold);
  return em * fontSize;
}

/** Cuts a line to fit a width, ending it in "…" (one pass, whatever the length). */
function cutToFit(text: string, maxWidth: number, fontSize: number, bold: boolean): string {
  const budget = maxWidth - textWidth("…", fontSize, bold);
  let width = 0;
  let kept = "";
  for (const char of text) {
    width += charWidth(char, bold) * fontSize;
    if (width > budget) break;
    kept += char;
  }
  return `${kept.trimEnd()}…`;
}

/** More text than any image can show: the rest is never measured. */
const MAX_TEXT = 2000;

/** Wraps text into at most `maxLines` lines of `maxWidth` pixels; the last line ends in "…" when cut. */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number, bold = false): string[] {
  const words = text.slice(0, MAX_TEXT).trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    let line = words[i]!;
    i++;
    while (i < words.length && textWidth(`${line} ${words[i]}`, fontSize, bold) <= maxWidth) {
      line = `${line} ${words[i]}`;
      i++;
    }
    if (textWidth(line, fontSize, bold) > maxWidth) line = cutToFit(line, maxWidth, fontSize, bold);
    lines.push(line);
  }
  if (i < words.length && lines.length > 0) {
    const last = lines.length - 1;
    lines[last] = cutToFit(`${lines[last]!.replace(/…$/, "")} ${words[i]}`, maxWidth, fontSize, bold);
  }
  return lines;
}

/** One <text> element; the content is escaped here and nowhere else. */
function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${x}" y="${y}" ${attrs}>${escapeXml(content)}</text>`;
}

/** The background and the brand line shared by both kinds of image. */
function frame(body: string, footer: string): string {
  const { width, height } = SOCIAL_IMAGE;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    // A flat background: a gradient triples the PNG's size for little gain.
    `<rect width="${width}" height="${height}" fill="#111a2e"/>`,
    `<rect x="0" y="${height - 8}" width="${width}" height="8" fill="#326ce5"/>`,
    body,
    // The KEP Radar mark (the site's favicon, drawn again) and name, bottom right.
    `<g transform="translate(${width - 268} ${height - 74})">`,
    `<circle cx="18" cy="18" r="16" fill="none" stroke="${INK}" stroke-width="3"/>`,
    `<circle cx="18" cy="18" r="9" fill="none" stroke="${INK}" stroke-width="2" opacity=".6"/>`,
    `<path d="M18 18 L31 10" stroke="${ACCENT}" stroke-width="3.5" stroke-linecap="round"/>`,
    `<circle cx="18" cy="18" r="3" fill="${INK}"/>`,
    text(46, 29, "KEP Radar", `font-family="${FONT}" font-size="30" font-weight="700" fill="${INK}"`),
    "</g>",
    text(60, height - 44, footer, `font-family="${FONT}" font-size="26" fill="${INK_SOFT}"`),
    "</svg>",
  ].join("");
}

/** A rounded chip with a stage colour: "12 stable". */
function chip(x: number, y: number, label: string, color: string, fontSize: number): { svg: string; width: number } {
  const width = Math.round(textWidth(label, fontSize, true) + fontSize * 1.1);
  const height = Math.round(fontSize * 1.7);
  const svg = [
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="${height / 2}" fill="${color}" fill-opacity=".16" stroke="${color}" stroke-width="2"/>`,
    text(
      x + width / 2,
      y + height / 2 + fontSize * 0.36,
      label,
      `font-family="${FONT}" font-size="${fontSize}" font-weight="700" fill="${color}" text-anchor="middle"`,
    ),
  ].join("");
  return { svg, width };
}

/** Lays chips left to right, wrapping to a new row when the next one would pass `maxX`. */
function chipRows(items: { label: string; color: string }[], x: number, y: number, maxX: number, fontSize: number) {
  const parts: string[] = [];
  let cx = x;
  let cy = y;
  const rowHeight = Math.round(fontSize * 1.7) + 14;
  for (const item of items) {
    const width = textWidth(item.label, fontSize, true) + fontSize * 1.1;
    if (cx > x && cx + width > maxX) {
      cx = x;
      cy += rowHeight;
    }
    const made = chip(cx, cy, item.label, item.color, fontSize);
    parts.push(made.svg);
    cx += made.width + 14;
  }
  return parts.join("");
}

/** A Kubernetes-like heptagon with the version, for releases without a logo (like the site's badge). */
function badge(box: { left: number; top: number; size: number }, version: string): string {
  const cx = box.left + box.size / 2;
  const cy = box.top + box.size / 2;
  const r = box.size * 0.46;
  const corners = Array.from({ length: 7 }, (_, i) => {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / 7;
    return `${(cx + r * Math.cos(angle)).toFixed(1)},${(cy + r * Math.sin(angle)).toFixed(1)}`;
  }).join(" ");
  return [
    `<polygon points="${corners}" fill="#326ce5" stroke="#8db0ff" stroke-width="4"/>`,
    `<circle cx="${cx}" cy="${cy}" r="${r * 0.6}" fill="#1d4fb8" stroke="#ffffff" stroke-opacity=".55" stroke-width="3"/>`,
    text(
      cx,
      cy - r * 0.16,
      "KUBERNETES",
      `font-family="${FONT}" font-size="${Math.round(r * 0.12)}" font-weight="700" letter-spacing="3" fill="#ffffff" text-anchor="middle"`,
    ),
    text(
      cx,
      cy + r * 0.22,
      version,
      `font-family="${FONT}" font-size="${Math.round(r * 0.36)}" font-weight="800" fill="#ffffff" text-anchor="middle"`,
    ),
  ].join("");
}

/** What a release image shows. */
export interface ReleaseSocialInput {
  version: Version;
  theme: string | null;
  /** "Released 2023-12-13", "Release planned for 2026-08-26". */
  dateLine: string;
  /** Enhancements per stage, major changes apart. */
  counts: Record<ReleaseStage, number> & { majorChange?: number };
  total: number;
  /** "68 enhancements", or "105 targeting (as of 2026-07-24)" while the cycle runs. */
  totalLine: string;
  slipped: number;
  /** True when a logo is laid over RELEASE_LOGO_BOX; else a generated badge is drawn there. */
  hasLogo: boolean;
}

/** The SVG of a release's social image. */
export function composeReleaseSocialSvg(input: ReleaseSocialInput): string {
  const x = 540;
  const maxWidth = SOCIAL_IMAGE.width - x - 60;
  const parts: string[] = [];
  if (!input.hasLogo) parts.push(badge(RELEASE_LOGO_BOX, input.version));
  parts.push(
    text(
      x,
      122,
      "KUBERNETES",
      `font-family="${FONT}" font-size="30" font-weight="700" letter-spacing="6" fill="${ACCENT}"`,
    ),
  );
  parts.push(text(x - 6, 248, input.version, `font-family="${FONT}" font-size="140" font-weight="800" fill="${INK}"`));
  let y = 308;
  if (input.theme) {
    for (const line of wrapText(input.theme, maxWidth, 42, 2, true)) {
      parts.push(text(x, y, line, `font-family="${FONT}" font-size="42" font-weight="700" fill="${INK}"`));
      y += 52;
    }
  }
  parts.push(text(x, y, input.dateLine, `font-family="${FONT}" font-size="28" fill="${INK_SOFT}"`));
  const chips = RELEASE_STAGES.filter((s) => input.counts[s] > 0).map((s) => ({
    label: `${input.counts[s]} ${s}`,
    color: STAGE_INK[s],
  }));
  parts.push(chipRows(chips, x, y + 26, SOCIAL_IMAGE.width - 60, 26));
  const footer = `${input.totalLine} · ${input.slipped} slipped out`;
  return frame(parts.join(""), footer);
}

/** Where one stage of a KEP stands, for the image's stage row. */
export interface StageStep {
  stage: Stage;
  release: Version;
  /** reached: shipped there; planned: the release is not out; aimed: the last target, not recorded as reached. */
  state: "reached" | "planned" | "aimed";
  slips: number;
}

/** Each stage of a timeline in order: where it was reached, is planned or was last aimed, and its slips. */
export function deriveStageSteps(timeline: readonly TimelineEntry[]): StageStep[] {
  return STAGES.flatMap((stage): StageStep[] => {
    const entries = timeline.filter((e) => e.stage === stage);
    if (entries.length === 0) return [];
    const slips = entries.filter((e) => e.outcome === "slipped").length;
    const shipped = entries.find((e) => e.outcome === "shipped");
    if (shipped) return [{ stage, release: shipped.release, state: "reached", slips }];
    const planned = entries.find((e) => e.outcome === "planned");
    if (planned) return [{ stage, release: planned.release, state: "planned", slips }];
    return [{ stage, release: entries.at(-1)!.release, state: "aimed", slips }];
  });
}

/** What a KEP image shows. */
export interface KepSocialInput {
  number: number;
  title: string;
  /** "SIG Node" */
  sig: string;
  status: string | null;
  steps: StageStep[];
  /** True when a logo is laid over KEP_LOGO_BOX (the release of the latest reached stage). */
  hasLogo: boolean;
}

/** The caption under a KEP image's logo: which stage the KEP reached in that release. */
function logoCaption(steps: readonly StageStep[]): string {
  const last = steps.filter((s) => s.state === "reached").at(-1);
  return last ? `${STAGE_LABELS[last.stage]} in ${last.release}` : "";
}

/** The SVG of a KEP's social image. */
export function composeKepSocialSvg(input: KepSocialInput): string {
  const x = 60;
  const right = input.hasLogo ? KEP_LOGO_BOX.left - 30 : SOCIAL_IMAGE.width - 60;
  const parts: string[] = [];
  parts.push(
    text(x, 100, `KEP-${input.number}`, `font-family="${MONO}" font-size="34" font-weight="700" fill="${ACCENT}"`),
  );
  const lines = wrapText(input.title, right - x, 58, 3, true);
  let y = 180;
  for (const line of lines) {
    parts.push(text(x, y, line, `font-family="${FONT}" font-size="58" font-weight="700" fill="${INK}"`));
    y += 70;
  }
  if (input.hasLogo) {
    const { left, top, size } = KEP_LOGO_BOX;
    parts.push(
      text(
        left + size / 2,
        top + size + 34,
        logoCaption(input.steps),
        `font-family="${FONT}" font-size="22" font-weight="700" fill="${INK_SOFT}" text-anchor="middle"`,
      ),
    );
  }
  const facts = [input.sig, input.status].filter(Boolean).join(" · ");
  parts.push(text(x, y + 2, facts, `font-family="${FONT}" font-size="30" fill="${INK_SOFT}"`));
  parts.push(stageRow(input.steps, x, Math.max(y + 50, 400)));
  return frame(parts.join(""), "Stage timeline across Kubernetes releases");
}

/** The stages as boxes joined by arrows: "Alpha 1.28 → Beta 1.29 → Stable 1.33", slips beneath. */
function stageRow(steps: readonly StageStep[], x: number, y: number): string {
  if (steps.length === 0) {
    return text(
      x,
      y + 50,
      "No release named for any stage yet",
      `font-family="${FONT}" font-size="32" fill="${INK_SOFT}"`,
    );
  }
  const gap = 56;
  const available = SOCIAL_IMAGE.width - 2 * x - gap * (steps.length - 1);
  const width = Math.min(300, Math.floor(available / steps.length));
  const height = 96;
  const parts: string[] = [];
  steps.forEach((step, i) => {
    const left = x + i * (width + gap);
    const color = STAGE_INK[step.stage];
    const dashed = step.state === "reached" ? "" : ' stroke-dasharray="10 7"';
    const opacity = step.state === "reached" ? ".22" : ".06";
    parts.push(
      `<rect x="${left}" y="${y}" width="${width}" height="${height}" rx="16" fill="${color}" fill-opacity="${opacity}" stroke="${color}" stroke-width="3"${dashed}/>`,
    );
    const label = STAGE_LABELS[step.stage];
    const fontSize = Math.min(30, Math.floor(width / 7));
    parts.push(
      text(left + 20, y + 40, label, `font-family="${FONT}" font-size="${fontSize}" font-weight="700" fill="${color}"`),
    );
    const where = step.state === "reached" ? step.release : `${step.state} ${step.release}`;
    parts.push(
      text(left + 20, y + 78, where, `font-family="${FONT}" font-size="${fontSize}" font-weight="700" fill="${INK}"`),
    );
    if (step.slips > 0) {
      parts.push(
        text(
          left + 20,
          y + height + 36,
          `${step.slips} ${step.slips === 1 ? "slip" : "slips"}`,
          `font-family="${FONT}" font-size="24" fill="${INK_SOFT}"`,
        ),
      );
    }
    if (i < steps.length - 1) {
      const ax = left + width + 10;
      const ay = y + height / 2;
      parts.push(
        `<path d="M${ax} ${ay}H${ax + gap - 22}" stroke="${INK_SOFT}" stroke-width="4"/><path d="M${ax + gap - 24} ${ay - 10}L${ax + gap - 12} ${ay}L${ax + gap - 24} ${ay + 10}z" fill="${INK_SOFT}"/>`,
      );
    }
  });
  return parts.join("");
}

/** The text alternative of a release image. */
export function releaseSocialAlt(
  input: Pick<ReleaseSocialInput, "version" | "theme" | "counts" | "totalLine">,
): string {
  const majors = input.counts.majorChange ?? 0;
  const counts = [
    ...RELEASE_STAGES.filter((s) => input.counts[s] > 0).map((s) => `${input.counts[s]} ${s}`),
    ...(majors > 0 ? [`${majors} major ${majors === 1 ? "change" : "changes"}`] : []),
  ].join(", ");
  const theme = input.theme ? ` (${input.theme})` : "";
  return `Kubernetes ${input.version}${theme}: ${input.totalLine}${counts ? `, ${counts}` : ""}.`;
}

/** The text alternative of a KEP image. */
export function kepSocialAlt(input: Pick<KepSocialInput, "number" | "title" | "steps">): string {
  const steps = input.steps
    .map((s) => `${STAGE_LABELS[s.stage]} ${s.state === "reached" ? "in" : s.state} ${s.release}`)
    .join(", ");
  return `KEP-${input.number}: ${input.title}.${steps ? ` ${steps}.` : ""}`;
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  // The first chunk must be IHDR: length (4 bytes), type "IHDR", then width and height, big-endian.
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
