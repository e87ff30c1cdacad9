/** A Playwright `test` that fails on any console error or uncaught page error. */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Runs axe over the page as it stands and expects no violations (a short summary on failure).
 * `colours: true` runs only the rules colours decide: dark mode changes colours, not markup, so
 * the full sweep in light mode plus these in dark mode cover both (and halve axe's time).
 */
export async function expectNoAxeViolations(page: Page, options: { colours?: boolean } = {}): Promise<void> {
  // Only violations are gathered: the passes of a 7,000-element page are most of axe's time.
  const builder = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
  if (options.colours) builder.withRules(["color-contrast", "link-in-text-block"]);
  const results = await builder.analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
  expect(summary).toEqual([]);
}
