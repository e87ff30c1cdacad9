/**
 * The slide deck: the keyboard walks it and the hash follows, a hash opens a slide, printing
 * gives one page per slide, every slide of every release fits, highlight titles are whole, a
 * cycle under way says it is provisional, "What slipped" can be left out, the PowerPoint
 * export downloads, and without JavaScript the deck is a readable list.
 */
import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

/** The slide on screen: its number from the hash, and that it is the one visible slide. */
async function expectSlide(page: Page, n: number, total: number): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`#${n}$`));
  const current = page.locator(".slide.is-current");
  await expect(current).toHaveCount(1);
  await expect(current).toHaveAttribute("aria-label", new RegExp(`^${n} of ${total}: `));
  await expect(current).toBeVisible();
  await expect(page.locator(".slide:visible")).toHaveCount(1);
}

test("the deck presents from its first paint, before deck.ts runs: the title slide never moves", async ({ page }) => {
  await page.goto("/present/1.29/");
  await expect(page).toHaveURL(/#1$/);
  const presented = await page.locator(".slide").first().boundingBox();
  // The same page without its module scripts: what shows before deck.ts has run.
  await page.route("/present/1.29/", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script type="module"[\s\S]*?<\/script>/g, "");
    await route.fulfill({ response, body: html });
  });
  await page.goto("/present/1.29/");
  await expect(page.locator("html")).toHaveClass(/deck-on/);
  await expect(page.locator(".slide:visible")).toHaveCount(1);
  await expect(page.locator(".slide").first()).toBeVisible();
  expect(await page.locator(".slide").first().boundingBox()).toEqual(presented);
});

test("the keyboard walks the 1.29 deck and the hash follows", async ({ page }) => {
  await page.goto("/present/1.29/");
  const total = await page.locator(".slide").count();
  // Title, numbers, five highlights, what slipped, the leads, the shadows.
  expect(total).toBe(10);
  await expectSlide(page, 1, total);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("1.29");
  const steps: [string, number][] = [
    ["ArrowRight", 2],
    ["Space", 3],
    ["PageDown", 4],
    ["PageUp", 3],
    ["ArrowLeft", 2],
    ["End", total],
    ["Home", 1],
  ];
  for (const [key, n] of steps) {
    await page.keyboard.press(key);
    await expectSlide(page, n, total);
  }
  await expect(page.getByRole("status")).toHaveText(`1 of ${total}: Kubernetes 1.29`);
});

test("a hash opens its slide, and changing it moves the deck", async ({ page }) => {
  await page.goto("/present/1.29/#3");
  await expectSlide(page, 3, 10);
  await expect(page.locator(".slide.is-current h2")).toContainText(
    "KEP-2485 ReadWriteOncePod PersistentVolume AccessMode",
  );
  await page.evaluate(() => {
    location.hash = "#5";
  });
  await expectSlide(page, 5, 10);
  await expect(page.locator(".slide.is-current h2")).toContainText("KEP-3299");
});

test("the buttons move the deck too", async ({ page }) => {
  await page.goto("/present/1.29/#2");
  await page.getByRole("button", { name: "Next slide" }).click();
  await expectSlide(page, 3, 10);
  await page.getByRole("button", { name: "Previous slide" }).click();
  await expectSlide(page, 2, 10);
});

test("f asks for full screen", async ({ page }) => {
  await page.goto("/present/1.29/");
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
});

test("printing gives one 16:9 page per slide", async ({ page }) => {
  await page.goto("/present/1.29/#4");
  const total = await page.locator(".slide").count();
  const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString("latin1");
  // Page objects, not the /Pages tree.
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(total);
  // 13.333in x 7.5in is 960 x 540 points.
  const box = pdf.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
  expect(Math.round(Number(box?.[1]))).toBe(960);
  expect(Math.round(Number(box?.[2]))).toBe(540);
});

test("every slide of every release's deck fits its 16:9 frame", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { releases } = (await (await request.get("/api/releases.json")).json()) as { releases: { version: string }[] };
  for (const { version } of releases) {
    await page.goto(`/present/${version}/`);
    // Measure once the web fonts and the deck script have settled (a loaded machine is slow to lay out).
    await page.evaluate(() => document.fonts.ready);
    await expect(page.locator(".slide").first()).toHaveAttribute("aria-label", /^1 of \d+/);
    // Hidden slides keep their layout, so one look measures them all; a look is repeated while
    // images and fonts still arrive (a loaded machine lays out late), and a real overflow stays.
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>(".slide-body")]
              .map((body, i) => ({
                slide: i + 1,
                x: body.scrollWidth - body.clientWidth,
                y: body.scrollHeight - body.clientHeight,
              }))
              .filter((s) => s.x > 1 || s.y > 1),
          ),
        { message: `slides of ${version} that overflow` },
      )
      .toEqual([]);
  }
});

test("a release the rule picks highlights for says so on the slide", async ({ page }) => {
  await page.goto("/present/1.37/#3");
  await expect(page.locator(".slide.is-current")).toContainText("Not hand-picked: chosen by rule");
});

test("the 1.33 deck shows every highlight title whole: no ellipsis, no clamp, no overflow", async ({ page }) => {
  await page.goto("/present/1.33/");
  const titles = page.locator(".hl-title");
  await expect(titles).toHaveCount(4);
  await expect(titles.first()).toContainText("Sidecar Containers");
  const cut = await titles.evaluateAll((nodes) =>
    nodes
      .map((node) => {
        const style = getComputedStyle(node);
        const clamp = style.getPropertyValue("-webkit-line-clamp");
        return {
          text: node.textContent?.trim() ?? "",
          cut:
            node.scrollWidth > node.clientWidth ||
            node.scrollHeight > node.clientHeight + 1 ||
            style.textOverflow === "ellipsis" ||
            (clamp !== "" && clamp !== "none"),
        };
      })
      .filter((t) => t.cut)
      .map((t) => t.text),
  );
  expect(cut).toEqual([]);
});

test("the deck of the cycle under way says on every slide that its figures are provisional", async ({
  page,
  request,
}) => {
  const { releases } = (await (await request.get("/api/releases.json")).json()) as {
    releases: { version: string; state: string }[];
  };
  const current = releases.find((r) => r.state !== "released");
  test.skip(!current, "no cycle under way in the data");
  await page.goto(`/present/${current!.version}/`);
  const slides = await page.locator(".slide").count();
  await expect(page.locator(".slide [data-provisional]")).toHaveCount(slides);
  await expect(page.locator(".slide.is-current")).toContainText("Provisional: the cycle is under way");
  await page.goto("/present/1.33/");
  await expect(page.locator("[data-provisional]")).toHaveCount(0);
});

test("what slipped can be left out, and the slides after it are renumbered", async ({ page }) => {
  await page.goto("/present/1.33/#1");
  const total = await page.locator(".slide").count();
  await page.keyboard.press("End");
  await expectSlide(page, total, total);
  await page.getByRole("button", { name: "What slipped" }).click();
  await expect(page.getByRole("button", { name: "What slipped" })).toHaveAttribute("aria-pressed", "false");
  await expect(page).toHaveURL(/\?without=slipped#/);
  await expectSlide(page, total - 1, total - 1);
  await expect(page.locator(".slide.is-current .slide-num")).toHaveText(`${total - 1} / ${total - 1}`);
  await page.reload();
  await expect(page.locator('.slide[data-optional="slipped"]')).toBeHidden();
  await expect(page.getByRole("button", { name: "What slipped" })).toHaveAttribute("aria-pressed", "false");
});

test("the deck downloads as a PowerPoint file", async ({ page, request }) => {
  await page.goto("/present/1.33/");
  const link = page.getByRole("link", { name: "PowerPoint" });
  const url = await link.getAttribute("href");
  expect(url).toMatch(/\/present\/1\.33\/deck\.pptx$/);
  const response = await request.get(url!);
  expect(response.ok()).toBe(true);
  const body = await response.body();
  expect(body.subarray(0, 2).toString("latin1")).toBe("PK");
  expect(body.toString("latin1")).toContain("ppt/presentation.xml");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the deck is a vertical list of every slide", async ({ page }) => {
    await page.goto("/present/1.29/");
    await expect(page.locator(".slide:visible")).toHaveCount(10);
    await expect(page.getByRole("heading", { name: "Thank you, 1.29 release team" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Slides" })).toBeHidden();
  });
});

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test("every slide of the deck has no axe violations", async ({ page }) => {
      await page.goto("/present/1.29/");
      // Back to the list every slide shows in (the layout without JavaScript), so axe sees them all.
      await page.evaluate(() => document.documentElement.classList.remove("deck-on"));
      await expect(page.locator(".slide:visible")).toHaveCount(10);
      await expectNoAxeViolations(page);
    });

    test("the deck has no axe violations while presenting a highlight", async ({ page }) => {
      await page.goto("/present/1.29/#3");
      await expectSlide(page, 3, 10);
      await expectNoAxeViolations(page);
    });
  });
}

test("the thanks slides name each shadow once, even one who shadowed two roles", async ({ page }) => {
  await page.goto("/present/1.33/#9");
  await expect(page.locator(".slide.is-current h2")).toHaveText("And thank you, 1.33 shadows");
  const names = await page.locator(".slide.is-current .name").allTextContents();
  expect(names.length).toBeGreaterThan(5);
  expect(new Set(names).size).toBe(names.length);
});
