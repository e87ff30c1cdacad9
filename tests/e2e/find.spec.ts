/**
 * Finding things: search (header box and /search/), feature gates, release comparison, the
 * data-quality report, feeds, the sitemap and the published JSON Schemas, against the built site.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import Ajv2020 from "ajv/dist/2020.js";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

test.describe("search", () => {
  test("'/' focuses the header box and typing 'sidecar' finds KEP-753", async ({ page }) => {
    await page.goto("/feature-gates/");
    await page.keyboard.press("/");
    const box = page.getByRole("searchbox", { name: "Search KEPs, releases and feature gates" });
    await expect(box).toBeFocused();
    await box.pressSequentially("sidecar");
    const results = page.getByRole("list", { name: "Search results" });
    await expect(results.getByRole("link", { name: /Sidecar Containers/ }).first()).toHaveAttribute(
      "href",
      "/keps/753/",
    );
  });

  test("arrow keys walk the results and Escape closes them", async ({ page }) => {
    await page.goto("/feature-gates/");
    const box = page.getByRole("searchbox", { name: "Search KEPs, releases and feature gates" });
    await box.fill("sidecar");
    const results = page.getByRole("list", { name: "Search results" });
    await expect(results.getByRole("link").first()).toBeVisible();
    await box.press("ArrowDown");
    await expect(results.getByRole("link").first()).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(results.getByRole("link").nth(1)).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(box).toBeFocused();
    await expect(results).toBeHidden();
  });

  test("the open dropdown has no axe violations", async ({ page }) => {
    await page.goto("/feature-gates/");
    await page.getByRole("searchbox", { name: "Search KEPs, releases and feature gates" }).fill("sidecar");
    await expect(page.getByRole("list", { name: "Search results" }).getByRole("link").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).include("form[data-search-box]").analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  test("a page that is not searched loads no pagefind code", async ({ page }) => {
    const loaded: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/pagefind/")) loaded.push(request.url());
    });
    await page.goto("/feature-gates/");
    await page.waitForLoadState("networkidle");
    expect(loaded).toEqual([]);
    await page.getByRole("searchbox", { name: "Search KEPs, releases and feature gates" }).focus();
    await expect.poll(() => loaded.some((url) => url.endsWith("pagefind.js"))).toBe(true);
  });

  test("the search page shows results for ?q=", async ({ page }) => {
    await page.goto("/search/?q=sidecar");
    await expect(page.getByRole("main").getByRole("status")).toContainText("found for “sidecar”");
    await expect(page.getByRole("link", { name: /Sidecar Containers/ }).first()).toHaveAttribute("href", "/keps/753/");
  });

  test("a feature gate name finds its entry on /feature-gates/", async ({ page }) => {
    await page.goto("/search/?q=NodeSwap");
    await expect(page.getByRole("main").getByRole("link", { name: "NodeSwap", exact: true })).toHaveAttribute(
      "href",
      "/feature-gates/#NodeSwap",
    );
  });

  for (const query of ["#753", "753", "KEP-753", "kep 753"]) {
    test(`'${query}' in the header box offers KEP-753 first and Enter goes there`, async ({ page }) => {
      await page.goto("/feature-gates/");
      const box = page.getByRole("searchbox", { name: "Search KEPs, releases and feature gates" });
      await box.fill(query);
      const results = page.getByRole("list", { name: "Search results" });
      await expect(results.getByRole("link").first()).toHaveText("Go to KEP-753: Sidecar Containers");
      await box.press("Enter");
      await expect(page).toHaveURL(/\/keps\/753\/$/);
    });
  }

  test("the 'Go to KEP' option is reached with the arrow key before the index answers", async ({ page }) => {
    // Hold pagefind back: the option comes from the small KEP directory alone.
    await page.route("**/pagefind/**", () => undefined);
    await page.goto("/feature-gates/");
    const box = page.getByRole("searchbox", { name: "Search KEPs, releases and feature gates" });
    await box.fill("KEP-3866");
    const option = page.getByRole("link", { name: "Go to KEP-3866: Add an nftables-based kube-proxy backend" });
    // As a reader does: the option shows (the directory loads on first focus), then the arrow key.
    await expect(option).toBeVisible();
    await box.press("ArrowDown");
    await expect(option).toBeFocused();
  });

  test("the search page lists 'Go to KEP-753' first for ?q=753", async ({ page }) => {
    await page.goto("/search/?q=753");
    await expect(page.getByRole("main").getByRole("status")).toContainText("found for “753”");
    const first = page.getByRole("main").getByRole("listitem").first();
    await expect(first.getByRole("link")).toHaveText("Go to KEP-753: Sidecar Containers");
    await expect(first.getByRole("link")).toHaveAttribute("href", "/keps/753/");
  });

  for (const [query, kep] of [
    ["sidecar", 753],
    ["nftables", 3866],
    ["in-place pod resize", 1287],
    ["swap", 2400],
  ] as const) {
    test(`'${query}' ranks KEP-${kep}'s page first, above any proposal`, async ({ page }) => {
      await page.goto(`/search/?q=${encodeURIComponent(query)}`);
      await expect(page.getByRole("main").getByRole("status")).toContainText("found for");
      await expect(page.locator("[data-search-page-results] .result-title").first()).toHaveAttribute(
        "href",
        `/keps/${kep}/`,
      );
    });
  }

  test("a handle finds the KEPs that person approved, KEP pages first", async ({ page }) => {
    await page.goto("/search/?q=%40thockin");
    await expect(page.getByRole("main").getByRole("status")).toContainText("found for");
    const titles = page.locator("[data-search-page-results] .result-title");
    await expect(titles.first()).toHaveAttribute("href", "/keps/580/");
    for (const href of (await titles.evaluateAll((links) => links.map((a) => a.getAttribute("href")))).slice(0, 5)) {
      expect(href).toMatch(/^\/keps\/\d+\/$/);
    }
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the header box submits to /search/ and the page points to the indexes", async ({ page }) => {
      await page.goto("/feature-gates/");
      const box = page.getByRole("searchbox", { name: "Search KEPs, releases and feature gates" });
      await box.fill("NodeSwap");
      await box.press("Enter");
      await expect(page).toHaveURL(/\/search\/\?q=NodeSwap$/);
      await expect(page.getByRole("link", { name: "feature gates" })).toHaveAttribute("href", "/feature-gates/");
    });

    test("the compare picker falls back to the list of every pair", async ({ page }) => {
      await page.goto("/compare/1.28...1.33/");
      await page.getByRole("button", { name: "Compare" }).click();
      await expect(page).toHaveURL(/\/compare\/\?from=/);
      await expect(page.locator(".pair-list a")).toHaveCount(171);
    });
  });
});

test.describe("feature gates", () => {
  test("maps SidecarContainers to KEP-753 and can be linked by name", async ({ page }) => {
    await page.goto("/feature-gates/#SidecarContainers");
    const heading = page.getByRole("heading", { name: "SidecarContainers", level: 3 });
    await expect(heading).toHaveAttribute("id", "SidecarContainers");
    await expect(heading).toBeInViewport();
    const gate = page.locator(".fg-gate").filter({ has: heading });
    await expect(gate.getByRole("link", { name: /KEP-753/ })).toHaveAttribute("href", "/keps/753/");
    await expect(gate.getByRole("list", { name: "Stage of KEP-753 by release" })).toContainText("Stable since 1.33");
  });

  test("lists every KEP that declares a shared gate", async ({ page }) => {
    await page.goto("/feature-gates/");
    const gate = page.locator(".fg-gate").filter({ has: page.locator("#InPlacePodVerticalScaling") });
    await expect(gate.getByRole("link", { name: /KEP-1287/ })).toBeVisible();
    await expect(gate.getByRole("link", { name: /KEP-2273/ })).toBeVisible();
  });
});

test.describe("compare", () => {
  test("1.28...1.33 lists KEP-753 as graduated to stable", async ({ page }) => {
    await page.goto("/compare/1.28...1.33/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Upgrading from 1.28 to 1.33");
    await expect(page.getByText("means the enhancements of releases 1.29 to 1.33")).toBeVisible();
    const stable = page.getByRole("region", { name: /Graduated to stable/ });
    await expect(stable.getByRole("link", { name: /KEP-753 Sidecar Containers/ })).toHaveAttribute(
      "href",
      "/keps/753/",
    );
  });

  test("the picker goes to the chosen pair, oldest first", async ({ page }) => {
    await page.goto("/compare/");
    await page.getByRole("combobox", { name: "From", exact: true }).selectOption("1.33");
    await page.getByRole("combobox", { name: "to", exact: true }).selectOption("1.29");
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/\/compare\/1\.29\.\.\.1\.33\/$/);
  });

  test("the index links all 171 pairs", async ({ page }) => {
    await page.goto("/compare/");
    await expect(page.locator(".pair-list a")).toHaveCount(171);
    await expect(page.getByRole("link", { name: "1.29 to 1.33" })).toHaveAttribute("href", "/compare/1.29...1.33/");
  });
});

test.describe("data quality", () => {
  test("lists KEP-2043's kep-number 1884 mismatch on the kind's page, with its fix", async ({ page }) => {
    await page.goto("/quality/kep-number-mismatch/#kep-2043");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("kep-number-mismatch");
    await expect(page.getByRole("main")).toContainText(
      "Fix upstream: make kep-number equal the number in the folder name",
    );
    const entry = page.getByRole("article", { name: /KEP-2043/ });
    await expect(entry).toBeInViewport();
    await expect(entry).toContainText("1884");
  });

  test("sends an old /quality/#kep-2043 link on to the KEP's entry", async ({ page }) => {
    await page.goto("/quality/#kep-2043");
    await expect(page).toHaveURL(/\/quality\/kep-number-mismatch\/#kep-2043$/);
    await expect(page.getByRole("article", { name: /KEP-2043/ })).toBeInViewport();
  });

  test("shows counts per kind, each kind linking its own page", async ({ page }) => {
    await page.goto("/quality/");
    const table = page.getByRole("table", { name: /Every kind of irregularity/ });
    await table.getByRole("link", { name: "handle-no-at" }).click();
    await expect(page).toHaveURL(/\/quality\/handle-no-at\/$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("handle-no-at");
    await expect(page.getByRole("article").first()).toContainText(/KEP-\d+/);
  });

  test("explains the 0.0 migration placeholder class", async ({ page }) => {
    await page.goto("/quality/");
    const row = page.locator("#kind-milestone-migration-zero");
    await expect(row).toContainText("2020 metadata migration");
    await expect(row).toContainText("Fix: set the release the work actually targeted");
  });

  test("sorts the SIG table by a column", async ({ page }) => {
    await page.goto("/quality/");
    const table = page.getByRole("table", { name: /each SIG/ });
    await table.getByRole("button", { name: "SIG" }).click();
    await expect(table.getByRole("columnheader", { name: "SIG" })).toHaveAttribute("aria-sort", "ascending");
    await expect(table.locator("tbody tr").first()).toContainText("SIG API Machinery");
  });
});

/** Parses XML in the browser's strict XML parser; returns the parse error text, or "" when well-formed. */
async function xmlError(page: import("@playwright/test").Page, xml: string): Promise<string> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    return doc.querySelector("parsererror")?.textContent ?? "";
  }, xml);
}

test.describe("feeds and sitemap", () => {
  test("the site feed is well-formed Atom with KEP links", async ({ page, request }) => {
    const response = await request.get("/feeds/stages.xml");
    expect(response.headers()["content-type"]).toContain("xml");
    const xml = await response.text();
    await page.goto("/feeds/");
    expect(await xmlError(page, xml)).toBe("");
    const entries = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return [...doc.getElementsByTagName("entry")].map((e) => e.getElementsByTagName("link")[0]?.getAttribute("href"));
    }, xml);
    expect(entries).toHaveLength(200);
    for (const href of entries) expect(href).toMatch(/\/keps\/\d+\/$/);
  });

  test("the feeds page links a feed per SIG that parses", async ({ page, request }) => {
    await page.goto("/feeds/");
    const href = await page.getByRole("link", { name: "SIG Node" }).getAttribute("href");
    expect(href).toBe("/feeds/sigs/sig-node.xml");
    expect(await xmlError(page, await (await request.get(href!)).text())).toBe("");
  });

  test("the sitemap lists pages of every kind", async ({ page, request }) => {
    const xml = await (await request.get("/sitemap.xml")).text();
    await page.goto("/feeds/");
    expect(await xmlError(page, xml)).toBe("");
    for (const path of [
      "/",
      "/keps/753/",
      "/releases/1.29/",
      "/feature-gates/",
      "/compare/1.28...1.33/",
      "/quality/",
    ]) {
      expect(xml).toContain(`${path}</loc>`);
    }
  });
});

test.describe("JSON Schemas", () => {
  // E2E_DIST names another build folder when the suite runs against one (default: dist/).
  const dist = path.resolve(import.meta.dirname, "../..", process.env.E2E_DIST ?? "dist", "api");
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === "schema" ? [] : files(path.join(dir, e.name))) : [path.join(dir, e.name)],
    );
  const schemaOf = (file: string) => {
    const rel = path.relative(dist, file);
    if (rel === "keps.json") return "keps-index";
    if (rel === "releases.json") return "releases-index";
    if (rel.endsWith("/readiness.json")) return "readiness";
    return rel.startsWith("keps/") ? "kep" : "release";
  };

  test("every built API file validates against its published schema", async ({ request }) => {
    const ajv = new Ajv2020({ strict: true });
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
    ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
    ajv.addFormat("uri", /^https?:\/\/\S+$/);
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    for (const name of ["kep", "release", "keps-index", "releases-index", "readiness"]) {
      const response = await request.get(`/api/schema/${name}.json`);
      expect(response.ok()).toBe(true);
      validators.set(name, ajv.compile(await response.json()));
    }
    const all = files(dist);
    expect(all.length).toBeGreaterThan(600);
    for (const file of all) {
      const validate = validators.get(schemaOf(file))!;
      const ok = validate(JSON.parse(readFileSync(file, "utf8")));
      expect(ok, `${path.relative(dist, file)}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
});

const OWN_PAGES = [
  "/feature-gates/",
  "/compare/",
  "/compare/1.28...1.33/",
  "/quality/",
  "/quality/handle-no-at/",
  "/search/?q=sidecar",
  "/feeds/",
];

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });
    for (const url of OWN_PAGES) {
      test(`${url} has no axe violations`, async ({ page }) => {
        // Axe over the 171 pair links of /compare/ takes a while on a loaded two-core machine.
        test.setTimeout(120_000);
        await page.goto(url);
        await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
        if (url.startsWith("/search/")) await expect(page.getByRole("main").getByRole("status")).toContainText("found");
        await expectNoAxeViolations(page, { colours: scheme === "dark" });
      });
    }
  });
}
