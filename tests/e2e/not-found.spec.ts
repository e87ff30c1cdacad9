/**
 * The 404 page (dist/404.html, which hosts serve for any missing address): the site's layout, a
 * message, a search box and the way back to releases and KEPs, accessible, from any depth.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

const DIST = path.resolve(import.meta.dirname, "../../dist");

/** Drops the browser's report of the 404 answer itself, the one console error these pages expect. */
function forgive404(consoleErrors: string[]): void {
  const others = consoleErrors.filter((e) => !/status of 404/.test(e));
  consoleErrors.splice(0, consoleErrors.length, ...others);
}

test("an unknown address answers 404 with the site's page, a search box and links to releases and KEPs", async ({
  page,
  consoleErrors,
}) => {
  const response = await page.goto("/no/such/page/");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Releases", exact: true })).toHaveAttribute("href", "/releases/");
  await expect(main.getByRole("link", { name: "KEPs", exact: true })).toHaveAttribute("href", "/keps/");
  await expectNoAxeViolations(page);
  await main.getByRole("searchbox").fill("sidecar");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/search/?q=sidecar");
  forgive404(consoleErrors);
});

test("an address without its trailing slash gets a link to the page it meant", async ({ page, consoleErrors }) => {
  // As a host serves it: 404.html at the missing address (astro preview answers a bare 404 there).
  await page.route("**/stats", (route) =>
    route.fulfill({ status: 404, contentType: "text/html", body: readFileSync(path.join(DIST, "404.html")) }),
  );
  await page.goto("/stats");
  await page.getByRole("link", { name: "/stats/" }).click();
  await expect(page).toHaveURL("/stats/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  forgive404(consoleErrors);
});

test("the 404 page stays out of the sitemap and keeps search engines away", () => {
  expect(readFileSync(path.join(DIST, "sitemap.xml"), "utf8")).not.toMatch(/\/404(\.html|\/)</);
  const html = readFileSync(path.join(DIST, "404.html"), "utf8");
  expect(html).toContain('<meta name="robots" content="noindex">');
  expect(html).not.toContain('rel="canonical"');
});
