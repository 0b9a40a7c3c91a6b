import { test, expect, visit, expectAccessible, signIn } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

/**
 * The end of a case, clicked through in separate browsers (the government, the provider it
 * chooses, the Case Manager, an open board), on the demo case whose two introductions were
 * accepted: the government compares and selects one provider; the Case Manager drafts the
 * agreement and changes it (the difference shown); the government, the provider and the Case
 * Manager accept the second version and the case turns Active on the open board without a
 * reload; the Case Manager closes it as successful; every party approves the story, which then
 * appears on /stories for a visitor without JavaScript.
 */

const GOVERNMENT = "Ministry of National Education, Open Schools Programme";
const CHOSEN = "Atelier Données Publiques";
const OTHER = "Initiative citoyenne pour les données ouvertes (demo)";

async function person(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ ...test.info().project.use, locale: "en-GB", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await visit(page, "/sign-in");
  await signIn(page, email);
  return page;
}

function day(offset: number): string {
  const d = new Date(Date.now() + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
}

test("selected, agreed in a second version by every party, Active live, closed, and its story public", async ({ browser }, testInfo) => {
  test.skip(!["desktop", "postgres"].includes(testInfo.project.name), "the journey changes the demo data: once per database");
  test.setTimeout(240_000);

  // the government compares the providers who accepted, and selects one
  const gov = await person(browser, "open.schools@demo.ogpnm.example");
  await visit(gov, "/cases");
  await gov.locator(".request-list h2 a").first().click();
  await gov.getByRole("link", { name: "Compare and select your providers" }).click();
  await expect(gov.getByRole("heading", { level: 1 })).toHaveText("Compare and select providers");
  await expect(gov.locator(".compare-card")).toHaveCount(2);
  await expect(gov.locator(".compare-card", { hasText: OTHER })).toContainText("nous avons publié les budgets");
  await expectAccessible(gov);
  const caseUrl = gov.url().replace(/\/selection$/, "");
  await gov.getByLabel(`Select ${CHOSEN}`).check();
  await gov.getByRole("button", { name: "Confirm my selection" }).click();
  await expect(gov).toHaveURL(/\/agreement$/);
  await expect(gov.getByText("has not written the terms yet")).toBeVisible();
  await expectAccessible(gov);

  // an open board, watching
  const board = await person(browser, "steering@demo.ogpnm.example");
  await visit(board, "/cases");
  const row = board.locator("table.cases tbody tr", { hasText: GOVERNMENT });
  await expect(row).toContainText("Agreement");

  // the Case Manager drafts the terms from the scope, then changes them
  const cm = await person(browser, "case.manager2@demo.ogpnm.example");
  await visit(cm, `${caseUrl.replace(/^https?:\/\/[^/]+/, "")}/agreement`);
  await expect(cm.locator("#agreement-objectives")).not.toHaveValue("");
  await cm.locator("#deliverable-due-0").fill(day(30));
  await cm.locator("#deliverable-due-1").fill(day(60));
  await cm.locator("#responsibility-duties-0").fill("Names a focal point and shares the school budget files.");
  await cm.locator("#responsibility-duties-1").fill("Builds the publication pipeline and trains the regional teams.");
  await cm.locator("#agreement-cost").fill("The ministry covers the provider's fees from its programme budget.");
  await cm.locator("#agreement-communication").fill("A call every two weeks, in French, and the conversation in the platform.");
  await cm.locator("#agreement-ends").fill(day(120));
  await cm.getByRole("button", { name: "Save and ask the parties to accept" }).click();
  await expect(cm.getByRole("heading", { name: "Version 1", exact: true })).toBeVisible();
  await cm.locator("#deliverable-what-2").fill("A guide for parents' associations on reading a school budget");
  await cm.locator("#deliverable-due-2").fill(day(90));
  await cm.getByRole("button", { name: "Save as a new version" }).click();
  await expect(cm.getByRole("heading", { name: "Version 2", exact: true })).toBeVisible();
  await expect(cm.locator("#changes .diff-added")).toContainText("A guide for parents' associations");
  await expectAccessible(cm);

  // every party accepts version 2: the government, the provider, the Case Manager
  await gov.reload();
  await expect(gov.locator("#changes")).toContainText("A guide for parents' associations");
  await gov.getByRole("button", { name: "Accept version 2 as Government" }).click();
  await expect(gov.locator("#parties")).toContainText("accepted this version");
  const provider = await person(browser, "atelier.donnees@demo.ogpnm.example");
  await visit(provider, "/inbox");
  await provider.locator("#notices a[href$='/agreement']").first().click();
  await expect(provider.getByRole("heading", { level: 1 })).toHaveText("Terms of engagement");
  await expectAccessible(provider);
  await provider.getByRole("button", { name: "Accept version 2 as Provider" }).click();
  await expect(provider.locator("#record")).toContainText(`${CHOSEN} accepted version 2`);
  await cm.reload();
  await cm.getByRole("button", { name: "Accept version 2 as Case Manager" }).click();
  await expect(cm.locator(".case-meta .stage")).toHaveText("Active");

  // the open board shows it Active without a reload
  await expect(row.locator(".stage")).toHaveText("Active", { timeout: 15_000 });

  // the Case Manager closes it as successful
  await cm.goto(caseUrl.replace(/^https?:\/\/[^/]+/, ""));
  await cm.locator("details", { hasText: "Close the case" }).locator("summary").click();
  await cm.locator("#outcome").selectOption("successful");
  await cm.locator("#close-reason").fill("The three regions publish school budgets.");
  await cm.getByRole("button", { name: "Close the case" }).click();
  await expect(cm.locator(".case-meta .stage")).toContainText("Closed");

  // the story: written by the Case Manager, approved by every party, then public
  await cm.getByRole("link", { name: "Success story" }).click();
  await cm.locator("#story-title").fill("School budgets, open to parents");
  await cm.locator("#story-summary").fill("Madagascar's education ministry publishes what each school receives, with a guide for parents.");
  await cm.locator("#story-body").fill("With a French firm met through the mechanism, the ministry built a pipeline that publishes school budgets every term.");
  await cm.getByRole("button", { name: "Save and ask every party to approve" }).click();
  await expect(cm.getByText("Not published")).toBeVisible();
  await expectAccessible(cm);
  await cm.getByRole("button", { name: "Approve this text as Case Manager" }).click();
  const storyUrl = `${caseUrl.replace(/^https?:\/\/[^/]+/, "")}/story`;
  for (const [page, role] of [[gov, "Government"], [provider, "Provider"]] as const) {
    await visit(page, storyUrl);
    await page.getByRole("button", { name: `Approve this text as ${role}` }).click();
  }
  await expect(provider.getByText(/Published on/)).toBeVisible();

  const visitor = await browser.newContext({ ...test.info().project.use, javaScriptEnabled: false, locale: "en-GB" });
  const anon = await visitor.newPage();
  await anon.goto("/stories");
  await anon.getByRole("link", { name: "School budgets, open to parents" }).click();
  await expect(anon.getByRole("heading", { level: 1 })).toHaveText("School budgets, open to parents");
  await expect(anon.locator('meta[property="og:title"]')).toHaveAttribute("content", "School budgets, open to parents");
  await visitor.close();
});
