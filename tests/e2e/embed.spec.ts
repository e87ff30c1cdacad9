/**
 * Embeds in iframes: each view fits every frame from 320x180 to 1920x1080 in every theme
 * (no overflow, no scrollbar, its heading visible inside the frame, a release card's head and
 * counts whole), Tab reaches what is in sight and nothing else, links open the full page in a
 * new tab, the Embed control builds the snippet, and every social image exists at the size
 * the pages declare.
 */
import type { FrameLocator, Page } from "@playwright/test";
import { expect, expectNoAxeViolations, test } from "./fixtures.ts";

const SIZES = [
  [320, 180],
  [480, 270],
  [640, 360],
  [1280, 720],
  [1920, 1080],
] as const;
const THEMES = ["light", "dark", "transparent"] as const;
const EMBEDS = [
  { name: "the 1.29 release card", path: "/embed/releases/1.29/", heading: "Kubernetes 1.29" },
  { name: "the 1.37 release card (no logo, in progress)", path: "/embed/releases/1.37/", heading: "Kubernetes 1.37" },
  { name: "the 1.29 stage mix", path: "/embed/releases/1.29/chart/", heading: "Kubernetes 1.29" },
  { name: "the KEP-1287 timeline (14 releases wide)", path: "/embed/keps/1287/", heading: "In-place Update of Pod" },
  { name: "KEP-964 (the longest title, no timeline)", path: "/embed/keps/964/", heading: "Extending" },
];

/** A host page with one iframe; returns the frame's locator. */
async function host(page: Page, src: string, width: number, height: number): Promise<FrameLocator> {
  await page.setViewportSize({ width: Math.max(width + 40, 400), height: Math.max(height + 40, 300) });
  await page.setContent(
    `<!doctype html><title>Host</title><body style="margin:20px;background:#777"><button style="position:absolute;top:0;left:0;font-size:8px">Before</button><iframe src="${src}" width="${width}" height="${height}" style="border:0;display:block" title="Embed"></iframe></body>`,
  );
  return page.frameLocator("iframe");
}

/** Resizes the host's iframe and waits for the embed to lay out again. */
async function resize(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width: Math.max(width + 40, 400), height: Math.max(height + 40, 300) });
  await page.locator("iframe").evaluate(
    (frame, [w, h]) => {
      frame.setAttribute("width", String(w));
      frame.setAttribute("height", String(h));
    },
    [width, height],
  );
  await page
    .frames()[1]!
    .evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Overflow inside the frame: the document must not scroll either way. */
function overflowOf(page: Page) {
  return page.frames()[1]!.evaluate(() => {
    const root = document.documentElement;
    return { x: root.scrollWidth - root.clientWidth, y: root.scrollHeight - root.clientHeight };
  });
}

/**
 * Walks the frame with Tab from the host's button until focus leaves it. Each stop says whether
 * it is in sight (the point in the middle of its first line shows it) and what focusing it has
 * scrolled; `inSight` names the links a reader can see.
 */
async function tabThrough(page: Page) {
  const frame = page.frames()[1]!;
  await page.getByRole("button", { name: "Before" }).focus();
  const stops: { name: string; seen: boolean; scrolled: string[] }[] = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press("Tab");
    const stop = await frame.evaluate(() => {
      const element = document.activeElement;
      if (!document.hasFocus() || !element || element === document.body) return null;
      const line = element.getClientRects()[0] ?? element.getBoundingClientRect();
      const hit = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
      return {
        name: (element.textContent ?? "").trim().slice(0, 40),
        seen: hit !== null && element.contains(hit),
        scrolled: [...document.querySelectorAll("*")]
          .filter((e) => e.scrollTop !== 0 || e.scrollLeft !== 0)
          .map((e) => e.className || e.tagName),
      };
    });
    if (!stop) break;
    stops.push(stop);
  }
  const inSight = await frame.evaluate(() =>
    [...document.querySelectorAll("a[href]")]
      .filter((link) => {
        const line = link.getClientRects()[0];
        const hit = line && document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
        return !!hit && link.contains(hit);
      })
      .map((link) => (link.textContent ?? "").trim().slice(0, 40)),
  );
  return { stops, inSight };
}

/**
 * Text of a release card's head and counts that is cut off: it reaches past its section, or its
 * own box cuts it (an ellipsis, a line clamp). Glyphs a little taller than their line do not count.
 */
function cutText(page: Page) {
  return page.frames()[1]!.evaluate(() => {
    const cut: string[] = [];
    for (const section of document.querySelectorAll(".ev-head, .ev-counts")) {
      const box = section.getBoundingClientRect();
      for (const element of section.querySelectorAll<HTMLElement>("*")) {
        const text = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        if (!text || element.closest(".visually-hidden") || element.getClientRects().length === 0) continue;
        const r = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        const slack = Number.parseFloat(style.fontSize) / 4;
        const outside =
          r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - slack || r.bottom > box.bottom + slack;
        const clipped =
          style.overflow !== "visible" &&
          (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + slack);
        if (outside || clipped) cut.push((element.textContent ?? "").trim().slice(0, 40));
      }
    }
    return cut;
  });
}

for (const embed of EMBEDS) {
  for (const theme of THEMES) {
    // Tab is walked in one theme: what is in sight does not depend on colours.
    const keys = theme === "light" ? ", and Tab reaches what is in sight and nothing else" : "";
    test(`${embed.name} fits every frame size in the ${theme} theme${keys}`, async ({ page, baseURL }) => {
      const frame = await host(page, `${baseURL}${embed.path}?theme=${theme}`, SIZES[0][0], SIZES[0][1]);
      const heading = frame.getByRole("heading", { level: 1 });
      await expect(heading).toContainText(embed.heading);
      for (const [width, height] of SIZES) {
        await resize(page, width, height);
        expect(await overflowOf(page), `overflow at ${width}x${height}`).toEqual({ x: 0, y: 0 });
        await expect(heading).toBeVisible();
        const box = (await heading.boundingBox())!;
        const frameBox = (await page.locator("iframe").boundingBox())!;
        expect(box.x, `heading inside the frame at ${width}x${height}`).toBeGreaterThanOrEqual(frameBox.x);
        expect(box.y).toBeGreaterThanOrEqual(frameBox.y);
        expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width + 0.5);
        expect(box.y + box.height).toBeLessThanOrEqual(frameBox.y + frameBox.height + 0.5);
        if (keys) {
          const { stops, inSight } = await tabThrough(page);
          const at = `at ${width}x${height}`;
          expect(stops.length, `Tab stops ${at}`).toBeGreaterThan(0);
          expect(
            stops.filter((s) => !s.seen).map((s) => s.name),
            `Tab stops out of sight ${at}`,
          ).toEqual([]);
          expect(
            stops.flatMap((s) => s.scrolled),
            `scrolled by focus ${at}`,
          ).toEqual([]);
          const reached = stops.map((s) => s.name);
          expect(
            inSight.filter((name) => !reached.includes(name)),
            `links in sight Tab misses ${at}`,
          ).toEqual([]);
        }
      }
      const root = frame.locator("html");
      if (theme === "transparent") {
        await expect(root).toHaveAttribute("data-backdrop", "transparent");
        await expect(root).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
        await expect(frame.locator("body")).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
      } else {
        await expect(root).toHaveAttribute("data-theme", theme);
      }
    });
  }
}

test("every release card and stage mix, and the KEPs with the longest titles, fit the smallest and the largest frame, and every card shows its head and counts whole", async ({
  page,
  baseURL,
  request,
}) => {
  test.setTimeout(120_000);
  const { releases } = (await (await request.get("/api/releases.json")).json()) as { releases: { version: string }[] };
  const { keps } = (await (await request.get("/api/keps.json")).json()) as {
    keps: { number: number; title: string }[];
  };
  const longest = [...keps].sort((a, b) => b.title.length - a.title.length).slice(0, 12);
  const paths = [
    ...releases.flatMap(({ version }) => [`/embed/releases/${version}/`, `/embed/releases/${version}/chart/`]),
    ...longest.map((kep) => `/embed/keps/${kep.number}/`),
  ];
  const cards = releases.map(({ version }) => `/embed/releases/${version}/`);
  // 640x360 is the smallest frame with the full card layout (counts in a column beside the highlights).
  for (const [width, height, list] of [
    [...SIZES[0], paths],
    [...SIZES[2], cards],
    [...SIZES[4], paths],
  ] as const) {
    await host(page, "about:blank", width, height);
    for (const path of list) {
      await page.locator("iframe").evaluate((frame, src) => frame.setAttribute("src", src), `${baseURL}${path}`);
      await page.frames()[1]!.waitForURL(`${baseURL}${path}`);
      await page.frames()[1]!.waitForLoadState("load");
      expect(await overflowOf(page), `${path} at ${width}x${height}`).toEqual({ x: 0, y: 0 });
      if (cards.includes(path)) {
        await page.frames()[1]!.evaluate(() => document.fonts.ready);
        expect(await cutText(page), `text cut off in ${path} at ${width}x${height}`).toEqual([]);
      }
    }
  }
});

test("an embed follows the viewer's dark setting when no theme is asked for", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/embed/releases/1.29/");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});

test("every link in an embed opens the full page in a new tab", async ({ page }) => {
  for (const path of ["/embed/releases/1.29/", "/embed/releases/1.29/chart/", "/embed/keps/753/"]) {
    await page.goto(path);
    const links = page.locator("a");
    expect(await links.count()).toBeGreaterThan(0);
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute("target", "_blank");
      await expect(link).toHaveAttribute("rel", "noopener");
    }
  }
  await page.goto("/embed/releases/1.29/");
  await expect(page.getByRole("link", { name: /Kubernetes 1\.29/ })).toHaveAttribute("href", "/releases/1.29/");
});

test("the 1.29 card shows the curated highlights and the counts by stage", async ({ page }) => {
  await page.goto("/embed/releases/1.29/");
  const highlights = page.getByRole("region", { name: "Highlights" }).getByRole("listitem");
  // The card shows the curated highlights in order, as many as fit whole.
  await expect(highlights.nth(0)).toContainText("ReadWriteOncePod PersistentVolume AccessMode");
  await expect(highlights.nth(1)).toContainText("SecretRef field addition to NodeExpandVolume request");
  await expect(page.getByRole("region", { name: "Enhancements by stage" })).toContainText("46 enhancements");
});

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });
    for (const path of ["/embed/releases/1.29/", "/embed/releases/1.29/chart/", "/embed/keps/1287/"]) {
      test(`${path} has no axe violations`, async ({ page }) => {
        await page.goto(path);
        await expectNoAxeViolations(page);
      });
    }
  });
}

test.describe("the Embed control", () => {
  test("updates the snippet when a size, a theme or a view is chosen, and copies it", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/releases/1.29/");
    await page.getByText("Embed", { exact: true }).click();
    const code = page.getByLabel("HTML to paste");
    await expect(code).toHaveValue(/src="[^"]*\/embed\/releases\/1\.29\/" width="1280" height="720"/);
    await page.getByLabel("Card, 480 × 270").check();
    await expect(code).toHaveValue(/width="480" height="270"/);
    await page.getByLabel("Slide, 960 × 540").check();
    await expect(code).toHaveValue(/width="960" height="540"/);
    await page.getByLabel("Dark").check();
    await expect(code).toHaveValue(/\/embed\/releases\/1\.29\/\?theme=dark"/);
    await page.getByLabel("Stage mix chart").check();
    await expect(code).toHaveValue(/\/embed\/releases\/1\.29\/chart\/\?theme=dark" width="960" height="540"/);
    await page.getByRole("button", { name: "Copy" }).click();
    await expect(page.getByText("Copied.")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await code.inputValue());
  });

  test("offers a KEP's timeline on its page", async ({ page }) => {
    await page.goto("/keps/753/");
    await page.getByText("Embed", { exact: true }).click();
    await expect(page.getByLabel("HTML to paste")).toHaveValue(
      /<iframe src="[^"]*\/embed\/keps\/753\/" width="1280" height="720" title="KEP-753 stage timeline on KEP Radar"/,
    );
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("still opens and shows the default snippet, without the controls that need a script", async ({ page }) => {
      await page.goto("/releases/1.29/");
      await page.getByText("Embed", { exact: true }).click();
      await expect(page.getByLabel("HTML to paste")).toHaveValue(/width="1280" height="720"/);
      await expect(page.getByRole("button", { name: "Copy" })).toBeHidden();
      await expect(page.getByLabel("Card, 480 × 270")).toBeHidden();
    });
  });
});

test.describe("social images", () => {
  /** Width and height from a PNG's IHDR chunk. */
  const pngSize = (bytes: Buffer) => {
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("\x89PNG\r\n\x1a\n");
    expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  };

  test("exist for every release and every KEP, 1200x630", async ({ request }) => {
    test.setTimeout(120_000);
    const { releases } = (await (await request.get("/api/releases.json")).json()) as {
      releases: { version: string }[];
    };
    const { keps } = (await (await request.get("/api/keps.json")).json()) as { keps: { number: number }[] };
    const urls = [
      ...releases.map((r) => `/og/releases/${r.version}.png`),
      ...keps.map((k) => `/og/keps/${k.number}.png`),
    ];
    expect(urls.length).toBe(releases.length + keps.length);
    for (let i = 0; i < urls.length; i += 25) {
      await Promise.all(
        urls.slice(i, i + 25).map(async (url) => {
          const response = await request.get(url);
          expect(response.status(), url).toBe(200);
          expect(pngSize(await response.body()), url).toEqual({ width: 1200, height: 630 });
        }),
      );
    }
  });

  for (const [path, image] of [
    ["/releases/1.29/", "/og/releases/1.29.png"],
    ["/keps/753/", "/og/keps/753.png"],
  ] as const) {
    test(`${path} declares its image with size and text for sharing`, async ({ page }) => {
      await page.goto(path);
      const meta = (property: string) => page.locator(`meta[property="${property}"]`);
      await expect(meta("og:image")).toHaveAttribute("content", new RegExp(`${image.replace(/\./g, "\\.")}$`));
      await expect(meta("og:image:width")).toHaveAttribute("content", "1200");
      await expect(meta("og:image:height")).toHaveAttribute("content", "630");
      await expect(meta("og:image:alt")).toHaveAttribute("content", /\S/);
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
    });
  }
});

test("the KEP-1287 timeline's month labels never overlap: a small frame shows fewer, a large one all", async ({
  page,
}) => {
  /** The month labels in sight, with their boxes; fails if any two overlap. */
  const labelsInSight = async (width: number, height: number) => {
    await page.setViewportSize({ width, height });
    await page.goto("/embed/keps/1287/");
    const boxes = await page.locator(".tl-date").evaluateAll((labels) =>
      labels
        .map((label) => label.getBoundingClientRect())
        .filter((box) => box.width > 0)
        .map(({ left, right, top, bottom }) => ({ left, right, top, bottom })),
    );
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `${width}x${height}: ${JSON.stringify([a, b])}`).toBe(false);
      }
    return boxes.length;
  };
  const small = await labelsInSight(640, 360);
  const large = await labelsInSight(1920, 1080);
  expect(small).toBeGreaterThan(0);
  expect(large).toBeGreaterThan(small);
  expect(large).toBe(await page.locator(".tl-date").count());
});
