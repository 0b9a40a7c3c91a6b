import { test, expect, visit, expectAccessible, totp, signIn, createStaff } from "./fixtures";

const PASSWORD = "open government demo";

test("a staff member enrols two-factor and then signs in with a code", async ({ page, consoleProblems }, testInfo) => {
  test.skip(testInfo.project.name === "nojs", "the no-JavaScript path of these forms is covered by the integration tests");
  const email = `new.staff.${testInfo.project.name}@example.org`;
  createStaff(email, "Nadia Haddad", "case-manager");
  await visit(page, "/sign-in");
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/account$/);
  // the staff role waits for two-factor authentication
  await expect(page.getByRole("status").first()).toContainText("Your staff role becomes active once two-factor authentication is set up.");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Set up two-factor authentication" }).first().click();
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.locator("code.secret").textContent())?.trim() ?? "";
  await page.getByLabel("Six-digit code").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Two-factor authentication is on.");
  await expectAccessible(page);

  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await visit(page, "/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\/code$/);
  await expectAccessible(page);
  await page.getByLabel("Code").fill(totp(secret));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account$/);
  expect(consoleProblems).toEqual([]);
});
