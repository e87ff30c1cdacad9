/** An axe-core sweep over every page type, in light and dark mode, with charts drawn and disclosures open. */
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

const PAGES = [
  "/",
  "/releases/",
  "/releases/1.29/",
  "/releases/1.30/",
  "/releases/1.37/",
  "/keps/",
  "/keps/753/",
  "/keps/1287/",
  "/sigs/",
  "/sigs/sig-node/",
  "/stats/",
];
/** Swept in light mode only, with every rule: axe over a tracking table is slow, and the suite has a time budget. */
const LIGHT_ONLY = ["/releases/1.29/track/"];

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });
    for (const url of scheme === "light" ? [...PAGES, ...LIGHT_ONLY] : PAGES) {
      test(`${url} has no axe violations`, async ({ page }) => {
        // axe over the 655-row KEP index takes tens of seconds on two cores.
        test.setTimeout(120_000);
        await page.goto(url);
        await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
        // Draw every chart and open every disclosure so axe sees all of the content.
        await page.evaluate(async () => {
          for (const details of document.querySelectorAll("details")) details.open = true;
          for (const frame of document.querySelectorAll(".chart-frame")) {
            frame.scrollIntoView();
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        });
        await expect(page.locator(".chart-placeholder")).toHaveCount(0, { timeout: 15_000 });
        // A tracking page's island has taken over from the static table.
        if (url.endsWith("/track/")) await expect(page.locator(".tr[data-ready]")).toBeVisible();
        await expectNoAxeViolations(page, { colours: scheme === "dark" });
      });
    }
  });
}
