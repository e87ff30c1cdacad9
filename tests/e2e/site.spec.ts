/** The site's page types, checked against real facts from the snapshot. */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

/** Script files (not inline scripts) the page has requested so far. */
function trackScripts(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") urls.push(request.url());
  });
  return urls;
}

test.describe("home", () => {
  test("says honestly that 1.37's release date has passed and no next schedule is known", async ({ page }) => {
    await page.goto("/");
    const cycle = page.getByRole("region", { name: "The current cycle" });
    await expect(cycle).toContainText(
      "1.37 was scheduled for release on 2026-08-26; the next cycle's schedule is not in the data yet",
    );
  });

  test("shows the latest releases with their logos or badges", async ({ page }) => {
    await page.goto("/");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Kubernetes 1.35" }) });
    await expect(card).toContainText("Timbernetes");
    const logo = card.locator("img");
    await logo.scrollIntoViewIfNeeded();
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  });
});

test("the releases page lists every release from 1.19 and marks 1.37 in progress", async ({ page }) => {
  await page.goto("/releases/");
  const names = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(names.at(-1)).toBe("Kubernetes 1.19");
  expect(names[0]).toBe("Kubernetes 1.37");
  const row = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Kubernetes 1.37" }) });
  await expect(row).toContainText("In progress");
});

test.describe("release 1.29", () => {
  test("shows Mandala with 753 in beta and 3866 and 1287 in alpha", async ({ page }) => {
    await page.goto("/releases/1.29/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kubernetes 1.29");
    await expect(page.getByText("Mandala (The Universe)").first()).toBeVisible();
    const beta = page.getByRole("region", { name: /^Beta/ });
    const alpha = page.getByRole("region", { name: /^Alpha/ });
    await expect(beta.getByRole("link", { name: /KEP-753 Sidecar Containers/ })).toBeVisible();
    await expect(alpha.getByRole("link", { name: /KEP-3866 / })).toBeVisible();
    await expect(alpha.getByRole("link", { name: /KEP-1287 In-place Update of Pod Resources/ })).toBeVisible();
    await expect(beta.getByRole("link", { name: /KEP-1287 / })).toHaveCount(0);
  });

  test("shows its logo as an image that loads", async ({ page }) => {
    await page.goto("/releases/1.29/");
    const logo = page.getByRole("img", { name: /Kubernetes 1\.29 logo/ });
    await expect(logo).toBeVisible();
    expect(await logo.evaluate((img: HTMLImageElement) => img.tagName)).toBe("IMG");
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  });

  test("shows each freeze on the day the schedule states, with its time in both zones", async ({ page }) => {
    await page.goto("/releases/1.29/");
    const schedule = page.getByRole("region", { name: "Schedule" });
    const enhancementsFreeze = schedule.getByRole("listitem").filter({ hasText: "Enhancements freeze" });
    await expect(enhancementsFreeze).toContainText("Thu 5 Oct 2023");
    await expect(enhancementsFreeze).toContainText("18:00 PDT · 01:00 UTC Fri 6 Oct");
    const codeFreeze = schedule.getByRole("listitem").filter({ hasText: "Code freeze" });
    await expect(codeFreeze).toContainText("Tue 31 Oct 2023");
  });

  test("sets the derived count beside the release announcement's, with the reason they differ", async ({ page }) => {
    await page.goto("/releases/1.29/");
    const note = page.locator("p.official-count");
    await expect(note).toContainText("The release announcement states 49 (11 stable, 19 beta, 19 alpha)");
    await expect(note.getByRole("link", { name: "The announcement" })).toHaveAttribute(
      "href",
      "https://kubernetes.io/blog/2023/12/13/kubernetes-v1-29-release/",
    );
  });

  test("says, KEP by KEP, where the announcement's stable list and ours differ and why", async ({ page }) => {
    await page.goto("/releases/1.30/");
    const differences = page.locator("details.official-stable");
    await differences.getByText(/The stable lists differ on \d+ KEPs/).click();
    const apparmor = differences.getByRole("listitem").filter({ hasText: "KEP-24 " });
    await expect(apparmor).toContainText("named only by the announcement; our data puts its stable stage in 1.31");
    await expect(apparmor.getByRole("link", { name: "1.31" })).toHaveAttribute("href", /\/releases\/1\.31\/$/);
    // Another official source settles it: the AppArmor feature gate went GA in 1.31.
    await expect(differences.locator("summary")).toContainText("another official source settles all of them");
    await expect(apparmor).toContainText(
      "Settled: The feature gate reference (AppArmor) puts its stable stage in 1.31: the post names it early.",
    );
    await expect(apparmor.getByRole("link", { name: "The feature gate reference (AppArmor)" })).toHaveAttribute(
      "href",
      /feature-gates\/AppArmor\.md$/,
    );
  });

  test("calls the cycle under way provisional: targeting, with the data's date", async ({ page }) => {
    await page.goto("/releases/1.37/");
    const numbers = page.getByRole("list", { name: "Headline numbers" });
    await expect(numbers).toContainText(/\d+ targeting as of 2026-07-24/);
    await expect(page.locator("p.official-count")).toContainText("Provisional");
  });

  test("draws its charts at build time and loads no script file", async ({ page }) => {
    const scripts = trackScripts(page);
    await page.goto("/releases/1.29/", { waitUntil: "networkidle" });
    const chart = page.getByRole("figure", { name: "Stage mix" });
    await expect(chart.getByRole("img", { name: "Stage mix" })).toBeVisible();
    await chart.scrollIntoViewIfNeeded();
    expect(scripts).toEqual([]);
  });

  test("explains how the list was derived, with counts per signal", async ({ page }) => {
    await page.goto("/releases/1.29/");
    await page.getByText("How this list was derived").click();
    const row = page.getByRole("row", { name: /targeted-at-freeze/ });
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell").nth(1)).toHaveText(/^\d+$/);
  });

  test("keeps shadows folded away until asked", async ({ page }) => {
    await page.goto("/releases/1.29/");
    const team = page.getByRole("region", { name: "Release team" });
    const shadows = team.locator("summary");
    await expect(shadows).toHaveText(/^Shadows \(\d+\)$/);
    await expect(team.locator("details")).not.toHaveAttribute("open");
    await shadows.focus();
    await page.keyboard.press("Enter");
    await expect(team.locator("details")).toHaveAttribute("open", "");
  });

  test("links to the releases either side", async ({ page }) => {
    await page.goto("/releases/1.29/");
    const pager = page.getByRole("navigation", { name: "Neighbouring releases" });
    await expect(pager.getByRole("link", { name: /Kubernetes 1\.28/ })).toHaveAttribute("href", "/releases/1.28/");
    await expect(pager.getByRole("link", { name: /Kubernetes 1\.30/ })).toHaveAttribute("href", "/releases/1.30/");
  });
});

test("a release without a logo (1.30) shows a generated badge instead", async ({ page }) => {
  await page.goto("/releases/1.30/");
  const badge = page.getByRole("img", { name: /Kubernetes 1\.30.*generated badge/ });
  await expect(badge).toBeVisible();
  expect(await badge.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
  await expect(page.locator(".release-hero img")).toHaveCount(0);
});

test("1.26 says KEP-1287's approved exception slipped to 1.27", async ({ page }) => {
  await page.goto("/releases/1.26/");
  const row = page.getByRole("region", { name: /Freeze exceptions/ }).getByRole("row", { name: /KEP-1287/ });
  await expect(row).toContainText("approved — slipped to 1.27");
});

test("1.37 shows its data date on the schedule and says it was in progress then", async ({ page }) => {
  await page.goto("/releases/1.37/");
  await expect(page.locator(".release-hero")).toContainText("In progress");
  await expect(page.locator(".release-hero")).toContainText("scheduled for release on 2026-08-26");
});

test.describe("KEP pages", () => {
  test("753 reached alpha in 1.28, beta in 1.29 and stable in 1.33, with no script files", async ({ page }) => {
    const scripts = trackScripts(page);
    await page.goto("/keps/753/", { waitUntil: "networkidle" });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("KEP-753 Sidecar Containers");
    const stages = page.getByRole("table", { name: /Stages: where history shows/ });
    await expect(stages.getByRole("row", { name: /^Alpha 1\.28/ })).toBeVisible();
    await expect(stages.getByRole("row", { name: /^Beta 1\.29/ })).toBeVisible();
    await expect(stages.getByRole("row", { name: /^Stable 1\.33/ })).toBeVisible();
    expect(scripts).toEqual([]);
  });

  test("1287 shows each alpha retarget from 1.22 to 1.27 with its date", async ({ page }) => {
    await page.goto("/keps/1287/");
    const table = page.getByRole("table", { name: /Every stage target/ });
    const moves = [
      ["1.22", "1.23", "2021-09-07"],
      ["1.23", "1.24", "2022-01-25"],
      ["1.24", "1.25", "2022-05-31"],
      ["1.25", "1.26", "2022-08-22"],
      ["1.26", "1.27", "2023-01-17"],
    ];
    for (const [from, to, day] of moves) {
      await expect(table.getByRole("row", { name: `Alpha ${from} slipped` }).first()).toContainText(
        `to ${to} on ${day}`,
      );
    }
    await expect(table.getByRole("row", { name: /^Alpha 1\.27 shipped/ })).toBeVisible();
    await expect(
      page.getByText("Alpha reached in 1.27 after 5 slips (1.22 → 1.23 → 1.24 → 1.25 → 1.26 → 1.27)."),
    ).toBeVisible();
  });

  test("links the GitHub issue, related KEPs that exist and people", async ({ page }) => {
    await page.goto("/keps/753/");
    await expect(page.getByRole("link", { name: "Tracking issue #753" })).toHaveAttribute(
      "href",
      "https://github.com/kubernetes/enhancements/issues/753",
    );
    await expect(page.getByRole("link", { name: /^KEP-4438 / })).toHaveAttribute("href", "/keps/4438/");
    await expect(page.getByRole("link", { name: "@thockin" })).toHaveAttribute("href", "https://github.com/thockin");
  });

  test("describes this KEP's data-quality warnings in words", async ({ page }) => {
    await page.goto("/keps/1287/");
    const notes = page.getByRole("region", { name: /Data-quality notes/ });
    await expect(notes).toContainText("milestone.stable");
    await expect(notes).toContainText("TBD");
  });
});

test("the KEP index links every KEP under its SIG, and its jump links land on the SIG", async ({ page }) => {
  await page.goto("/keps/");
  const node = page.getByRole("region", { name: /^SIG Node/ });
  await expect(node.getByRole("link", { name: "Sidecar Containers", exact: true })).toHaveAttribute(
    "href",
    "/keps/753/",
  );
  // Groups far down the page are laid out only when they come near (content-visibility), and
  // the jump links still land on their heading: the last group too.
  const last = page.getByRole("navigation", { name: "SIGs on this page" }).getByRole("link").last();
  const target = (await last.getAttribute("href")) ?? "";
  await last.click();
  await expect(page).toHaveURL(new RegExp(`${target}$`));
  await expect
    .poll(() => page.locator(target).evaluate((el) => Math.abs(Math.round(el.getBoundingClientRect().top))))
    .toBe(0);
});

test("a SIG page splits the current cycle into on track and slipping", async ({ page }) => {
  await page.goto("/sigs/sig-node/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SIG Node");
  await expect(page.getByRole("heading", { name: /Current cycle: Kubernetes 1\.37/ })).toBeVisible();
  await expect(
    page
      .getByRole("table", { name: /On track/ })
      .getByRole("link")
      .first(),
  ).toBeVisible();
  await page.goto("/sigs/");
  await expect(page.getByRole("link", { name: "SIG Node" })).toHaveAttribute("href", "/sigs/sig-node/");
});

test("the stats page gives every chart a table of its numbers", async ({ page }) => {
  await page.goto("/stats/");
  const graduation = page.getByRole("figure", { name: "Releases from alpha to stable" });
  await expect(graduation).toContainText(/the median took \d+(\.5)? releases/);
  await graduation.getByText("Numbers behind this chart").click();
  await expect(graduation.getByRole("table")).toBeVisible();
  const perRelease = page.getByRole("figure", { name: /Enhancements per release/ });
  await perRelease.getByText("Numbers behind this chart").click();
  await expect(perRelease.getByRole("row", { name: /^1\.19 / })).toBeVisible();
});

test.describe("keyboard and theme", () => {
  test("the skip link is the first stop and moves focus to the content", async ({ page }) => {
    await page.goto("/keps/753/");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main")).toBeFocused();
  });

  test("the theme toggle switches to dark and remembers it", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const toggle = page.getByRole("button", { name: "Dark mode" });
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await page.goto("/stats/");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  });

  test("the main navigation leads to every section", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const sections: [string, string][] = [
      ["Releases", "/releases/"],
      ["KEPs", "/keps/"],
      ["SIGs", "/sigs/"],
      ["Stats", "/stats/"],
    ];
    for (const [name, href] of sections) {
      await expect(nav.getByRole("link", { name })).toHaveAttribute("href", href);
    }
  });
});

test.describe("at 360 px wide", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const url of ["/", "/releases/", "/releases/1.29/", "/keps/", "/keps/1287/", "/sigs/sig-node/", "/stats/"]) {
    test(`${url} does not scroll sideways`, async ({ page }) => {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});
