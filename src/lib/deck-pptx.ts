/**
 * A deck plan (deck.ts) as a PowerPoint file, for speakers who assemble webinars in slide
 * tools: text and simple shapes on 16:9 slides, one per slide of the HTML deck. It carries no
 * upstream prose but KEP titles and names: a highlight described by its proposal's summary gets
 * the data's own line instead. Pure: it returns the bytes; the caller writes or serves them.
 */
import JSZip from "jszip";
import PptxGenJS from "pptxgenjs";
import type { DeckPlan, DeckSlide, DeckStat } from "./deck.ts";
import { STAGE_LABELS } from "./format.ts";
import type { ReleaseStage, Stage, TimelineEntry } from "./schema.ts";

/** What the export needs beyond the plan. */
export interface PptxDeckFacts {
  theme: string | null;
  dateLine: string;
  sourceLine: string;
  stats: DeckStat[];
  /** Enhancements per stage, in the order bars are drawn. */
  stageCounts: { stage: ReleaseStage; count: number }[];
  /** Each highlighted KEP's timeline. */
  timelines: ReadonlyMap<number, readonly TimelineEntry[]>;
  /** The data's date (YYYY-MM-DD): the file's creation date, so the same data gives the same bytes. */
  madeOn: string;
}

const W = 13.333;
const H = 7.5;
const FONT = "Calibri";
const INK = "1B2230";
const SOFT = "4A5568";
const ACCENT = "2F5FD0";
const LINE = "D9DEE8";
const STAGE_COLOURS: Record<Stage, string> = {
  alpha: "B3541E",
  beta: "7A4FC2",
  stable: "1F7A4D",
  deprecated: "666C75",
  disabled: "666C75",
  removed: "B42318",
};

/** A KEP's road as one line: "Alpha 1.28 · Beta 1.29 · Stable 1.33". */
export function describeTimeline(timeline: readonly TimelineEntry[]): string {
  return timeline
    .filter((e) => e.outcome === "shipped" || e.outcome === "planned")
    .map((e) => `${STAGE_LABELS[e.stage]} ${e.release}${e.outcome === "planned" ? " (planned)" : ""}`)
    .join(" · ");
}

type Slide = ReturnType<PptxGenJS["addSlide"]>;

/** Heading of a slide. */
function heading(slide: Slide, text: string, y = 0.45): void {
  slide.addText(text, {
    x: 0.6,
    y,
    w: W - 1.2,
    h: 0.9,
    fontFace: FONT,
    fontSize: 36,
    bold: true,
    color: INK,
    fit: "shrink",
  });
}

/** The foot every slide carries: release, brand or provisional banner, slide number. */
function foot(slide: Slide, plan: DeckPlan, n: number, total: number): void {
  slide.addShape("line", { x: 0.6, y: H - 0.55, w: W - 1.2, h: 0, line: { color: LINE, width: 1 } });
  const base = { y: H - 0.5, h: 0.35, fontFace: FONT, fontSize: 12, color: SOFT } as const;
  slide.addText(`Kubernetes ${plan.version}`, { ...base, x: 0.6, w: 3 });
  if (plan.provisional) {
    slide.addText(plan.provisional, {
      ...base,
      x: 3.4,
      w: W - 6.8,
      align: "center",
      bold: true,
      color: INK,
      fill: { color: "FFF3C4" },
      line: { color: "8A6D00", width: 0.75 },
    });
  } else {
    slide.addText("KEP Radar", { ...base, x: 3.4, w: W - 6.8, align: "center", bold: true });
  }
  slide.addText(`${n} / ${total}`, { ...base, x: W - 3.6, w: 3, align: "right" });
}

/** Bullet rows of KEPs, in one or two columns. */
function kepRows(
  slide: Slide,
  rows: { text: string; stage?: Stage | ReleaseStage; group?: boolean }[],
  columns: number,
  y: number,
): void {
  const perColumn = Math.ceil(rows.length / columns);
  const width = (W - 1.2 - (columns - 1) * 0.4) / columns;
  for (let c = 0; c < columns; c++) {
    const part = rows.slice(c * perColumn, (c + 1) * perColumn);
    slide.addText(
      part.map((r) => ({
        text: r.group ? r.text.toUpperCase() : r.text,
        options: {
          breakLine: true,
          bold: r.group ?? false,
          color: r.group ? SOFT : INK,
          fontSize: r.group ? (columns > 1 ? 11 : 13) : columns > 1 ? 14 : 18,
          paraSpaceAfter: 4,
        },
      })),
      { x: 0.6 + c * (width + 0.4), y, w: width, h: H - y - 0.8, fontFace: FONT, valign: "top", fit: "shrink" },
    );
  }
}

/** Draws one slide of the plan. */
function drawSlide(pptx: PptxGenJS, plan: DeckPlan, facts: PptxDeckFacts, spec: DeckSlide): Slide {
  const slide = pptx.addSlide();
  slide.background = { color: "FFFFFF" };
  switch (spec.kind) {
    case "title": {
      slide.addText("KUBERNETES", {
        x: 0.8,
        y: 1.2,
        w: 11,
        h: 0.6,
        fontFace: FONT,
        fontSize: 24,
        bold: true,
        color: ACCENT,
        charSpacing: 8,
      });
      slide.addText(plan.version, {
        x: 0.8,
        y: 1.8,
        w: 11,
        h: 1.9,
        fontFace: FONT,
        fontSize: 120,
        bold: true,
        color: INK,
      });
      if (facts.theme)
        slide.addText(facts.theme, {
          x: 0.8,
          y: 3.8,
          w: 11.5,
          h: 0.9,
          fontFace: FONT,
          fontSize: 34,
          bold: true,
          color: INK,
          fit: "shrink",
        });
      slide.addText(facts.dateLine, { x: 0.8, y: 4.7, w: 11, h: 0.5, fontFace: FONT, fontSize: 22, color: SOFT });
      if (plan.provisional)
        slide.addText(plan.provisional, {
          x: 0.8,
          y: 5.3,
          w: 9,
          h: 0.5,
          fontFace: FONT,
          fontSize: 16,
          bold: true,
          color: INK,
          fill: { color: "FFF3C4" },
          line: { color: "8A6D00", width: 0.75 },
        });
      slide.addText(facts.sourceLine, { x: 0.8, y: 6.0, w: 11, h: 0.4, fontFace: FONT, fontSize: 13, color: SOFT });
      break;
    }
    case "numbers": {
      heading(slide, `${plan.version} in numbers`);
      facts.stats.forEach((s, i) => {
        const y = 1.55 + i * 1.0;
        slide.addText(String(s.value), {
          x: 0.6,
          y,
          w: 1.8,
          h: 0.8,
          fontFace: FONT,
          fontSize: 44,
          bold: true,
          color: INK,
          align: "right",
        });
        slide.addText(
          [
            { text: s.label, options: { fontSize: 20, color: SOFT, breakLine: Boolean(s.note) } },
            ...(s.note ? [{ text: s.note, options: { fontSize: 12, color: SOFT } }] : []),
          ],
          { x: 2.55, y, w: 3.6, h: 0.8, fontFace: FONT, valign: "middle" },
        );
      });
      const max = Math.max(1, ...facts.stageCounts.map((s) => s.count));
      facts.stageCounts.forEach((s, i) => {
        const y = 1.7 + i * 0.75;
        slide.addText(STAGE_LABELS[s.stage], {
          x: 6.6,
          y,
          w: 1.6,
          h: 0.5,
          fontFace: FONT,
          fontSize: 16,
          color: SOFT,
          align: "right",
        });
        slide.addShape("rect", {
          x: 8.35,
          y: y + 0.08,
          w: Math.max(0.05, (3.6 * s.count) / max),
          h: 0.36,
          fill: { color: STAGE_COLOURS[s.stage] },
          line: { color: STAGE_COLOURS[s.stage] },
        });
        slide.addText(String(s.count), {
          x: 8.45 + (3.6 * s.count) / max,
          y,
          w: 0.8,
          h: 0.5,
          fontFace: FONT,
          fontSize: 16,
          bold: true,
          color: INK,
        });
      });
      const changesText =
        spec.changes.length === 0
          ? [{ text: "None recorded.", options: { breakLine: true } }]
          : spec.changes.map((c) => ({
              text: `${STAGE_LABELS[c.stage]}: KEP-${c.kep} ${c.title}`,
              options: { breakLine: true },
            }));
      slide.addText(
        [
          { text: "DEPRECATIONS AND REMOVALS", options: { bold: true, fontSize: 11, color: SOFT, breakLine: true } },
          ...changesText,
        ],
        {
          x: 0.6,
          y: 5.65,
          w: W - 1.2,
          h: 1.2,
          fontFace: FONT,
          fontSize: 14,
          color: INK,
          valign: "top",
          fit: "shrink",
        },
      );
      break;
    }
    case "highlight": {
      const h = spec.highlight;
      slide.addText(`HIGHLIGHT ${spec.index} OF ${spec.count}  ·  ${STAGE_LABELS[h.stage].toUpperCase()}`, {
        x: 0.6,
        y: 0.5,
        w: W - 1.2,
        h: 0.5,
        fontFace: FONT,
        fontSize: 18,
        bold: true,
        color: STAGE_COLOURS[h.stage],
        charSpacing: 3,
      });
      slide.addText(
        [
          { text: `KEP-${h.kep} `, options: { color: ACCENT, fontSize: 30 } },
          { text: h.title, options: { color: INK } },
        ],
        {
          x: 0.6,
          y: 1.1,
          w: W - 1.2,
          h: 1.6,
          fontFace: FONT,
          fontSize: h.title.length > 60 ? 30 : 38,
          bold: true,
          valign: "top",
          fit: "shrink",
        },
      );
      const blurb = h.blurbFrom === "proposal" ? h.fact : h.blurb;
      slide.addText(blurb, {
        x: 0.6,
        y: 2.85,
        w: W - 1.8,
        h: 1.3,
        fontFace: FONT,
        fontSize: 24,
        color: INK,
        valign: "top",
        fit: "shrink",
      });
      const road = describeTimeline(facts.timelines.get(h.kep) ?? []);
      if (road) {
        slide.addShape("rect", {
          x: 0.6,
          y: 4.45,
          w: W - 1.2,
          h: 0.9,
          fill: { color: "F5F7FB" },
          line: { color: LINE },
        });
        slide.addText(road, {
          x: 0.8,
          y: 4.5,
          w: W - 1.6,
          h: 0.8,
          fontFace: FONT,
          fontSize: 20,
          bold: true,
          color: INK,
          valign: "middle",
          fit: "shrink",
        });
      }
      if (h.source === "rule")
        slide.addText(`Chosen by rule, not by hand${h.why ? `: ${h.why}` : ""}.`, {
          x: 0.6,
          y: 5.7,
          w: W - 1.2,
          h: 0.5,
          fontFace: FONT,
          fontSize: 13,
          color: SOFT,
        });
      break;
    }
    case "changes": {
      heading(slide, `Deprecations and removals (${spec.items.length + spec.more})`);
      const rows = spec.items.map((c) => ({ text: `${STAGE_LABELS[c.stage]} · KEP-${c.kep} ${c.title}` }));
      if (spec.more > 0) rows.push({ text: `and ${spec.more} more on the release page` });
      kepRows(slide, rows, spec.columns, 1.5);
      break;
    }
    case "slipped": {
      heading(slide, `What slipped (${spec.groups.reduce((n, g) => n + g.items.length, 0) + spec.more})`);
      slide.addText(spec.lead, {
        x: 0.6,
        y: 1.35,
        w: W - 1.2,
        h: 0.8,
        fontFace: FONT,
        fontSize: 18,
        color: SOFT,
        valign: "top",
        fit: "shrink",
      });
      const rows = spec.groups.flatMap((g) => [
        { text: g.label, group: true },
        ...g.items.map((s) => ({ text: `${STAGE_LABELS[s.stage]} · KEP-${s.kep} ${s.title}` })),
      ]);
      if (spec.more > 0) rows.push({ text: `and ${spec.more} more on the release page` });
      kepRows(slide, rows, spec.columns, 2.25);
      break;
    }
    case "thanks": {
      heading(slide, `Thank you, ${plan.version} release team`);
      const perRow = 3;
      const rowsCount = Math.ceil(spec.leads.length / perRow);
      const room = spec.shadows.length > 0 ? 3.9 : 5.0;
      const rowH = Math.min(0.85, room / Math.max(rowsCount, 1));
      spec.leads.forEach((m, i) => {
        const x = 0.6 + (i % perRow) * 4.05;
        const y = 1.5 + Math.floor(i / perRow) * rowH;
        slide.addText(
          [
            { text: m.role.toUpperCase(), options: { fontSize: 10, color: SOFT, breakLine: true } },
            { text: m.name, options: { fontSize: rowH < 0.6 ? 14 : 18, bold: true, color: INK } },
          ],
          { x, y, w: 3.9, h: rowH, fontFace: FONT, valign: "top", fit: "shrink" },
        );
      });
      if (spec.shadows.length > 0)
        slide.addText(`Shadows: ${spec.shadows.join(" · ")}`, {
          x: 0.6,
          y: 1.5 + room + 0.1,
          w: W - 1.2,
          h: 6.8 - (1.6 + room),
          fontFace: FONT,
          fontSize: 14,
          color: SOFT,
          valign: "top",
          fit: "shrink",
        });
      break;
    }
    case "shadows": {
      heading(slide, `And thank you, ${plan.version} shadows`);
      const columns = spec.shadows.length > 48 ? 5 : 4;
      const perColumn = Math.ceil(spec.shadows.length / columns);
      const width = (W - 1.2) / columns;
      for (let c = 0; c < columns; c++) {
        const names = spec.shadows.slice(c * perColumn, (c + 1) * perColumn);
        slide.addText(
          names.map((name) => ({ text: name, options: { breakLine: true } })),
          {
            x: 0.6 + c * width,
            y: 1.5,
            w: width - 0.15,
            h: 5.2,
            fontFace: FONT,
            fontSize: perColumn > 12 ? 13 : 16,
            color: INK,
            valign: "top",
            fit: "shrink",
          },
        );
      }
      break;
    }
  }
  return slide;
}

/** Renders a deck plan as a .pptx file's bytes. */
export async function renderDeckPptx(plan: DeckPlan, facts: PptxDeckFacts): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = `Kubernetes ${plan.version}`;
  pptx.company = "KEP Radar";
  pptx.subject = `Kubernetes ${plan.version}: numbers, highlights, slips and the release team`;
  plan.slides.forEach((spec, i) => {
    const slide = drawSlide(pptx, plan, facts, spec);
    foot(slide, plan, i + 1, plan.slides.length);
  });
  const bytes = (await pptx.write({ outputType: "uint8array", compression: true })) as Uint8Array;
  return pinDates(bytes, new Date(`${facts.madeOn}T00:00:00Z`));
}

/**
 * The same .pptx with every date in it set to `madeOn`: pptxgenjs stamps the document properties
 * and each zip entry with the time of writing, so two builds of the same data differed.
 */
async function pinDates(bytes: Uint8Array, madeOn: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const stamp = madeOn.toISOString().replace(/\.\d{3}Z$/, "Z");
  const core = zip.file("docProps/core.xml");
  if (core) {
    const xml = await core.async("string");
    zip.file("docProps/core.xml", xml.replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*/g, `$1${stamp}`));
  }
  for (const entry of Object.values(zip.files)) entry.date = madeOn;
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
