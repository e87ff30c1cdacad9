/**
 * The site built for a GitHub Pages project site (BASE_PATH=/kep-radar/, into its own folder)
 * and served under that path: the build logs a few plain lines, every link resolves under the
 * base path, and a reader who walks the site, searches and hits a missing page never leaves it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { checkLinks } from "../../scripts/check-links.ts";
import { previewDist } from "../../scripts/preview.ts";
import { expect, test } from "./fixtures.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BASE = "/kep-radar/";

let out = "";
let log = "";
let server: { url: string; stop(): void } | undefined;
let root = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(900_000);
  out = mkdtempSync(path.join(tmpdir(), "kep-radar-base-"));
  // Through scripts/run.sh, as `npm run build` runs it: its environment is part of what is tested.
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  const result = spawnSync("bash", ["scripts/run.sh", "build", "--outDir", out], {
    cwd: ROOT,
    env: { ...env, BASE_PATH: BASE },
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`BASE_PATH=${BASE} build failed:\n${result.stderr || result.stdout}`);
  log = result.stdout;
  server = await previewDist(out, { base: BASE });
  root = `${server.url}${BASE}`;
});

test.afterAll(() => {
  server?.stop();
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Records every request to this server outside the base path (a link or asset that escaped it). */
function watchEscapes(page: Page): string[] {
  const escaped: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin === new URL(root).origin && !url.pathname.startsWith(BASE)) escaped.push(url.pathname);
  });
  return escaped;
}

test("the build logs phases and a summary in plain text, not a line per route", () => {
  const lines = log.trimEnd().split("\n");
  expect(lines.length).toBeLessThan(20);
  expect(log).not.toContain("\u001b[");
  expect(log).not.toContain("├─");
  expect(lines.at(-1)).toMatch(/\d+ page\(s\) built in/);
});

test("a reader walks from the home page to a release, a KEP and its SIG under the base path", async ({ page }) => {
  const escaped = watchEscapes(page);
  await page.goto(root);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Releases" }).click();
  await expect(page).toHaveURL(`${root}releases/`);
  await page.getByRole("link", { name: "Kubernetes 1.33", exact: true }).first().click();
  await expect(page).toHaveURL(`${root}releases/1.33/`);
  await page
    .getByRole("main")
    .getByRole("link", { name: /KEP-753\b/ })
    .first()
    .click();
  await expect(page).toHaveURL(`${root}keps/753/`);
  await page.getByRole("main").getByRole("link", { name: "SIG Node", exact: true }).first().click();
  await expect(page).toHaveURL(`${root}sigs/sig-node/`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SIG Node");
  expect(escaped).toEqual([]);
});

test("the header search loads pagefind under the base path and its results link there", async ({ page }) => {
  const escaped = watchEscapes(page);
  await page.goto(`${root}releases/`);
  await page.keyboard.press("/");
  await page.keyboard.type("sidecar containers");
  const result = page.locator("[data-search-results] a").first();
  await expect(result).toHaveAttribute("href", new RegExp(`^${BASE}`));
  await result.click();
  await expect(page).toHaveURL(new RegExp(`^${root}`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(escaped).toEqual([]);
});

test("the tracking table's links and the compare picker stay under the base path", async ({ page }) => {
  const escaped = watchEscapes(page);
  await page.goto(`${root}compare/`);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`^${root}compare/\\d+\\.\\d+\\.\\.\\.\\d+\\.\\d+/$`));
  await page.goto(`${root}releases/1.29/track/`);
  await expect(page.locator(".tr[data-ready]")).toBeVisible();
  await page.getByRole("main").getByRole("searchbox", { name: "Search" }).fill("sidecar");
  await page.getByRole("table").getByRole("link", { name: "Sidecar Containers", exact: true }).click();
  await expect(page).toHaveURL(`${root}keps/753/`);
  expect(escaped).toEqual([]);
});

/** Drops the browser's report of the 404 answer itself, the one console error these pages expect. */
function forgive404(consoleErrors: string[]): void {
  const others = consoleErrors.filter((e) => !/status of 404/.test(e));
  consoleErrors.splice(0, consoleErrors.length, ...others);
}

test("a missing page under the base path gets the 404 page, whose search and links work", async ({
  page,
  consoleErrors,
}) => {
  const escaped = watchEscapes(page);
  const response = await page.goto(`${root}no-such-page/`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("main").getByRole("link", { name: "KEPs", exact: true })).toHaveAttribute(
    "href",
    `${BASE}keps/`,
  );
  await page.getByRole("main").getByRole("searchbox").fill("sidecar");
  await page.getByRole("main").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(`${root}search/?q=sidecar`);
  await expect(page.locator("[data-search-page-results] a").first()).toHaveAttribute("href", new RegExp(`^${BASE}`));
  expect(escaped).toEqual([]);
  forgive404(consoleErrors);
});

test("the 404 page offers the page an address without its trailing slash meant", async ({ page, consoleErrors }) => {
  // A host that serves 404.html for every missing address (astro preview answers a bare 404 here).
  await page.route(`${root}keps/753`, (route) =>
    route.fulfill({ status: 404, contentType: "text/html", body: readFileSync(path.join(out, "404.html")) }),
  );
  await page.goto(`${root}keps/753`);
  const meant = page.getByRole("link", { name: `${BASE}keps/753/` });
  await expect(meant).toBeVisible();
  await meant.click();
  await expect(page).toHaveURL(`${root}keps/753/`);
  forgive404(consoleErrors);
});

// Last: a serial run skips the tests after a failure, and this check covers every page of the build.
test("every link and asset of the build resolves under the base path", () => {
  const { problems, links } = checkLinks(out, { base: BASE });
  expect(links).toBeGreaterThan(1000);
  expect(problems.slice(0, 10)).toEqual([]);
});
