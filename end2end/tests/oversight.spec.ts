import { test, expect, expectAccessible, signIn, visit } from "./fixtures";

/**
 * Oversight for the steering committee: the figures of the demo (the funnel, waits, caseloads,
 * answers, outcomes) as SVG charts with their tables, a filter applied through the form, a
 * figure drilled down to the cases behind it and on to one case, and the supply and demand gap
 * map. In English, French and Spanish, on a desktop, a phone and without JavaScript (the
 * projects), every page checked by axe.
 */

const STEERING = "steering@demo.ogpnm.example";

test("steering reads the figures, drills down to a case and opens the gap map", async ({ page, consoleProblems }) => {
  void consoleProblems;
  test.setTimeout(120_000);
  await page.goto("/sign-in");
  await signIn(page, STEERING);
  await visit(page, "/oversight");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Oversight");
  for (const id of ["chart-funnel", "chart-caseload", "chart-answers", "chart-outcomes", "chart-ratings"]) {
    await expect(page.locator(`#${id} svg[role='img']`)).toBeVisible();
  }
  // the funnel starts with every case that arrived, and narrows
  const totals = await page.locator("#chart-funnel tbody tr td:last-child").allTextContents();
  const counts = totals.map((t) => Number(t.replace(/\D/g, "")));
  expect(counts.length).toBe(7);
  expect(counts[0]).toBeGreaterThan(0);
  for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]);
  await expect(page.locator("#oversight-range")).toContainText(`${counts[0]} cases`);

  // a region through the form: the address carries it, the figures follow
  await page.locator("#o-region").selectOption("europe");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/region=europe/);
  await expect(page.locator("#o-region")).toHaveValue("europe");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Last year" }).click();
  await expect(page).toHaveURL(/region=europe/);

  // drill down: the cases that reached Matching, then one of them
  await visit(page, "/oversight");
  await page.locator("#chart-funnel table").getByRole("link", { name: "Matching" }).click();
  await expect(page).toHaveURL(/\/oversight\/cases\?.*metric=reached/);
  await expect(page.locator("#drill-metric")).toContainText("Matching");
  await expectAccessible(page);
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(counts[2]);
  const first = rows.first().locator("th a");
  const government = (await first.textContent()) ?? "";
  await first.click();
  await expect(page).toHaveURL(/\/cases\/[^/?]+$/);
  await expect(page.locator("main")).toContainText(government.trim());
  await page.goBack();
  await page.getByRole("link", { name: "Back to the figures" }).click();
  await expect(page).toHaveURL(/\/oversight\?/);

  // the gap map: every issue area against every region, the gaps listed first
  await page.getByRole("link", { name: /gap map/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Supply and demand gap map");
  // the 15 built-in issue areas and the demo's added one (an area another test adds meanwhile may follow)
  await expect(page.locator(".gap-map tbody tr", { hasText: "Open parliaments" })).toHaveCount(1);
  expect(await page.locator(".gap-map tbody tr").count()).toBeGreaterThanOrEqual(16);
  await expect(page.locator(".gap-map .cover").first()).toBeVisible();
  await expectAccessible(page);
});

for (const [locale, title, funnel] of [
  ["fr-FR", "Supervision", "L’entonnoir"],
  ["es-ES", "Supervisión", "El embudo"],
] as const) {
  test(`oversight in ${locale}`, async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ ...test.info().project.use, locale });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await signIn(page, STEERING);
    await page.goto("/oversight");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("heading", { name: funnel })).toBeVisible();
    await expectAccessible(page, locale);
    await page.goto("/oversight/gaps");
    await expectAccessible(page, locale);
    await context.close();
  });
}

test("a Case Manager does not oversee", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, "case.manager@demo.ogpnm.example");
  const response = await page.goto("/oversight");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("banner").getByRole("link", { name: "Oversight" })).toHaveCount(0);
});

/** Sets one weight on the tuning page, previews it, and saves it with `reason`. */
async function tune(page: import("@playwright/test").Page, factor: string, weight: string, reason: string) {
  await page.goto("/oversight/tuning");
  await page.locator(`#w-${factor}`).fill(weight);
  await page.getByRole("button", { name: "Preview the change" }).click();
  await expect(page).toHaveURL(/preview=1/);
  await expect(page.locator("#preview-summary")).toContainText("open cases");
  await expectAccessible(page);
  await page.locator("#tuning-reason").fill(reason);
  await page.getByRole("button", { name: /Save as version/ }).click();
  await expect(page).toHaveURL(/saved=1/);
  await expect(page.locator("#in-force")).toContainText(weight);
}

test("steering tunes a weight after its preview, and the Case Manager's ranking follows", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.goto("/sign-in");
  await signIn(page, STEERING);
  await visit(page, "/oversight");
  await page.getByRole("link", { name: /Tune the matching weights/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tuning the mechanism");
  await expectAccessible(page);
  await tune(page, "languages", "600", "Peer exchange depends on a shared language first.");
  await expect(page.locator("table").last()).toContainText("Peer exchange depends on a shared language first.");

  // Lucía's matches are now scored out of 1,450 points (languages up to 600)
  const context = await browser.newContext({ ...test.info().project.use });
  const lucia = await context.newPage();
  await lucia.goto("/sign-in");
  await signIn(lucia, "case.manager@demo.ogpnm.example");
  await lucia.goto("/cases?mine=1&stage=matching");
  await lucia.locator("table.cases tbody tr th a").first().click();
  await expect(lucia.locator("#matches")).toContainText("of 1450 points");
  await context.close();

  // back to the built-in weights, so other tests see the demo as it was
  await tune(page, "languages", "150", "Back to the built-in weights after the trial.");
});
