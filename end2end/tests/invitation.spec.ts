import { test, expect, visit, expectAccessible, mailTo, linkIn } from "./fixtures";

const PASSWORD = "open government demo";

test("an owner invites a colleague, who signs up from the mailed link", async ({ page, browser, consoleProblems }, testInfo) => {
  const invitee = `colleague.${testInfo.project.name}@example.org`;
  await visit(page, "/sign-in");
  await page.getByLabel("E-mail address").fill("provider@demo.ogpnm.example");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page.getByRole("link", { name: "Civic Data Commons" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Civic Data Commons");
  await expectAccessible(page);
  await page.getByLabel("E-mail address").fill(invitee);
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("status")).toHaveText("The invitation is on its way.");

  const mail = await mailTo(invitee, "Civic Data Commons");
  const link = linkIn(mail, `${testInfo.project.use.baseURL}/invitation?token=`);
  const context = await browser.newContext({ ...testInfo.project.use });
  const other = await context.newPage();
  await visit(other, link);
  await expect(other.getByText("You are invited to act for Civic Data Commons")).toBeVisible();
  await other.getByLabel("Your name").fill("Kwame Boateng");
  await other.getByLabel("New password").fill("maps of open contracts");
  await other.getByRole("button", { name: "Create my account" }).click();
  await expect(other).toHaveURL(/\/account$/);
  await expect(other.getByRole("link", { name: "Civic Data Commons" })).toBeVisible();
  await expectAccessible(other);
  await context.close();
  expect(consoleProblems).toEqual([]);
});
