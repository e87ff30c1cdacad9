/**
 * The tracking table's Summary column: hidden by default, fetched from /track/summaries.json
 * when the reader shows it (or the URL does), searchable once loaded, and honest when the
 * fetch fails or the build had no summaries.
 */
import type { Page, Route } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

const ALL = "/track/all/";
const SUMMARIES = "**/track/summaries.json";
const SIDECAR = "Sidecar containers are a new type of containers";
/** Every KEP, searched down to a few so that KEP-753's row is rendered (the island renders the first rows that fill the box). */
const SIDECARS = `${ALL}?q=sidecar`;

/** Opens a tracking page and waits until the island has taken over from the static table. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator(".tr[data-ready]")).toBeVisible();
}

const table = (page: Page) => page.getByRole("table");
const headers = (page: Page) => table(page).locator("thead th");
const rowOf = (page: Page, kep: number) =>
  table(page)
    .locator("tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: String(kep), exact: true }) });
const summaryCell = (page: Page, kep: number) => rowOf(page, kep).locator("td.c-summary");
const matchCount = async (page: Page) =>
  Number((await page.locator("p.tr-count strong").textContent())?.replace(/,/g, ""));

/** Shows the Summary column from the keyboard: the Columns menu, its checkbox, Escape. */
async function showSummaryColumn(page: Page) {
  const button = page.getByRole("button", { name: "Columns" });
  await button.focus();
  await page.keyboard.press("Enter");
  const checkbox = page.getByRole("checkbox", { name: /^Summary/ });
  await checkbox.focus();
  await page.keyboard.press("Space");
  await expect(checkbox).toBeChecked();
  await page.keyboard.press("Escape");
  await expect(button).toBeFocused();
}

/** Holds requests for the summaries file until the returned function is called. */
async function holdSummaries(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(SUMMARIES, async (route: Route) => {
    await held;
    await route.continue();
  });
  return release;
}

test("the Summary column is off by default, and its file is fetched only once it is shown", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("summaries.json")) fetched.push(request.url());
  });
  await open(page, SIDECARS);
  await page.waitForLoadState("networkidle");
  await expect(headers(page).filter({ hasText: "Summary" })).toHaveCount(0);
  expect(fetched).toEqual([]);
  await showSummaryColumn(page);
  await expect(summaryCell(page, 753)).toContainText(SIDECAR);
  expect(fetched).toHaveLength(1);
});

test("shown from the keyboard, the column says Loading…, then KEP-753's summary, and the URL keeps it", async ({
  page,
}) => {
  const release = await holdSummaries(page);
  await open(page, SIDECARS);
  await showSummaryColumn(page);
  await expect(page).toHaveURL(/[?&]cols=[^&]*\bsummary\b/);
  await expect(headers(page).nth(2)).toContainText("Summary");
  await expect(summaryCell(page, 753)).toHaveText("Loading…");
  release();
  const cell = summaryCell(page, 753);
  await expect(cell).toContainText(SIDECAR);
  // Two lines shown, the whole text in the tooltip.
  await expect(cell.locator(".tr-sum")).toHaveAttribute("title", new RegExp(`^${SIDECAR}`));

  await page.unrouteAll();
  await page.reload();
  await expect(page.locator(".tr[data-ready]")).toBeVisible();
  await expect(headers(page).nth(2)).toContainText("Summary");
  await expect(summaryCell(page, 753)).toContainText(SIDECAR);
});

test("the search finds KEP-3866 by a word only its summary has, while the Summary column is loaded", async ({
  page,
}) => {
  await open(page, `${ALL}?q=featureful`);
  await expect(page.getByText("No KEPs match this view.")).toBeVisible();
  await showSummaryColumn(page);
  await expect.poll(() => matchCount(page)).toBe(1);
  await expect(rowOf(page, 3866)).toContainText("nftables");
  await expect(summaryCell(page, 3866)).toContainText("featureful");
  await expect(page.getByRole("main").getByRole("searchbox", { name: "Search" })).toHaveAttribute(
    "placeholder",
    /summary/,
  );
  // Hidden again, the column's text is no longer searched.
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: /^Summary/ }).uncheck();
  await page.keyboard.press("Escape");
  await expect(page.getByText("No KEPs match this view.")).toBeVisible();
});

test("the heading's Whole text switch shows every summary in full, and back to two lines", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, `${ALL}?q=kep-3866&cols=kep,title,summary,sig`);
  const text = summaryCell(page, 3866).locator(".tr-sum");
  await expect(text).toContainText("featureful");
  const clamped = await text.evaluate((el) => el.getBoundingClientRect().height);
  const lineHeight = await text.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
  expect(clamped).toBeLessThanOrEqual(lineHeight * 2 + 1);
  const toggle = page.getByRole("button", { name: "Whole text" });
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect.poll(() => text.evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(lineHeight * 3);
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect.poll(() => text.evaluate((el) => el.getBoundingClientRect().height)).toBe(clamped);
});

test("a failed fetch says so in the column and can be tried again", async ({ page, consoleErrors }) => {
  let fail = true;
  await page.route(SUMMARIES, (route) =>
    fail ? route.fulfill({ status: 503, body: "unavailable" }) : route.continue(),
  );
  await open(page, `${SIDECARS}&cols=kep,title,summary`);
  await expect(summaryCell(page, 753)).toHaveText("Summaries could not be loaded");
  const note = page.getByRole("status").filter({ hasText: "Summaries could not be loaded" });
  await expect(note).toContainText("the server answered 503");
  fail = false;
  await note.getByRole("button", { name: "Try again" }).click();
  await expect(summaryCell(page, 753)).toContainText(SIDECAR);
  await expect(note).toHaveCount(0);
  // The browser reports the 503 it was served on purpose; nothing else may be logged.
  const expected = consoleErrors.filter((e) => /status of 503/.test(e));
  expect(expected).toHaveLength(1);
  consoleErrors.splice(consoleErrors.indexOf(expected[0]!), 1);
});

test("a build without an enhancements source says so in the column, without failing", async ({ page }) => {
  await page.route(SUMMARIES, (route) =>
    route.fulfill({ json: { asOf: "2026-11-30", commit: null, count: 0, summaries: {} } }),
  );
  await open(page, `${SIDECARS}&cols=kep,title,summary`);
  await expect(summaryCell(page, 753)).toHaveText("No summaries in this build");
  await expect(page.getByRole("status").filter({ hasText: "no kubernetes/enhancements source" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Whole text" })).toHaveCount(0);
});

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });
    test(`the Summary column passes axe in ${scheme} mode`, async ({ page }) => {
      await open(page, `${ALL}?cols=kep,title,summary,sig,stage`);
      await expect(table(page).locator(".tr-sum").first()).toBeVisible();
      await expectNoAxeViolations(page, { colours: scheme === "dark" });
    });
  });
}
