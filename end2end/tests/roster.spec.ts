import { test, expect, visit, expectAccessible, mailTo, linkIn, signIn } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import * as fs from "node:fs";

const next = (page: Page) => page.locator('button[name="nav"][value="next"]');

/** A provider answers the supply survey with plain forms (field ids are language-independent). */
async function createProvider(page: Page, email: string, orgName: string) {
  await visit(page, "/survey/supply");
  await page.locator('form[action="/api/survey_start"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/survey\/supply\/step\/1$/);
  await page.locator("#q-respondent_name").fill("Awa Traoré");
  await page.locator("#q-respondent_email").fill(email);
  await page.locator("#q-org_name").fill(orgName);
  await page.locator("#q-org_kind-ngo").check();
  await page.locator("#q-org_country").selectOption("ML");
  await page.locator("#q-org_description").fill("Open data clinics for ministries and municipalities in the Sahel.");
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/supply\/step\/2$/);
  await page.locator("#q-areas-open_data").selectOption("expert");
  await page.locator("#q-past_work").fill("Opened the procurement data of three municipalities in Mali, 2024.");
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/supply\/step\/3$/);
  await page.locator("#q-assistance-training").check();
  await page.locator("#q-cost_basis-pro_bono").check();
  await page.locator("#q-delivery-remote").check();
  await page.locator("#q-languages-fr").check();
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/supply\/step\/4$/);
  await page.locator("#q-regions-africa_middle_east").check();
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/supply\/step\/5$/);
  await page.locator("#q-capacity-few_days").check();
  await page.locator("#q-consent_listing").check();
  await next(page).click();
  await expect(page).toHaveURL(/\/survey\/supply\/review$/);
  await page.locator('form[action="/api/survey_submit"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/survey\/supply\/done/);
}

async function staffPage(browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const page = await context.newPage();
  await visit(page, "/sign-in");
  await signIn(page, "case.manager@demo.ogpnm.example");
  return page;
}

/** Opens a closed facet group and ticks one value. */
async function tick(page: Page, facet: string, value: string) {
  const box = page.locator(`#filter-${facet}-${value}`);
  if (!(await box.isVisible())) {
    await page.locator("details.facet", { has: box }).locator("summary").click();
  }
  await box.check();
}

test.describe("rosters and outreach", () => {
  test("staff filter the roster, export it, import contacts, invite and follow a recipient", async ({ page, browser }, testInfo) => {
    test.skip(testInfo.project.name === "phone", "a staff tool: desktop, with and without JavaScript");
    test.setTimeout(90_000);
    const project = testInfo.project.name;
    const orgName = `Sahel Open Data Clinic (${project})`;
    await createProvider(page, `awa.${project}@example.org`, orgName);

    // the roster, filtered by issue area and language, finds the provider just created
    const staff = await staffPage(browser, project !== "nojs");
    await visit(staff, "/roster/providers");
    await expectAccessible(staff);
    await tick(staff, "area", "open_data");
    await tick(staff, "language", "fr");
    await staff.getByRole("button", { name: "Apply filters" }).click();
    await expect(staff).toHaveURL(/area=open_data/);
    await expect(staff).toHaveURL(/language=fr/);
    await expect(staff.getByRole("link", { name: orgName })).toBeVisible();
    await expectAccessible(staff);
    const count = Number((await staff.locator("#roster-count").innerText()).split(/\s/)[0]);
    expect(count).toBeGreaterThan(0);

    // the CSV export holds the filtered list, with the new provider
    const [download] = await Promise.all([
      staff.waitForEvent("download"),
      staff.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ogpnm-providers-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync(await download.path(), "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Id,Organisation,Kind,Country,/);
    const row = lines.find((l) => l.includes(orgName));
    expect(row).toBeDefined();
    expect(row).toContain("Mali");
    expect(row).toContain("French");
    expect(lines.filter((l) => /^[0-9a-f-]{36},/.test(l))).toHaveLength(count);

    // a profile page from the roster
    await staff.getByRole("link", { name: orgName }).click();
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText(orgName);
    await expect(staff.getByText("First version.")).toBeVisible();
    await expectAccessible(staff);

    // outreach: a campaign, a contact list with one bad line, invitations in each language
    await visit(staff, "/outreach");
    await expectAccessible(staff);
    await staff.locator("#name").fill(`Sahel providers (${project})`);
    await staff.locator("#survey-supply").check();
    await staff.getByRole("button", { name: "Create the campaign" }).click();
    await expect(staff).toHaveURL(/\/outreach\/[0-9a-f-]{36}$/);
    const fr = `moussa.${project}@ong-bamako.example`;
    const es = `lucia.${project}@datos-claros.example`;
    const list = [
      "name,email,organisation,kind,country,language",
      `Moussa Keïta,${fr},ONG Bamako Ouverte,ngo,ML,fr`,
      `Lucía Rojas,${es},Datos Claros,ngo,Peru,es`,
      "Bad Row,not-an-email,Nowhere,ngo,ML,fr",
    ].join("\n");
    await staff.locator("#file").setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(list) });
    await staff.getByRole("button", { name: "Import", exact: true }).click();
    const report = staff.locator("#import-report");
    await expect(report).toContainText("2 contacts added.");
    await expect(report).toContainText("Line 4:");
    await expect(report).toContainText("not-an-email");
    await expectAccessible(staff);
    await staff.getByRole("button", { name: "Send invitations to 2 new contacts" }).click();
    await expect(staff.getByRole("status").filter({ hasText: "queued" })).toBeVisible();
    const french = await mailTo(fr, "/survey/invitation?t=");
    const spanish = await mailTo(es, "/survey/invitation?t=");
    expect(french.replace(/=\n/g, "")).toContain("Bonjour Moussa Ke");
    expect(spanish.replace(/=\n/g, "")).toContain("Hola, Luc");

    // the recipient opens the survey (prefilled, in French) and starts answering
    const recipient = await (await browser.newContext({ javaScriptEnabled: project !== "nojs" })).newPage();
    // following the link shows a page that asks first; starting is a form
    await recipient.goto(linkIn(french, "http"));
    await expect(recipient.getByRole("heading", { level: 1 })).toHaveText("You are invited to the OGP Networking Mechanism");
    await expectAccessible(recipient);
    await recipient.getByRole("button", { name: "Start the survey" }).click();
    await expect(recipient).toHaveURL(/\/survey\/supply\/step\/1$/);
    await expect(recipient.locator("html")).toHaveAttribute("lang", "fr");
    await expect(recipient.locator("#q-org_name")).toHaveValue("ONG Bamako Ouverte");
    const row1 = staff.locator(`tr[data-email="${fr}"]`);
    await staff.reload();
    await expect(row1).toContainText("Opened the survey");
    await recipient.locator("#q-org_description").fill("Une ONG qui ouvre les données des communes.");
    await next(recipient).click();
    await expect(recipient).toHaveURL(/\/survey\/supply\/step\/2$/);
    await staff.reload();
    await expect(row1).toContainText("Started");
    await expectAccessible(staff);

    // the unsubscribe page the mail links to
    const unsubscribe = spanish.replace(/=\n/g, "").replace(/=3D/g, "=").match(/https?:\/\/\S+\/unsubscribe\?t=\S+/);
    expect(unsubscribe).not.toBeNull();
    await recipient.goto(unsubscribe![0]);
    await expect(recipient.getByRole("button", { name: /./ }).last()).toBeVisible();
    await expectAccessible(recipient);
  });
});
