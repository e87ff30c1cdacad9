/**
 * The site built from hostile upstream data (tests/support/hostile-upstream.ts): markup and
 * script in every text field show as text, nothing executes, no request leaves the site,
 * and every other page is intact.
 */
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { previewDist } from "../../scripts/preview.ts";
import { HOSTILE, hostileSyncArgs, makeHostileUpstream, SCRIPT_TITLE } from "../support/hostile-upstream.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const UPSTREAM = path.resolve(ROOT, "../shared/upstream");

let upstream: ReturnType<typeof makeHostileUpstream>;
let server: { url: string; stop(): void } | undefined;
let base = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  upstream = makeHostileUpstream(
    path.join(UPSTREAM, "kubernetes-enhancements.bundle"),
    path.join(UPSTREAM, "kubernetes-sig-release"),
  );
  const content = path.join(upstream.root, "content");
  const dist = path.join(upstream.root, "dist");
  // No enhancements source for the build: the hostile site also shows the fallback (KEP pages link
  // their README on GitHub), and it skips rendering some 650 proposals the tests do not read.
  const env = {
    ...process.env,
    KEP_RADAR_CONTENT: content,
    KEP_RADAR_SIG_RELEASE: upstream.sigRelease,
    KEP_RADAR_ENHANCEMENTS: path.join(upstream.root, "no-enhancements-source"),
  };
  const run = (command: string, args: string[]) => {
    const result = spawnSync(command, args, { cwd: ROOT, env, encoding: "utf8", maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr || result.stdout}`);
  };
  run(process.execPath, hostileSyncArgs(upstream, content));
  run(path.join(ROOT, "node_modules/.bin/astro"), ["build", "--outDir", dist]);
  server = await previewDist(dist);
  base = server.url;
});

test.afterAll(() => {
  server?.stop();
  if (upstream) rmSync(upstream.root, { recursive: true, force: true });
});

/** Opens a page, failing on any dialog, any request off this site, or any page error. */
async function visit(page: Page, url: string): Promise<void> {
  const trouble: string[] = [];
  page.on("dialog", (dialog) => {
    trouble.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("request", (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith("data:"))
      trouble.push(`request: ${request.url()}`);
  });
  page.on("pageerror", (error) => trouble.push(`error: ${error.message}`));
  await page.goto(`${base}${url}`, { waitUntil: "networkidle" });
  await page.mouse.move(200, 200);
  await page.waitForTimeout(200);
  expect(trouble).toEqual([]);
}

test("a KEP titled with script and markup shows the text and runs nothing", async ({ page }) => {
  await visit(page, `/keps/${HOSTILE.markup}/`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SCRIPT_TITLE);
  await expect(page.locator("main img[src='x']")).toHaveCount(0);
  await expect(page.getByText("<b onmouseover=alert(1)>Gate</b>").first()).toBeVisible();
});

test("a 200,000-character title is cut and does not widen a 390 px page", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await visit(page, `/keps/${HOSTILE.longText}/`);
  // The elements that stick out past the viewport, to name the culprit when this fails.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter(
        (el) =>
          el.getBoundingClientRect().right > window.innerWidth + 1 &&
          !el.closest("[class*=table-wrap], .timeline-scroll"),
      )
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );
  expect(wide).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("the release with a hostile theme and roster shows them as text", async ({ page }) => {
  await visit(page, "/releases/1.37/");
  await expect(page.locator("main")).toContainText('<img src=x onerror=alert("theme")>');
});

test("the site-wide lists and search index survive the hostile KEPs", async ({ page }) => {
  for (const url of ["/keps/", "/track/", "/quality/", "/feature-gates/", "/sigs/sig-node/"]) await visit(page, url);
});

test("the stage-change feed stays well-formed XML", async ({ page }) => {
  const xml = await (await fetch(`${base}/feeds/stages.xml`)).text();
  await page.goto(`${base}/`);
  const error = await page.evaluate(
    (text) =>
      new DOMParser().parseFromString(text, "application/xml").querySelector("parsererror")?.textContent ?? null,
    xml,
  );
  expect(error).toBeNull();
});

test("every real KEP is intact: KEP-753 still reached stable in 1.33", async ({ page }) => {
  await visit(page, "/keps/753/");
  await expect(page.locator("main")).toContainText("Stable reached in 1.33");
  await expect(page.getByRole("link", { name: "The proposal (README) on GitHub" })).toHaveAttribute(
    "href",
    /^https:\/\/github\.com\/kubernetes\/enhancements\/.*753-sidecar-containers\/README\.md$/,
  );
});
