import { test, expect, visit, expectAccessible, signIn } from "./fixtures";

test("an admin finds people, organisations and the audit log", async ({ page, consoleProblems }) => {
  await visit(page, "/sign-in?next=/admin/users");
  await signIn(page, "admin@demo.ogpnm.example");
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expectAccessible(page);
  await page.getByLabel("Name or e-mail").fill("lucía");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("cell", { name: "Lucía Fernández", exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Amara Okafor", exact: true })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Administration sections" }).getByRole("link", { name: "Organisations" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisations");
  await expectAccessible(page);
  await page.getByRole("navigation", { name: "Administration sections" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("cell", { name: "sign_in", exact: true }).first()).toBeVisible();
  await expectAccessible(page);
  expect(consoleProblems).toEqual([]);
});

test("a participant is refused the admin pages", async ({ page }) => {
  await visit(page, "/sign-in?next=/admin/users");
  await page.getByLabel("E-mail address").fill("provider@demo.ogpnm.example");
  await page.getByLabel("Password").fill("open government demo");
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("You are not allowed to do this.")).toBeVisible();
  await expectAccessible(page);
});
