import { expect, test } from "./fixtures.ts";

const PAGE = "/releases/1.36/readiness/";

test("the readiness page groups every KEP by verdict with counts", async ({ page }) => {
  await page.goto(PAGE);
  await expect(page.getByRole("heading", { level: 1, name: "Kubernetes 1.36 freeze readiness" })).toBeVisible();
  const counts = page.getByRole("list", { name: "KEPs per verdict" });
  await expect(counts.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByRole("heading", { level: 2, name: /^Ready/ })).toBeVisible();
});

test("a KEP's checklist opens with the keyboard and shows evidence links", async ({ page }) => {
  await page.goto(PAGE);
  const kep = page.locator("#kep-127");
  const summary = kep.getByText("Checklist and status comment");
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(kep.getByRole("link", { name: /kep\.yaml:\d+/ }).first()).toBeVisible();
  await expect(kep.getByLabel("Status comment for KEP-127")).toContainText("Enhancements team");
});

test("the copy button is reachable by keyboard and copies the comment", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(PAGE);
  const kep = page.locator("#kep-127");
  await kep.getByText("Checklist and status comment").click();
  const button = kep.getByRole("button", { name: "Copy comment for KEP-127" });
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: /Comment/ })).toHaveText(/Comment (copied|selected)/);
  const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => ""));
  if (copied) expect(copied).toContain("v1.36 Enhancements team");
});

test("the page loads no script files", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await page.goto(PAGE, { waitUntil: "networkidle" });
  expect(scripts).toEqual([]);
});

test("the funnel chart has its numbers as a table", async ({ page }) => {
  await page.goto(PAGE);
  const funnel = page.getByRole("region", { name: /How many KEPs were ready at freeze/ });
  await expect(funnel.getByRole("img")).toBeVisible();
  await funnel.getByText("The numbers").click();
  await expect(funnel.getByRole("row", { name: /^1\.36/ })).toBeVisible();
});

test("a KEP page targeting the cycle under way shows its readiness checklist with evidence", async ({ page }) => {
  await page.goto("/releases/1.37/readiness/");
  const first = page.locator(".rd-kep").first();
  const kep = (await first.getAttribute("id"))!.replace("kep-", "");
  await page.goto(`/keps/${kep}/`);
  const section = page.getByRole("region", { name: "Freeze readiness for 1.37" });
  await expect(section.locator(".verdict-pill")).toHaveText(/^(Ready|At risk|Not ready)$/);
  await expect(section.getByRole("listitem").first()).toContainText(/Pass|Fail|Unknown/);
  await expect(section.getByRole("link", { name: /Every 1\.37 KEP/ })).toHaveAttribute(
    "href",
    new RegExp(`/releases/1\\.37/readiness/#kep-${kep}$`),
  );
});
