/** Page polish from issue #17: theme toggle state, exception colours, long identifiers, the home page's Explore list. */
import { expect, test } from "./fixtures.ts";

test("the theme toggle shows and announces its state", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const toggle = page.getByRole("button", { name: "Dark mode" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  const before = await toggle.evaluate((el) => getComputedStyle(el).backgroundColor);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  expect(await toggle.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(before);
});

for (const scheme of ["light", "dark"] as const) {
  test(`an exception denied is not drawn in the removed red (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/");
    const [denied, removed] = await page.evaluate(() => {
      const probe = (cls: string) => {
        const el = document.createElement("span");
        el.className = cls;
        document.body.append(el);
        return getComputedStyle(el).color;
      };
      return [probe("outcome outcome-denied"), probe("tl-lane stage-removed")];
    });
    expect(denied).not.toBe(removed);
  });
}

test("opening Embed on a release page leaves the logo where it was", async ({ page }) => {
  await page.goto("/releases/1.29/");
  const logo = page.locator(".release-hero").getByRole("img").first();
  const before = await logo.boundingBox();
  await page.locator(".release-hero").getByText("Embed", { exact: true }).click();
  await expect(page.locator(".release-hero details[open]")).toHaveCount(1);
  expect((await logo.boundingBox())?.y).toBe(before?.y);
});

test("the home page's Explore list links every section", async ({ page }) => {
  await page.goto("/");
  const explore = page.getByRole("list").filter({ has: page.getByRole("link", { name: "All KEPs" }) });
  for (const name of ["Track", "Gates", "Compare", "Quality"])
    await expect(explore.getByRole("link", { name, exact: true })).toBeVisible();
});

test("KEP-95's title keeps CustomResourceDefinitions whole on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/keps/95/");
  const lines = await page.getByRole("heading", { level: 1 }).evaluate((h1) => {
    const node = [...h1.childNodes].find((n) => n.textContent?.includes("CustomResourceDefinitions"))!;
    const range = document.createRange();
    const start = node.textContent!.indexOf("CustomResourceDefinitions");
    range.setStart(node, start);
    range.setEnd(node, start + "CustomResourceDefinitions".length);
    return range.getClientRects().length;
  });
  expect(lines).toBe(1);
});

for (const width of [1280, 390]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`screenshots of the polished pages at ${width} px, ${scheme}`, async ({ page }, info) => {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      for (const [name, url] of [
        ["home", "/"],
        ["kep-753", "/keps/753/"],
        ["stats", "/stats/"],
        ["quality", "/quality/"],
      ] as const) {
        await page.goto(url);
        await page.screenshot({ path: info.outputPath(`${name}-${width}-${scheme}.png`), fullPage: name !== "stats" });
      }
    });
  }
}
