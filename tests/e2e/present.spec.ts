/**
 * The slide deck: the keyboard walks it and the hash follows, a hash opens a slide, printing
 * gives one page per slide, every slide of every release fits, and without JavaScript the
 * deck is a readable list.
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
  expect(total).toBe(8);
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
  await expectSlide(page, 3, 8);
  await expect(page.locator(".slide.is-current h2")).toContainText("KEP-753 Sidecar Containers");
  await page.evaluate(() => {
    location.hash = "#5";
  });
  await expectSlide(page, 5, 8);
  await expect(page.locator(".slide.is-current h2")).toContainText("KEP-1287");
});

test("the buttons move the deck too", async ({ page }) => {
  await page.goto("/present/1.29/#2");
  await page.getByRole("button", { name: "Next slide" }).click();
  await expectSlide(page, 3, 8);
  await page.getByRole("button", { name: "Previous slide" }).click();
  await expectSlide(page, 2, 8);
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
    // Hidden slides keep their layout, so one look measures them all.
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>(".slide-body")]
        .map((body, i) => ({
          slide: i + 1,
          x: body.scrollWidth - body.clientWidth,
          y: body.scrollHeight - body.clientHeight,
        }))
        .filter((s) => s.x > 1 || s.y > 1),
    );
    expect(overflowing, `slides of ${version} that overflow`).toEqual([]);
  }
});

test("a release the rule picks highlights for says so on the slide", async ({ page }) => {
  await page.goto("/present/1.30/#3");
  await expect(page.locator(".slide.is-current")).toContainText("Not hand-picked: KEP Radar chose these by rule");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the deck is a vertical list of every slide", async ({ page }) => {
    await page.goto("/present/1.29/");
    await expect(page.locator(".slide:visible")).toHaveCount(8);
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
      await expect(page.locator(".slide:visible")).toHaveCount(8);
      await expectNoAxeViolations(page);
    });

    test("the deck has no axe violations while presenting a highlight", async ({ page }) => {
      await page.goto("/present/1.29/#3");
      await expectSlide(page, 3, 8);
      await expectNoAxeViolations(page);
    });
  });
}

test("the thanks slide names each shadow once, even one who shadowed two roles", async ({ page }) => {
  await page.goto("/present/1.33/#8");
  const names = await page.locator(".team-shadows .name").allTextContents();
  expect(names.length).toBeGreaterThan(5);
  expect(new Set(names).size).toBe(names.length);
});
