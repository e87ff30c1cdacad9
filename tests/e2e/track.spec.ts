import { readFile } from "node:fs/promises";
import type { Locator, Page } from "@playwright/test";
import { STATIC_FIRST_ROWS } from "../../src/components/track/TrackGrid.tsx";
import { expect, test } from "./fixtures.ts";

const RELEASE = "/releases/1.29/track/";

/** Opens a tracking page and waits until the island has taken over from the static table. */
async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator(".tr[data-ready]")).toBeVisible();
}

/** Opens a tracking page with the island's module held back, until `letGoIsland()`. */
let letGoIsland = () => {};
async function goHoldingIsland(page: Page, url: string) {
  const gate = new Promise<void>((resolve) => {
    letGoIsland = resolve;
  });
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  await page.unroute("**/_astro/TrackIsland.*.js");
  await page.route("**/_astro/TrackIsland.*.js", async (route) => {
    arrive();
    await gate;
    await route.continue();
  });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await arrived;
}

const table = (page: Page) => page.getByRole("table");
const bodyRows = (page: Page) => table(page).locator("tbody tr");
const matchCount = async (page: Page) =>
  Number((await page.locator("p.tr-count strong").textContent())?.replace(/,/g, ""));

/** Header labels of the rendered table, in order (sort arrows left out). */
async function headers(page: Page): Promise<string[]> {
  return table(page)
    .locator("thead th")
    .evaluateAll((ths) => ths.map((th) => th.querySelector("button")?.firstChild?.textContent ?? th.textContent ?? ""));
}

/** Text of every rendered cell, row by row. */
async function cells(page: Page): Promise<string[][]> {
  return bodyRows(page).evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => cell.textContent ?? "")),
  );
}

/** Text of one column's rendered cells. */
async function column(page: Page, label: string): Promise<string[]> {
  const index = (await headers(page)).indexOf(label);
  expect(index, `column ${label}`).toBeGreaterThanOrEqual(0);
  return (await cells(page)).map((row) => row[index] ?? "");
}

/** A small RFC 4180 reader for the downloaded CSV. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

async function chooseFacet(page: Page, facet: string, value: RegExp | string): Promise<number> {
  await page.getByRole("button", { name: `Filter by ${facet}` }).click();
  const option = page.locator(`#tr-panel-${facet.toLowerCase()} label`).filter({ hasText: value }).first();
  const count = Number(await option.locator(".tr-count").textContent());
  await option.getByRole("checkbox").check();
  await page.keyboard.press("Escape");
  return count;
}

test("search on 1.29 finds KEP-753 Sidecar Containers as beta and tracked", async ({ page }) => {
  await open(page, RELEASE);
  await page.getByRole("main").getByRole("searchbox", { name: "Search" }).fill("sidecar");
  const row = bodyRows(page).filter({ has: page.getByRole("rowheader", { name: "753", exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Sidecar Containers");
  await expect(row.locator(".c-stage")).toHaveText("Beta");
  await expect(row.locator(".c-tracking")).toHaveText("tracked");
  expect(await column(page, "Title")).toEqual(expect.arrayContaining(["Sidecar Containers"]));
  await expect(page).toHaveURL(/[?&]q=sidecar/);
});

test("the title links to the KEP's page; with the title hidden, the number does", async ({ page }) => {
  await open(page, `${RELEASE}?q=sidecar`);
  const header = page.getByRole("rowheader", { name: "753", exact: true });
  const row = bodyRows(page).filter({ has: header });
  await expect(row.getByRole("link", { name: "Sidecar Containers" })).toHaveAttribute("href", /\/keps\/753\/$/);
  await expect(header.getByRole("link")).toHaveCount(0);
  await open(page, `${RELEASE}?q=sidecar&cols=kep,stage,links`);
  await expect(header.getByRole("link", { name: "753" })).toHaveAttribute("href", /\/keps\/753\/$/);
});

test("each facet keeps only rows with the chosen value, as many as its count says", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1400 }); // a tall box renders 30+ rows at once
  const cases: [string, string, string, string][] = [
    [RELEASE, "SIG", "SIG Node", "SIG"],
    [RELEASE, "Stage", "Beta", "Stage"],
    [RELEASE, "Tracking", "deferred", "Tracking"],
    [`${RELEASE}?cols=kep,title,status,tracking`, "Status", "implemented", "Status"],
    ["/track/all/", "Release", "1.36", "Release"],
    ["/releases/1.37/track/", "Readiness", "At risk", "Readiness"],
  ];
  for (const [url, facet, value, label] of cases) {
    await open(page, url);
    const total = await matchCount(page);
    const count = await chooseFacet(page, facet, new RegExp(`^${value.replace(/\./g, "\\.")}\\s*\\d+$`));
    expect(count, `${facet} ${value}`).toBeGreaterThan(0);
    expect(count).toBeLessThan(total);
    await expect.poll(() => matchCount(page)).toBe(count);
    const shown = await column(page, label);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(count);
    if (count <= 30) expect(shown.length).toBe(count);
    for (const text of shown) expect(text.startsWith(value), `${facet} cell "${text}"`).toBe(true);
    await expect(page.getByRole("list", { name: "Active filters" })).toContainText(`${facet}: ${value}`);
  }
});

test("the island waits for the rows while the page is still being parsed", async ({ page }) => {
  // A script after the island that does not load yet holds the HTML parser before the static table
  // and the rows' JSON, while the island's modules load and React renders it (a slow parse under load).
  const hold = "/_astro/hold-the-parser.js";
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reached = () => {};
  const holding = new Promise<void>((resolve) => {
    reached = resolve;
  });
  await page.route(RELEASE, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</astro-island>", `</astro-island><script src="${hold}"></script>`);
    await route.fulfill({ response, body: html });
  });
  await page.route(hold, async (route) => {
    reached();
    await held;
    await route.fulfill({ contentType: "text/javascript", body: "" });
  });
  const loaded = page.goto(RELEASE);
  await holding;
  // Astro drops `ssr` once it has handed the component to React; give React time to render it.
  await expect
    .poll(() =>
      page.evaluate(() => document.querySelector("astro-island")?.hasAttribute("ssr") === false).catch(() => false),
    )
    .toBe(true);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  expect(await page.evaluate(() => document.readyState)).toBe("loading");
  release();
  await loaded;
  await expect(page.locator(".tr[data-ready]")).toBeVisible();
  await expect(page.locator("[data-track-static]")).toHaveCount(0);
  expect(await matchCount(page)).toBe(61);
  await expect(bodyRows(page).first()).toBeVisible();
});

test("sorts from the keyboard, and Shift+Enter adds a second sort", async ({ page }) => {
  await open(page, RELEASE);
  const trackingHeader = table(page).locator("thead th").filter({ hasText: "Tracking" });
  const kepHeader = table(page).locator("thead th").filter({ hasText: "KEP" });
  await trackingHeader.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(trackingHeader).toHaveAttribute("aria-sort", "ascending");
  await kepHeader.getByRole("button").focus();
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.press("Shift+Enter");
  await expect(kepHeader).toHaveAttribute("aria-sort", "descending");
  await expect(trackingHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(page).toHaveURL(/sort=tracking,-kep/);
  const tracking = await column(page, "Tracking");
  const keps = (await column(page, "KEP")).map(Number);
  for (let i = 1; i < keps.length; i++) {
    const sameGroup = tracking[i]?.split(" (")[0] === tracking[i - 1]?.split(" (")[0];
    if (sameGroup) expect(keps[i]).toBeLessThan(keps[i - 1]!);
  }
  expect(tracking[0]).toMatch(/^tracked/);
  // A plain Enter on another heading replaces the sort.
  await trackingHeader.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(trackingHeader).toHaveAttribute("aria-sort", "descending");
  await expect(kepHeader).toHaveAttribute("aria-sort", "none");
});

test("filter menus work from the keyboard and Escape returns focus", async ({ page }) => {
  await open(page, RELEASE);
  const button = page.getByRole("button", { name: "Filter by Stage" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(button).toBeFocused();
  await expect(button).toContainText("1");
});

test("a copied link reproduces the view in a fresh page, and back and forward walk the history", async ({
  page,
  browser,
}) => {
  await open(page, RELEASE);
  await page.getByRole("main").getByRole("searchbox", { name: "Search" }).fill("node");
  await chooseFacet(page, "Tracking", /^tracked\s*\d+$/);
  await table(page).locator("thead th").filter({ hasText: "Last change" }).getByRole("button").click();
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Feature gates" }).uncheck();
  await page.keyboard.press("Escape");
  const url = page.url();
  expect(url).toMatch(/q=node/);
  expect(url).toMatch(/tracking=tracked/);
  expect(url).toMatch(/sort=-?updated/);
  expect(url).toMatch(/cols=/);
  const expected = { headers: await headers(page), cells: await cells(page), count: await matchCount(page) };

  const fresh = await (await browser.newContext()).newPage();
  await open(fresh, url);
  expect({ headers: await headers(fresh), cells: await cells(fresh), count: await matchCount(fresh) }).toEqual(
    expected,
  );
  await expect(fresh.getByRole("main").getByRole("searchbox", { name: "Search" })).toHaveValue("node");
  await fresh.context().close();

  await page.goBack(); // columns back to default
  await expect(page.getByRole("columnheader", { name: "Feature gates" })).toBeVisible();
  await page.goBack(); // unsorted
  await expect(page).not.toHaveURL(/sort=/);
  await page.goBack(); // no tracking filter
  await expect(page).not.toHaveURL(/tracking=/);
  await expect(page.getByRole("main").getByRole("searchbox", { name: "Search" })).toHaveValue("node");
  await page.goForward();
  await expect(page).toHaveURL(/tracking=tracked/);
  await expect.poll(() => matchCount(page)).toBe(expected.count);
});

/** The rendered rows with links given as addresses, the way the exports write them (the page, from the title or number, then the issue). */
async function expectedRows(page: Page): Promise<{ headers: string[]; rows: string[][] }> {
  const labels = await headers(page);
  const linkIndex = labels.indexOf("Links");
  const rows = (await cells(page)).map((row) => [...row]);
  if (linkIndex >= 0) {
    const links = await bodyRows(page).evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll(".c-kep a, .c-title a, .c-links a")]
          .map((a) => (a as HTMLAnchorElement).href)
          .join(" "),
      ),
    );
    rows.forEach((row, i) => {
      row[linkIndex] = links[i] ?? "";
    });
  }
  return { headers: labels, rows };
}

async function downloadText(page: Page, button: Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const file = await download.path();
  return readFile(file, "utf8");
}

test("CSV and JSON downloads hold exactly the rows and columns shown, in order", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1400 }); // every matching row rendered
  await open(page, `${RELEASE}?sig=sig-node&sort=-tracking,kep`);
  const count = await matchCount(page);
  expect(count).toBeGreaterThan(5);
  expect(count).toBeLessThanOrEqual(30);
  const shown = await expectedRows(page);
  expect(shown.rows).toHaveLength(count);

  const csv = parseCsv(await downloadText(page, page.getByRole("button", { name: "Download CSV" })));
  expect(csv[0]).toEqual(shown.headers);
  expect(csv.slice(1)).toEqual(shown.rows);

  const json = JSON.parse(await downloadText(page, page.getByRole("button", { name: "Download JSON" })));
  expect(json.count).toBe(count);
  expect(json.columns.map((c: { label: string }) => c.label)).toEqual(shown.headers);
  const asText = (value: unknown) =>
    value === null
      ? ""
      : Array.isArray(value)
        ? value.join(", ")
        : typeof value === "object"
          ? Object.values(value as object).join(" ")
          : String(value);
  expect(json.rows.map((row: object) => Object.values(row).map(asText))).toEqual(shown.rows);
});

test("an empty view says which filters are active and clears them", async ({ page }) => {
  await open(page, `${RELEASE}?q=no-such-kep-anywhere&tracking=removed`);
  await expect(page.getByText("No KEPs match this view.")).toBeVisible();
  await expect(page.locator(".tr-empty")).toContainText("no-such-kep-anywhere");
  await expect(page.locator(".tr-empty")).toContainText("Tracking: removed");
  await page.getByRole("button", { name: "Clear search and filters" }).click();
  await expect(bodyRows(page).first()).toBeVisible();
  await expect(page).not.toHaveURL(/\?/);
  await expect(page.locator("[aria-live=polite]")).toHaveText(/61 KEPs match/);
});

test("without JavaScript the whole table is static HTML", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/track/all/");
  const rows = page.locator("table tbody tr");
  const total = Number(await page.locator("p.tr-count strong").textContent());
  expect(total).toBeGreaterThan(600);
  await expect(rows).toHaveCount(total);
  await expect(page.getByRole("columnheader", { name: "Tracking" })).toBeVisible();
  // Controls that could never work are not shown.
  await expect(page.locator(".tr-inert")).toBeHidden();
  await page.goto(RELEASE);
  const sidecar = page.locator("table tbody tr").filter({ hasText: "Sidecar Containers" });
  await expect(sidecar).toContainText("Beta");
  await expect(sidecar).toContainText("tracked");
  await expect(page.getByRole("heading", { name: "How tracking status is derived" })).toBeVisible();
  await context.close();
});

test("before the island takes over, the static table lays out its first rows; Show all brings the rest", async ({
  page,
}) => {
  // The island never arrives: its module answers with a component that renders nothing.
  await page.route("**/_astro/TrackIsland.*.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: "export default function Absent() { return null; }" }),
  );
  await page.goto("/track/all/");
  const rows = page.locator("[data-track-static] tbody tr");
  const total = Number(await page.locator("p.tr-count strong").textContent());
  await expect(rows).toHaveCount(total);
  await expect(rows.filter({ visible: true })).toHaveCount(STATIC_FIRST_ROWS);
  await expect(page.getByText(`Showing ${STATIC_FIRST_ROWS} of ${total} rows.`)).toBeVisible();
  await page.getByRole("link", { name: "Show all" }).click();
  await expect(rows.filter({ visible: true })).toHaveCount(total);
  await expect(page.getByRole("link", { name: "Show all" })).toBeHidden();
});

test("nothing moves when the island takes over, and what was typed before stays, with the focus", async ({ page }) => {
  const search = page.getByRole("searchbox", { name: "Search", exact: true });
  const tableTop = async () => (await table(page).boundingBox())?.y;

  await goHoldingIsland(page, RELEASE);
  const before = await tableTop();
  letGoIsland();
  await expect(page.locator(".tr[data-ready]")).toBeVisible();
  expect(await tableTop()).toBe(before);

  await goHoldingIsland(page, RELEASE);
  await search.fill("sidecar");
  letGoIsland();
  await expect(page.locator(".tr[data-ready]")).toBeVisible();
  await expect(search).toHaveValue("sidecar");
  await expect(search).toBeFocused();
  await expect(bodyRows(page).filter({ hasText: "Sidecar Containers" })).toHaveCount(1);
  await page.keyboard.type(" con");
  await expect(search).toHaveValue("sidecar con");
  await expect(page).toHaveURL(/[?&]q=sidecar(\+|%20)con/);
});

test("an inert control pressed before the island arrives is pressed again once it has", async ({ page }) => {
  await goHoldingIsland(page, RELEASE);
  await page.getByRole("button", { name: "Filter by Tracking" }).click();
  letGoIsland();
  await expect(page.locator(".tr[data-ready]")).toBeVisible();
  const tracking = page.getByRole("button", { name: "Filter by Tracking" });
  await expect(tracking).toHaveAttribute("aria-expanded", "true");
  await expect(tracking).toBeFocused();
  await expect(page.getByRole("checkbox", { name: /tracked/ }).first()).toBeVisible();
});

test("all KEPs load more rows as the table scrolls", async ({ page }) => {
  await open(page, "/track/all/");
  const before = await bodyRows(page).count();
  expect(before).toBeLessThan(await matchCount(page));
  await page.getByRole("region", { name: /Every KEP/ }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(() => bodyRows(page).count()).toBeGreaterThan(before);
});

test("/track/ opens on the cycle under way, with each KEP's readiness linked to its checklist", async ({ page }) => {
  await open(page, "/track/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kubernetes 1.37 tracking");
  await expect(
    page.getByRole("navigation", { name: "Tracking tables per cycle" }).getByRole("link", { name: "all KEPs" }),
  ).toHaveAttribute("href", /\/track\/all\/$/);
  const verdict = bodyRows(page).locator(".c-readiness a").first();
  await expect(verdict).toHaveText(/^(Ready|At risk|Not ready)$/);
  await expect(verdict).toHaveAttribute("href", /\/releases\/1\.37\/readiness\/#kep-\d+$/);
});

test("on a phone, long words in titles break between their parts and every stage, status and verdict stays inside its cell", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 900 });
  // Two titles with a word longer than the title column is wide at its narrowest, the longest stage and
  // status names, and the cycle under way.
  for (const [url, kep] of [
    ["/track/all/?q=ClusterResourceClaimTemplate", 5978],
    ["/track/all/?q=kubeProxyVersion", 4004],
    ["/track/all/?stage=deprecated,disabled", null],
    ["/track/all/?status=implementable,provisional,withdrawn,replaced", null],
    ["/track/", null],
  ] as const) {
    await open(page, url);
    if (kep) {
      const row = bodyRows(page).filter({ has: page.getByRole("rowheader", { name: String(kep) }) });
      await expect(row).toHaveCount(1);
      // A long word breaks between its parts (a browser alone would cut it anywhere).
      expect(await row.locator(".c-title a").innerHTML()).toMatch(/[a-z]<wbr>[A-Z]/);
    }
    const overflowing = await table(page)
      .locator("tbody")
      .evaluate((body) =>
        [...body.querySelectorAll<HTMLElement>("td, th")]
          .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
          .map((cell) => `${cell.className}: ${cell.textContent}`),
      );
    expect(overflowing, url).toEqual([]);
  }
});
