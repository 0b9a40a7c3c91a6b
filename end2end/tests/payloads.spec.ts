import { test, expect, visit, signIn, expectAccessible, expectIslands } from "./fixtures";
import type { Page } from "@playwright/test";

/**
 * Markup a visitor types stays text in a real browser, and the pages that show it still
 * hydrate. The integration test `payloads.rs` reads every page as every audience; this follows
 * one request from an anonymous form to the Case Manager's desk in Chromium.
 */

const PAYLOAD = `"><meta http-equiv="refresh" content="0;url=https://evil.example/"></title></textarea></script><img id="x-inject" src="/x"><form action="/api/set_user_role" method="post"><button id="x-button">Continue</button></form>`;
const SHORT = `"></title></textarea><meta http-equiv=refresh content=0;url=//evil.example><img id=x-inject src=/x>`;

async function expectInert(page: Page) {
  await expect(page.locator("meta[http-equiv]")).toHaveCount(0);
  await expect(page.locator("#x-inject, #x-button")).toHaveCount(0);
  await expect(page.locator("title")).toHaveCount(1);
}

test("markup typed into a request stays text on every page that shows it, and those pages hydrate", async ({ page, browser, consoleProblems }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "one journey in a real browser; the integration sweep reads every page as every audience");
  test.setTimeout(90_000);
  const agency = `D${SHORT} ${Date.now()}`;
  const next = page.locator('button[name="nav"][value="next"]');

  // an anonymous government answers with markup
  await visit(page, "/survey/demand");
  await page.getByRole("button", { name: "Start the survey" }).click();
  await page.locator("#q-country").selectOption("CO");
  await page.locator("#q-agency").fill(agency);
  await page.locator("#q-respondent_name").fill(SHORT);
  await page.locator("#q-respondent_email").fill(`payload.${Date.now()}@example.org`);
  await next.click();
  await expect(page).toHaveURL(/\/survey\/demand\/step\/2$/);
  await page.locator("#q-areas-open_contracting").check();
  await page.locator("#q-stage-implementing").check();
  await page.locator("#q-need").fill(PAYLOAD);
  await next.click();
  await expect(page).toHaveURL(/\/survey\/demand\/step\/3$/);
  // back on the step: the answer is in its textarea exactly, and the page is alive
  await page.goto("/survey/demand/step/2");
  await expect(page.locator("#q-need")).toHaveValue(PAYLOAD);
  await expect(page.locator("#survey-form")).toHaveAttribute("data-autosave", "on");
  await expectInert(page);
  await page.goto("/survey/demand/step/3");
  await page.locator("#q-assistance-training").check();
  await page.locator("#q-languages-es").check();
  await page.locator("#q-timeline-next_months").check();
  await page.locator("#q-budget-costs_covered").check();
  await page.locator("#q-consent_share").check();
  await next.click();
  await expect(page).toHaveURL(/\/survey\/demand\/review$/);
  await expectInert(page);
  await page.locator('form[action="/api/survey_submit"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/survey\/demand\/done/);

  // the Case Manager opens it: the title reads the name as typed, nothing was injected
  const cm = await (await browser.newContext({ ...testInfo.project.use })).newPage();
  const cmProblems: string[] = [];
  cm.on("console", (m) => {
    if (m.type() === "error" || (m.type() === "warning" && /hydrat/i.test(m.text()))) cmProblems.push(m.text());
  });
  cm.on("pageerror", (e) => cmProblems.push(e.message));
  await visit(cm, "/sign-in");
  await signIn(cm, "case.manager@demo.ogpnm.example");
  await visit(cm, "/cases?stage=intake");
  await cm.getByRole("link", { name: agency }).click();
  await expect(cm.getByRole("heading", { level: 1 })).toHaveText(agency);
  await expect(cm).toHaveTitle(`${agency} · OGP Networking Mechanism`);
  await expectInert(cm);
  await expectAccessible(cm);
  // the Case Manager writes markup into the scope's textareas; it comes back exactly
  await cm.getByRole("button", { name: "Take this case" }).click();
  await expect(cm.locator(".case-meta")).toContainText("Case Manager: Lucía Fernández");
  await cm.locator("#scope-objectives").fill(PAYLOAD);
  await cm.locator("#scope-deliverables").fill(SHORT);
  await cm.getByRole("button", { name: "Save the scope" }).click();
  await expect(cm.locator("#scope")).toContainText("Waiting for the government to confirm this scope.");
  await cm.reload();
  await expect(cm.locator("#scope-objectives")).toHaveValue(PAYLOAD);
  await expect(cm.locator("#scope-deliverables")).toHaveValue(SHORT);
  await expectInert(cm);
  const caseUrl = cm.url();
  await expectIslands(cm, /^Cases$/, /\/cases$/);
  // the whole request, as staff read it
  await cm.goto(caseUrl);
  await cm.getByRole("link", { name: "Read the whole request" }).click();
  await expect(cm).toHaveURL(/\/roster\/requests\//);
  await expect(cm.getByText(PAYLOAD).first()).toBeVisible();
  await expectInert(cm);
  // read only: the page's code runs (the header's count) but it has no island
  await expectIslands(cm, /^Cases$/, /\/cases$/, false);
  expect(cmProblems).toEqual([]);
  expect(consoleProblems).toEqual([]);
});
