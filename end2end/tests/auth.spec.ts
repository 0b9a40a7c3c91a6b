import { test, expect, visit, expectAccessible, signIn } from "./fixtures";

const ADMIN = "admin@demo.ogpnm.example";
const PASSWORD = "open government demo";

test.describe("signing in", () => {
  test("a wrong password is refused with a clear message and the e-mail kept", async ({ page, consoleProblems }) => {
    await visit(page, "/sign-in");
    await page.getByLabel("E-mail address").fill(ADMIN);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).last().click();
    await expect(page.getByRole("alert")).toContainText("The e-mail address or the password is not right.");
    await expect(page.getByLabel("E-mail address")).toHaveValue(ADMIN);
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expectAccessible(page);
    expect(consoleProblems).toEqual([]);
  });

  test("staff sign in, see their sessions and sign out everywhere", async ({ page, consoleProblems }) => {
    await visit(page, "/account");
    await expect(page).toHaveURL(/\/sign-in\?next=\/account/);
    await signIn(page, ADMIN, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
    await expect(page.getByText("Amara Okafor").first()).toBeVisible();
    await expect(page.getByText("Administrator")).toBeVisible();
    await expect(page.getByText("This device")).toBeVisible();
    await expectAccessible(page);
    // the header now offers the account and signing out
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?next=\/account/);
    expect(consoleProblems).toEqual([]);
  });

  test("signing out from the header ends the session", async ({ page }) => {
    await visit(page, "/sign-in");
    await page.getByLabel("E-mail address").fill("focal.point@demo.ogpnm.example");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByText("Participant")).toBeVisible();
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe("forgotten password", () => {
  test("asking for a link says the same thing for every address", async ({ page, consoleProblems }) => {
    await visit(page, "/sign-in");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expectAccessible(page);
    await page.getByLabel("E-mail address").fill("nobody@example.org");
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect(page.getByRole("status")).toContainText("If an account exists for this address");
    await expectAccessible(page);
    expect(consoleProblems).toEqual([]);
  });

  test("an expired or unknown link explains what to do", async ({ page }) => {
    await visit(page, "/reset-password?token=not-a-real-token");
    await expect(page.getByText("This link has expired or has already been used.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Send the link" })).toHaveAttribute("href", "/forgot-password");
  });
});
