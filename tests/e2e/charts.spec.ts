/** Charts that fit their frame: static bar charts on /stats/, the stage timeline on a page, a phone and a 480x270 card. */
import { expect, test } from "./fixtures.ts";

test.describe("stats charts", () => {
  test("/stats/ draws every chart without loading a script", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto("/stats/", { waitUntil: "networkidle" });
    await expect(page.getByRole("img", { name: "Enhancements per release, by stage" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Enhancements per SIG across all releases, by stage" })).toContainText(
      "SIG Node",
    );
    expect(scripts).toEqual([]);
  });

  test("prints the charts, not a placeholder", async ({ page }) => {
    await page.emulateMedia({ media: "print" });
    await page.goto("/stats/");
    await expect(page.getByText("The chart draws when JavaScript runs")).toHaveCount(0);
    const bars = page.getByRole("img", { name: "Releases from alpha to stable" }).locator("rect");
    expect(await bars.count()).toBeGreaterThan(10);
  });
});

test.describe("stage timeline", () => {
  test("spans the full width of its card on a desktop", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/keps/753/");
    const frame = page.getByRole("region", { name: /Stage timeline drawing/ });
    const drawing = frame.locator("svg.timeline");
    const [outer, inner] = [await frame.boundingBox(), await drawing.boundingBox()];
    expect(inner!.width / outer!.width).toBeGreaterThan(0.85);
  });

  test("shows KEP-753's stable dot on a phone without scrolling", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/keps/753/");
    const frame = page.getByRole("region", { name: /Stage timeline drawing/ });
    const shipped = frame.locator(".stage-stable .tl-mark.o-shipped circle");
    const [box, dot] = [await frame.boundingBox(), await shipped.boundingBox()];
    expect(dot!.x + dot!.width).toBeLessThanOrEqual(box!.x + box!.width);
  });

  test("the 480x270 KEP card keeps every text at 11 px or more, none clipped", async ({ page }) => {
    await page.setViewportSize({ width: 480, height: 270 });
    await page.goto("/embed/keps/753/");
    const problems = await page.evaluate(() => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim();
        const el = node.parentElement;
        if (!text || !el) continue;
        const style = getComputedStyle(el);
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (style.visibility === "hidden" || box.width === 0 || box.height === 0 || el.closest(".visually-hidden"))
          continue;
        // A glyph box is taller than a tight line box: allow a quarter of the font size above and below.
        const slack = Number.parseFloat(style.fontSize) / 4;
        if (Number.parseFloat(style.fontSize) < 11) found.push(`${text}: ${style.fontSize}`);
        if (box.left < 0 || box.top < 0 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5)
          found.push(`${text}: outside the frame`);
        // Clipped: the text reaches outside an ancestor that hides its overflow, or is cut to an ellipsis.
        for (let up: HTMLElement | null = el; up; up = up.parentElement) {
          const s = getComputedStyle(up);
          if (s.textOverflow === "ellipsis" && up.scrollWidth > up.clientWidth + 1) found.push(`${text}: cut short`);
          if (s.overflowX === "visible" && s.overflowY === "visible") continue;
          const clip = up.getBoundingClientRect();
          if (
            box.left < clip.left - 0.5 ||
            box.right > clip.right + 0.5 ||
            box.top < clip.top - slack ||
            box.bottom > clip.bottom + slack
          ) {
            found.push(`${text}: clipped by <${up.tagName.toLowerCase()} class="${up.className}">`);
            break;
          }
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  });
});
