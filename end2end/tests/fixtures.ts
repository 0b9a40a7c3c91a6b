import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/** Runs axe-core (WCAG 2.x A and AA rules) on the page as it is now and fails on any violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Navigates and checks the page with axe: every page a test visits goes through this. */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await expectAccessible(page);
  return response;
}

/** Resolves once the WASM has hydrated the page (the examples become tabs only then). */
export async function hydrated(page: Page) {
  await expect(page.getByRole("tablist")).toBeVisible();
}

type Fixtures = { consoleProblems: string[] };

/**
 * `page` that records console errors, uncaught exceptions and hydration warnings, and fails
 * the test if any occurred.
 */
export const test = base.extend<Fixtures>({
  consoleProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("console", (msg) => {
      const text = msg.text();
      if (msg.type() === "error" || (msg.type() === "warning" && /hydrat/i.test(text))) {
        problems.push(`${msg.type()}: ${text}`);
      }
    });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    await use(problems);
    expect(problems, "browser console must stay clean").toEqual([]);
  },
});

export { expect };
