import { test, expect, visit, expectAccessible, signIn } from "./fixtures";

// Tuning without a release: an administrator adds an issue area through /admin/vocabulary; the
// directory's filters and the provider survey offer it at once; retired, it is offered no more.
test("an admin adds an issue area that the directory and the survey offer at once, then retires it", async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  // the projects share one server: a key of this run's own
  const key = `e2e_${testInfo.project.name}_${Date.now() % 1_000_000}`;
  const label = `Water and sanitation ${key.slice(-6)}`;

  await visit(page, "/sign-in?next=/admin/users");
  await signIn(page, "admin@demo.ogpnm.example");
  await page.getByRole("navigation", { name: "Administration sections" }).getByRole("link", { name: "Vocabulary" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vocabulary");
  await expect(page.locator("li.vocab-value", { hasText: "open_parliament" })).toBeVisible();
  await expectAccessible(page);

  // a key of the wrong shape is refused, naming the rule, and what was typed is kept
  await page.locator("#vocab-kind-issue_area").check();
  await page.locator("#vocab-key").fill("Water!");
  await page.locator("#vocab-label_en").fill(label);
  await page.locator("#vocab-label_fr").fill("Eau et assainissement");
  await page.locator("#vocab-label_es").fill("Agua y saneamiento");
  await page.getByRole("button", { name: "Add and offer it now" }).click();
  await expect(page.locator("#form-error")).toContainText("An issue area's key is 3 to 40 lower-case letters");
  await expect(page.locator("#vocab-label_en")).toHaveValue(label);
  await expectAccessible(page);

  await page.locator("#vocab-key").fill(key);
  await page.getByRole("button", { name: "Add and offer it now" }).click();
  await expect(page.getByRole("status")).toContainText(key);
  const item = page.locator("li.vocab-value", { hasText: key });
  await expect(item).toContainText("Offered");
  await expectAccessible(page);

  // a visitor: the directory filters by it
  const visitorContext = await browser.newContext({ ...testInfo.project.use });
  const visitor = await visitorContext.newPage();
  await visit(visitor, "/directory");
  await expect(visitor.locator(`#filter-area-${key}`)).toHaveCount(1);
  // a provider updating its profile (every step reachable) is asked about it
  await visit(visitor, "/sign-in");
  await signIn(visitor, "provider@demo.ogpnm.example");
  await visit(visitor, "/survey/supply");
  await visitor.locator('form[action="/api/survey_start"] button').click();
  await expect(visitor).toHaveURL(/\/survey\/supply\/review$/);
  await visit(visitor, "/survey/supply/step/2");
  await expect(visitor.locator(`#q-areas-${key}`)).toBeVisible();
  await expect(visitor.locator(`label[for="q-areas-${key}"]`)).toHaveText(label);

  // retired: the admin unticks it; the directory offers it no more
  await item.getByLabel("Offered in the surveys and filters").uncheck();
  await item.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("li.vocab-value", { hasText: key })).toContainText("Retired");
  await expectAccessible(page);
  await visit(visitor, "/directory");
  await expect(visitor.locator(`#filter-area-${key}`)).toHaveCount(0);
  await visitorContext.close();
});
