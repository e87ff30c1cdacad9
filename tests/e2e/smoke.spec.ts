import { expect, test } from "./fixtures.ts";

test("home page lists releases from the snapshot with 1.29 Mandala", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kubernetes releases and enhancements");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "Kubernetes 1.29" }) });
  await expect(card).toContainText("Mandala (The Universe)");
  await expect(card).toContainText("Released 2023-12-13");
});

test("JSON API serves KEP-753 with its milestones and timeline", async ({ request }) => {
  const response = await request.get("/api/keps/753.json");
  expect(response.ok()).toBe(true);
  const kep = await response.json();
  expect(kep).toMatchObject({
    number: 753,
    owningSig: "sig-node",
    stage: "stable",
    milestones: { alpha: "v1.28", beta: "v1.29", stable: "v1.33" },
  });
  expect(kep.timeline.length).toBeGreaterThan(0);
});

test("JSON API serves release 1.29 with 753 in beta", async ({ request }) => {
  const release = await (await request.get("/api/releases/1.29.json")).json();
  expect(release.version).toBe("1.29");
  expect(release.theme).toBe("Mandala (The Universe)");
  expect(release.enhancements).toContainEqual(expect.objectContaining({ kep: 753, stage: "beta" }));
  const index = await (await request.get("/api/releases.json")).json();
  expect(index.releases.map((r: { version: string }) => r.version)).toContain("1.29");
});
