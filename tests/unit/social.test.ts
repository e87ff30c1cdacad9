import sharp from "sharp";
import { describe, expect, test } from "vitest";
import { getSiteData } from "../../src/data/site.ts";
import { kepSocialJob, releaseSocialJob } from "../../src/data/social.ts";
import type { TimelineEntry } from "../../src/lib/schema.ts";
import {
  composeKepSocialSvg,
  composeReleaseSocialSvg,
  deriveStageSteps,
  readPngSize,
  releaseSocialAlt,
  SOCIAL_IMAGE,
  wrapText,
} from "../../src/lib/social.ts";

const HOSTILE = `</text><script>alert("x")</script><text>&amp; 'quoted' <b>bold</b>\u0007 ${"very long words ".repeat(12)}`;

describe("composeKepSocialSvg", () => {
  const svg = composeKepSocialSvg({
    number: 9999,
    title: HOSTILE,
    sig: "SIG <Node>",
    status: "implementable",
    steps: [],
    hasLogo: false,
  });

  test("escapes a hostile title: no markup of its own reaches the SVG", () => {
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;/text&gt;&lt;script&gt;");
    expect(svg).toContain("SIG &lt;Node&gt;");
  });

  test("drops characters XML cannot carry", () => {
    expect(svg).not.toContain("\u0007");
  });

  test("renders with sharp to a PNG of the declared size", async () => {
    const png = await sharp(Buffer.from(svg)).png().toBuffer();
    expect(readPngSize(png)).toEqual({ width: SOCIAL_IMAGE.width, height: SOCIAL_IMAGE.height });
  });
});

describe("wrapText", () => {
  test("keeps to the line limit and ends a cut text in an ellipsis", () => {
    const lines = wrapText("word ".repeat(80), 400, 40, 3, true);
    expect(lines).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/…$/);
  });

  test("cuts a 200,000-character title at once", () => {
    const started = performance.now();
    const lines = wrapText(`${"x".repeat(200_000)} ${"word ".repeat(40_000)}`, 1000, 58, 3, true);
    expect(lines).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(500);
  });

  test("cuts a single word longer than the line", () => {
    const [line] = wrapText("x".repeat(200), 300, 40, 2);
    expect(line).toMatch(/^x+…$/);
  });
});

describe("readPngSize", () => {
  test("reads nothing from bytes that are not a PNG", () => {
    expect(readPngSize(new TextEncoder().encode("GIF89a not a png at all"))).toBeNull();
  });
});

describe("deriveStageSteps", () => {
  const entry = (stage: TimelineEntry["stage"], release: string, outcome: TimelineEntry["outcome"]): TimelineEntry => ({
    stage,
    release,
    outcome,
    targetedOn: "2023-01-01T00:00:00Z",
  });

  test("gives each stage where it shipped, with the slips before", () => {
    expect(
      deriveStageSteps([
        entry("alpha", "1.27", "slipped"),
        entry("alpha", "1.28", "shipped"),
        entry("beta", "1.37", "planned"),
      ]),
    ).toEqual([
      { stage: "alpha", release: "1.28", state: "reached", slips: 1 },
      { stage: "beta", release: "1.37", state: "planned", slips: 0 },
    ]);
  });
});

describe("release images", () => {
  const { releases } = getSiteData();
  const v129 = releases.find((r) => r.version === "1.29")!;

  test("name the release, its theme and its counts in the alt text", () => {
    expect(releaseSocialJob(v129).alt).toBe(
      "Kubernetes 1.29 (Mandala (The Universe)): 46 enhancements, 16 alpha, 12 beta, 10 stable, 8 major changes.",
    );
  });

  test("draw a generated badge only when there is no logo", () => {
    const input = {
      version: "1.99",
      theme: null,
      dateLine: "Planned",
      counts: { alpha: 1, beta: 0, stable: 0, deprecated: 0, removed: 0 },
      total: 1,
      totalLine: "1 enhancement",
      slipped: 0,
    };
    expect(composeReleaseSocialSvg({ ...input, hasLogo: false })).toContain("<polygon");
    expect(composeReleaseSocialSvg({ ...input, hasLogo: true })).not.toContain("<polygon");
    expect(releaseSocialAlt(input)).toBe("Kubernetes 1.99: 1 enhancement, 1 alpha.");
  });
});

describe("KEP images", () => {
  const { releases, kepByNumber } = getSiteData();

  test("carry the logo of the release the KEP last reached a stage in", () => {
    const job = kepSocialJob(kepByNumber.get(753)!, releases);
    expect(job.logo?.release.version).toBe("1.33");
    expect(job.src).toBe("/og/keps/753.png");
  });
});
