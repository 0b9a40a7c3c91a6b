import { test, expect, visit, expectAccessible, mailTo, linkIn, signIn } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

const next = (page: Page) => page.locator('button[name="nav"][value="next"]');

/** A government asks for help with the demand survey (plain forms, field ids). */
async function askForHelp(page: Page, email: string, agency: string) {
  await visit(page, "/survey/demand");
  await page.locator('form[action="/api/survey_start"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/survey\/demand\/step\/1$/);
  await page.locator("#q-country").selectOption("CO");
  await page.locator("#q-agency").fill(agency);
  await page.locator("#q-respondent_name").fill("Camila Restrepo");
  await page.locator("#q-respondent_email").fill(email);
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/demand\/step\/2$/);
  await page.locator("#q-areas-open_contracting").check();
  await page.locator("#q-areas-citizen_participation").check();
  await page.locator("#q-stage-implementing").check();
  await page.locator("#q-need").fill("Our public works contracts are published, but residents cannot follow them. We need help to set up citizen monitoring in two cities.");
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/demand\/step\/3$/);
  await page.locator("#q-assistance-training").check();
  await page.locator("#q-languages-es").check();
  await page.locator("#q-timeline-next_months").check();
  await page.locator("#q-budget-costs_covered").check();
  await page.locator("#q-consent_share").check();
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/demand\/review$/);
  await page.locator('form[action="/api/survey_submit"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/survey\/demand\/done/);
  // the respondent chooses a password from the mailed link and signs in
  const mail = await mailTo(email, "/reset-password?token=");
  await page.goto(linkIn(mail, "http"));
  await page.locator("#password").fill("open contracting for all");
  await page.locator("#password").press("Enter");
  await page.waitForURL(/\/sign-in/);
  await signIn(page, email, "open contracting for all");
}

async function newPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  return context.newPage();
}

/** Moves the case with the stage form. */
async function moveTo(page: Page, stage: string) {
  await page.locator("#action").selectOption(stage);
  await page.locator('form[action="/api/move_case"]', { has: page.locator("#action") }).getByRole("button", { name: "Move" }).click();
}

test.describe("cases", () => {
  test("a request becomes a case: assigned, scoped, confirmed by its government, two providers shortlisted", async ({ page, browser }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "the Case Manager's desk: desktop, without JavaScript, and on PostgreSQL");
    test.setTimeout(120_000);
    const js = testInfo.project.name !== "nojs";
    const email = `camila.${testInfo.project.name}@obras.example.gov.co`;
    // one database serves the desktop and no-JavaScript runs: each asks as its own ministry
    const agency = `Ministry of Public Works, Open Contracting Office (${testInfo.project.name})`;

    // the government asks for help
    await askForHelp(page, email, agency);

    // a Case Manager finds the new case on the board and takes it
    const cm = await newPage(browser, js);
    const cmProblems: string[] = [];
    // as the consoleProblems fixture does: errors, and warnings about hydration
    cm.on("console", (m) => {
      if (m.type() === "error" || (m.type() === "warning" && /hydrat/i.test(m.text()))) cmProblems.push(m.text());
    });
    cm.on("pageerror", (e) => cmProblems.push(e.message));
    await visit(cm, "/sign-in");
    await signIn(cm, "case.manager@demo.ogpnm.example");
    await visit(cm, "/cases");
    await expect(cm.getByRole("heading", { level: 1 })).toHaveText("Cases");
    await expectAccessible(cm);
    await visit(cm, "/cases?stage=intake");
    await cm.getByRole("link", { name: agency }).click();
    await expect(cm.getByRole("heading", { level: 1 })).toHaveText(agency);
    await expect(cm.locator(".case-meta .stage")).toHaveText("Intake");
    await expectAccessible(cm);
    await cm.getByRole("button", { name: "Take this case" }).click();
    await expect(cm.locator(".case-meta")).toContainText("Case Manager: Lucía Fernández");
    await moveTo(cm, "scoping");
    await expect(cm.locator(".case-meta .stage")).toHaveText("Scoping");

    // matching needs a written scope: the refusal says so and nothing moves
    await moveTo(cm, "matching");
    await expect(cm.locator("#form-error")).toContainText("Write a scope with at least one issue area first.");
    await expect(cm.locator(".case-meta .stage")).toHaveText("Scoping");

    // the Case Manager writes the scope from the request's first draft
    await expect(cm.locator("#scope")).toContainText("Draft read from the request");
    await expect(cm.locator("#scope-areas-open_contracting")).toBeChecked();
    await cm.locator("#scope-deliverables").fill("A monitoring method, training for 40 citizen monitors, a public dashboard.");
    await cm.locator("#scope-regions-americas").check();
    await cm.getByRole("button", { name: "Save the scope" }).click();
    await expect(cm.locator("#scope")).toContainText("Waiting for the government to confirm this scope.");
    await expectAccessible(cm);
    await moveTo(cm, "matching");
    await expect(cm.locator(".case-meta .stage")).toHaveText("Matching");

    // explained matches: the first explains itself; two are shortlisted
    const first = cm.locator("li.match").first();
    await first.locator("summary").click();
    await expect(first.locator(".factors")).toContainText("Issue areas");
    await expect(first.locator(".factors")).toContainText("Has:");
    const names = [await first.locator("h3").innerText(), await cm.locator("li.match").nth(1).locator("h3").innerText()];
    await first.getByRole("button", { name: "Shortlist" }).click();
    await expect(cm.locator("#shortlist")).toContainText(names[0]);
    await cm.locator("li.match").nth(1).getByRole("button", { name: "Shortlist" }).click();
    await expect(cm.locator("#shortlist")).toContainText(names[1]);
    await expectAccessible(cm);

    // introductions wait for the government's confirmation
    await moveTo(cm, "introductions");
    await expect(cm.locator("#form-error")).toContainText("The government must confirm the scope first.");

    // the government reads its case in plain words and confirms the scope
    await visit(page, "/cases");
    await page.getByRole("link", { name: agency }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your request for help");
    await expect(page.getByText("We are looking for providers who fit your scope.")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Confirm this scope" }).click();
    await expect(page.getByText(/You confirmed this scope on/)).toBeVisible();

    if (js) {
      // the Case Manager's open page hears of the change
      await expect(cm.getByText("Someone else just changed this case.")).toBeVisible();
      await cm.getByRole("link", { name: "Show the latest version" }).click();
    } else {
      await cm.reload();
    }
    await expect(cm.locator("#scope")).toContainText("Confirmed by the government on");
    await moveTo(cm, "introductions");
    await expect(cm.locator(".case-meta .stage")).toHaveText("Introductions");
    await expect(cm.locator("#timeline")).toContainText("The government confirmed the scope");

    // the government's view shows where the case stands, and whom it is introduced to
    await page.reload();
    await expect(page.locator(".stage")).toHaveText("Introductions");
    await expect(page.getByText("You are being introduced to providers.")).toBeVisible();
    for (const name of names) {
      await expect(page.locator("section", { hasText: "Providers you are introduced to" })).toContainText(name);
    }
    await expectAccessible(page);
    expect(cmProblems, "the Case Manager's pages hydrate without errors").toEqual([]);
    await cm.context().close();
  });

  test("the board filters by stage, Case Manager and overdue, and a bad filter is refused", async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "a staff tool");
    const cm = await newPage(browser, testInfo.project.name !== "nojs");
    await visit(cm, "/sign-in");
    await signIn(cm, "case.manager@demo.ogpnm.example");
    await visit(cm, "/cases?overdue=1");
    if (testInfo.project.name !== "nojs") {
      await expect(cm.getByText("Live: changes appear as they happen")).toBeVisible();
    }
    await expect(cm.locator("table.cases tbody tr")).toHaveCount(2);
    await expect(cm.locator("table.cases tbody tr.overdue")).toHaveCount(2);
    await cm.locator("#f-overdue").uncheck();
    await cm.locator("#f-stage").selectOption("on_hold");
    await cm.getByRole("button", { name: "Apply" }).click();
    await expect(cm).toHaveURL(/stage=on_hold/);
    await expect(cm.locator("table.cases tbody tr")).toHaveCount(1);
    await expect(cm.locator("table.cases")).toContainText("On hold until");
    await expectAccessible(cm);
    const res = await cm.goto("/cases?stage=limbo");
    expect(res?.status()).toBe(400);
    await expect(cm.getByRole("alert")).toContainText("“limbo”");
    await cm.context().close();
  });
});
