import { test, expect, visit, expectAccessible, mailTo, linkIn, signIn } from "./fixtures";
import type { Page } from "@playwright/test";

const next = (page: Page) => page.locator('button[name="nav"][value="next"]');

/** Waits until the WASM has wired autosave to the step's form. */
async function autosaveReady(page: Page) {
  await expect(page.locator("#survey-form")).toHaveAttribute("data-autosave", "on");
}

async function savedOnServer(page: Page) {
  await expect(page.locator(".save-status")).toHaveAttribute("data-status", "saved");
}

/** Fills the three demand steps by field id (language-independent), checking each with axe. */
async function fillDemand(page: Page, email: string, locale?: string, agency = "National Treasury, County Budgets Unit") {
  await expect(page).toHaveURL(/\/survey\/demand\/step\/1$/);
  await expectAccessible(page, locale);
  await page.locator("#q-country").selectOption("KE");
  await page.locator("#q-agency").fill(agency);
  await page.locator("#q-respondent_name").fill("Wanjiru Kamau");
  await page.locator("#q-respondent_email").fill(email);
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/demand\/step\/2$/);
  await expectAccessible(page, locale);
  await page.locator("#q-areas-fiscal_openness").check();
  await page.locator("#q-areas-open_data").check();
  await page.locator("#q-stage-refining").check();
  await page.locator("#q-need").fill("Counties publish budgets in different formats; we want one open standard.");
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/demand\/step\/3$/);
  await expectAccessible(page, locale);
  await page.locator("#q-assistance-strategy_advice").check();
  await page.locator("#q-languages-en").check();
  await page.locator("#q-languages-sw").check();
  await page.locator("#q-timeline-next_months").check();
  await page.locator("#q-budget-pro_bono_expected").check();
  await page.locator("#q-consent_share").check();
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/demand\/review$/);
  await expectAccessible(page, locale);
}

test.describe("survey wizards", () => {
  test("a provider completes the supply survey on a phone, every step axe-clean", async ({ page, consoleProblems }, testInfo) => {
    test.skip(testInfo.project.name === "nojs", "the no-JavaScript path has its own test");
    await visit(page, "/survey/supply");
    await page.getByRole("button", { name: "Start the survey" }).click();
    await expect(page).toHaveURL(/\/survey\/supply\/step\/1$/);
    await expect(page.getByText("Step 1 of 5")).toBeVisible();
    await autosaveReady(page);
    await expectAccessible(page);

    // an empty step is refused with errors next to the fields and summarised at the top
    await next(page).click();
    await expect(page.locator("#errors")).toBeVisible();
    await expect(page.locator("#err-org_name")).toHaveText("This answer is required.");
    await expectAccessible(page);

    await page.locator("#q-respondent_name").fill("Aïcha Diallo");
    const who = `aicha.${testInfo.project.name}@example.org`;
    const orgName = `Ministère des Finances, Cellule budget citoyen (${testInfo.project.name})`;
    await page.locator("#q-respondent_email").fill(who);
    await page.locator("#q-org_name").fill(orgName);
    await expect(page.locator("#q-agency")).toBeHidden();
    await page.locator("#q-org_kind-government").check();
    // a government respondent names their ministry or agency
    await expect(page.locator("#q-agency")).toBeVisible();
    await page.locator("#q-agency").fill("Direction générale du budget");
    await page.locator("#q-org_country").selectOption("SN");
    await page.locator("#q-org_description").fill("We publish the citizens' budget every year.");
    await savedOnServer(page);
    await next(page).click();

    await expect(page).toHaveURL(/\/survey\/supply\/step\/2$/);
    await expectAccessible(page);
    await page.locator("#q-areas-fiscal_openness").selectOption("expert");
    await page.locator("#q-areas-citizen_participation").selectOption("experienced");
    await page.locator("#q-past_work").fill("Citizens' budget 2023 with the national assembly.");
    await next(page).click();

    await expect(page).toHaveURL(/\/survey\/supply\/step\/3$/);
    await expectAccessible(page);
    await page.locator("#q-assistance-peer_exchange").check();
    await page.locator("#q-cost_basis-paid").check();
    await expect(page.locator("#q-rate_range")).toBeVisible();
    await page.locator("#q-rate_range").fill("Costs only for peer governments");
    await page.locator("#q-delivery-remote").check();
    await page.locator("#q-languages-fr").check();
    // back keeps what was typed
    await page.getByRole("button", { name: "Back" }).click();
    await expect(page).toHaveURL(/\/survey\/supply\/step\/2$/);
    await expect(page.locator("#q-past_work")).toHaveValue("Citizens' budget 2023 with the national assembly.");
    await next(page).click();
    await expect(page.locator("#q-rate_range")).toHaveValue("Costs only for peer governments");
    await next(page).click();

    await expect(page).toHaveURL(/\/survey\/supply\/step\/4$/);
    await expectAccessible(page);
    await page.locator("#q-regions-africa_middle_east").check();
    await page.locator("#q-countries").selectOption(["SN", "ML", "CI"]);
    await next(page).click();

    await expect(page).toHaveURL(/\/survey\/supply\/step\/5$/);
    await expectAccessible(page);
    await page.locator("#q-capacity-few_days").check();
    await page.locator("#q-references").fill("https://budget.example.org/2023");
    await page.locator("#q-consent_listing").check();
    await next(page).click();

    await expect(page).toHaveURL(/\/survey\/supply\/review$/);
    await expectAccessible(page);
    const main = page.getByRole("main");
    for (const shown of ["Direction générale du budget", "Senegal", "Fiscal openness — Expert", "Costs only for peer governments", "Mali"]) {
      await expect(main.getByText(shown).first()).toBeVisible();
    }
    await page.getByRole("button", { name: "Submit my profile" }).click();
    await expect(page).toHaveURL(/\/survey\/supply\/done/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you: your provider profile is submitted");
    await expectAccessible(page);

    // the respondent chooses a password from the mailed link and finds every answer stored
    const mail = await mailTo(who, "/reset-password?token=");
    await page.goto(linkIn(mail, "http"));
    await page.locator("#password").fill("a budget for every citizen");
    await page.locator("#password").press("Enter");
    await page.waitForURL(/\/sign-in/);
    await signIn(page, who, "a budget for every citizen");
    await visit(page, "/survey/supply");
    await expect(page.getByText("Version 1,")).toBeVisible();
    await page.getByRole("button", { name: "Update my profile" }).click();
    await expect(page).toHaveURL(/\/survey\/supply\/review$/);
    for (const shown of [orgName, "Citizens' budget 2023 with the national assembly.", "https://budget.example.org/2023", "Côte d’Ivoire"]) {
      await expect(main.getByText(shown).first()).toBeVisible();
    }
    expect(consoleProblems).toEqual([]);
  });

  test("one step completed with JavaScript off", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "nojs", "plain form posts");
    await visit(page, "/survey/demand");
    await page.getByRole("button", { name: "Start the survey" }).click();
    await expect(page).toHaveURL(/\/survey\/demand\/step\/1$/);
    await page.locator("#q-country").selectOption("KE");
    await next(page).click();
    await expect(page.locator("#errors")).toBeVisible();
    await expect(page.locator("#err-agency")).toHaveText("This answer is required.");
    await expectAccessible(page);
    await expect(page.locator("#q-country")).toHaveValue("KE");
    await page.locator("#q-agency").fill("Ministry of ICT");
    await page.locator("#q-respondent_name").fill("No Script");
    await page.locator("#q-respondent_email").fill("noscript@example.org");
    await next(page).click();
    await expect(page).toHaveURL(/\/survey\/demand\/step\/2$/);
    await expect(page.getByText("Step 2 of 3")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Back" }).click();
    await expect(page.locator("#q-agency")).toHaveValue("Ministry of ICT");
  });

  test("answers typed offline sync when the connection returns", async ({ page, context, consoleProblems }, testInfo) => {
    test.skip(testInfo.project.name === "nojs", "needs the WASM");
    await visit(page, "/survey/demand");
    await page.getByRole("button", { name: "Start the survey" }).click();
    await autosaveReady(page);
    await page.locator("#q-country").selectOption("MN");
    await savedOnServer(page);
    await context.setOffline(true);
    await page.locator("#q-agency").fill("Cabinet Secretariat, Open Government Office");
    await expect(page.locator(".save-status")).toHaveText(/Offline: your answers are kept on this device/);
    await expectAccessible(page);
    await context.setOffline(false);
    await savedOnServer(page);
    await page.reload();
    await expect(page.locator("#q-agency")).toHaveValue("Cabinet Secretariat, Open Government Office");
    await expect(page.locator("#q-country")).toHaveValue("MN");
    expect(consoleProblems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(p))).toEqual([]);
    consoleProblems.length = 0;
  });

  test("a request is resumed in a fresh browser from an e-mailed link and submitted", async ({ page, browser, consoleProblems }, testInfo) => {
    test.skip(testInfo.project.name === "nojs", "covered by the integration tests without JavaScript");
    await visit(page, "/survey/demand");
    await page.getByRole("button", { name: "Start the survey" }).click();
    await autosaveReady(page);
    await page.locator("#q-country").selectOption("KE");
    const email = `resume.${testInfo.project.name}@example.org`;
    await page.locator("#q-respondent_email").fill(email);
    await savedOnServer(page);
    await page.getByRole("button", { name: "E-mail me a link" }).click();
    await expect(page.getByText(`We have sent a link to ${email}`)).toBeVisible();
    const mail = await mailTo(email, "/survey/demand/resume?key=");
    const fresh = await browser.newContext({ ...testInfo.project.use });
    const other = await fresh.newPage();
    // the link opens a page that asks before this browser takes the answers
    await other.goto(linkIn(mail, "http"));
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("Continue your answers");
    await expectAccessible(other);
    await other.getByRole("button", { name: "Continue my answers" }).click();
    await expect(other).toHaveURL(/\/survey\/demand\/step\/1$/);
    await expect(other.locator("#q-country")).toHaveValue("KE");
    await expect(other.locator("#q-respondent_email")).toHaveValue(email);
    await fillDemand(other, email, undefined, `Treasury (${testInfo.project.name})`);
    await other.getByRole("button", { name: "Submit my request" }).click();
    await expect(other.getByRole("heading", { level: 1 })).toHaveText("Thank you: your request is submitted");
    await expect(other.getByRole("link", { name: "Offer expertise" }).last()).toBeVisible();
    await expectAccessible(other);
    await fresh.close();
    expect(consoleProblems).toEqual([]);
  });

  for (const [locale, start] of [["fr-FR", "Commencer le questionnaire"], ["es-ES", "Comenzar la encuesta"]] as const) {
    test(`every step is axe-clean in ${locale}`, async ({ browser }, testInfo) => {
      test.skip(testInfo.project.name !== "phone", "one language sweep");
      const context = await browser.newContext({ ...testInfo.project.use, locale });
      const page = await context.newPage();
      // the demand survey, filled by a new respondent
      await visit(page, "/survey/demand", locale);
      await page.getByRole("button", { name: start }).click();
      await fillDemand(page, `sweep.${locale}@example.org`, locale, `Treasury (${locale})`);
      // the supply survey: a demo provider updating their profile opens every step
      await visit(page, "/sign-in", locale);
      await signIn(page, "provider@demo.ogpnm.example");
      await visit(page, "/survey/supply", locale);
      await page.locator('form[action="/api/survey_start"] button').click();
      await expect(page).toHaveURL(/\/survey\/supply\/review$/);
      await expectAccessible(page, locale);
      for (let step = 1; step <= 5; step++) {
        await visit(page, `/survey/supply/step/${step}`, locale);
        await expect(page.locator("html")).toHaveAttribute("lang", locale.slice(0, 2));
      }
      await context.close();
    });
  }
});
