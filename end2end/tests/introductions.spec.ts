import { test, expect, visit, expectAccessible, signIn } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The mechanism's heart, clicked through in four browsers (a government, two providers, the
 * Case Manager), on the demo case in Matching: the Case Manager introduces the government to
 * two shortlisted providers; provider A accepts, provider B declines with a reason; the
 * government and A talk in the thread that opens, with files, live both ways, the unread count
 * in A's header moving as messages arrive; B cannot open A's thread or its files.
 */

const GOVERNMENT = "Ministry of Environment, Climate Information Directorate";
const PROVIDER_A = "Institute for Governance Studies, National University (demo)";
const PROVIDER_B = "GeoMaps Cooperative";
const THREAD = `Introduction for ${GOVERNMENT}`;
const PDF = readFileSync(join(__dirname, "..", "..", "app", "demo", "court-statistics-2026.pdf"));

async function person(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await visit(page, "/sign-in");
  await signIn(page, email);
  return page;
}

/** Sends one engagement introduction of `provider` from the case page. */
async function introduce(cm: Page, provider: string, note: string) {
  const form = cm.locator("#introductions form");
  await form.getByLabel(provider).check();
  await form.locator("#intro-note").fill(note);
  await form.getByRole("button", { name: "Send the introduction" }).click();
  await expect(cm.locator("#introductions")).toContainText(note);
}

test("introduced, accepted and declined; the government and a provider talk with files, live; the other provider stays out", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "introducing changes the demo data: once per run");
  test.setTimeout(180_000);

  // the Case Manager introduces the government to each shortlisted provider
  const cm = await person(browser, "case.manager2@demo.ogpnm.example");
  await visit(cm, "/cases");
  await cm.getByRole("link", { name: GOVERNMENT }).click();
  await expect(cm.getByRole("heading", { level: 1 })).toHaveText(GOVERNMENT);
  await expect(cm.locator(".case-meta .stage")).toHaveText("Matching");
  await expectAccessible(cm);
  await introduce(cm, PROVIDER_A, "The Institute studied community participation in environmental licensing in the region.");
  await expect(cm.locator(".case-meta .stage")).toHaveText("Introductions");
  await introduce(cm, PROVIDER_B, "GeoMaps maps licences and impact areas with local partners.");
  await expect(cm.locator("#timeline")).toContainText(`Engagement introduction to ${PROVIDER_B}`);
  await expectAccessible(cm);

  // provider B declines, with a reason
  const b = await person(browser, "geomaps@demo.ogpnm.example");
  await visit(b, "/inbox");
  await b.locator(".inbox-list a", { hasText: "A request from Costa Rica" }).click();
  await expect(b.getByRole("heading", { level: 1 })).toHaveText("Introduction");
  await expect(b.getByText("GeoMaps maps licences")).toBeVisible();
  await expect(b.getByText("The Institute studied")).toHaveCount(0);
  await expectAccessible(b);
  await b.getByLabel("Reason (needed to decline)").fill("Our mapping team is fully booked until March.");
  await b.getByRole("button", { name: "Decline" }).click();
  await expect(b.locator("main")).toContainText("Declined");

  // provider A accepts, and the conversation opens
  const a = await person(browser, "governance.studies@demo.ogpnm.example");
  await visit(a, "/inbox");
  await a.locator(".inbox-list a", { hasText: "A request from Costa Rica" }).click();
  await expect(a.getByText("The Institute studied community participation")).toBeVisible();
  await a.getByRole("button", { name: "Accept" }).click();
  await a.getByRole("link", { name: "Open the conversation" }).first().click();
  await expect(a.getByRole("heading", { level: 1 })).toHaveText(THREAD);
  const threadUrl = a.url();

  // the Case Manager's case page shows both answers, the decline's reason with it
  await cm.reload();
  await expect(cm.locator("#introductions")).toContainText("Our mapping team is fully booked until March.");
  await expect(cm.locator("#introductions")).toContainText("Accepted");

  // the government opens the conversation from its case page
  const gov = await person(browser, "climate.directorate@demo.ogpnm.example");
  await visit(gov, "/cases");
  await gov.getByRole("link", { name: GOVERNMENT }).click();
  await gov.getByRole("link", { name: "Open the conversation" }).first().click();
  await expect(gov.getByRole("heading", { level: 1 })).toHaveText(THREAD);
  await expect(gov.getByText("Live: changes appear as they happen")).toBeVisible();
  await expectAccessible(gov);

  // A waits on its inbox: the government's message with a file arrives, counted in its header
  await visit(a, "/inbox");
  await expect(a.getByText("Live: changes appear as they happen")).toBeVisible();
  const header = a.locator("header").getByRole("link", { name: /Inbox/ });
  // what the header counts: unread messages and notifications (A's introduction is one)
  const counted = async () => Number((await header.locator(".badge").allInnerTexts()).join("").match(/\d+/)?.[0] ?? 0);
  await expect.poll(counted).toBeGreaterThan(0);
  const before = await counted();
  await gov.locator("#message-body").fill("Welcome! Our draft publication plan is attached.");
  await gov.locator("#message-files").setInputFiles({ name: "publication-plan.pdf", mimeType: "application/pdf", buffer: PDF });
  await gov.getByRole("button", { name: "Send" }).click();
  await expect(gov.getByRole("link", { name: "publication-plan.pdf" })).toBeVisible();
  await expect.poll(counted).toBe(before + 1);
  await expect(a.locator(".inbox-list li", { hasText: THREAD })).toContainText("1 unread");

  // A reads it (the count goes), downloads the file, and answers with one of its own
  await a.locator(".inbox-list a", { hasText: THREAD }).click();
  await expect(a.getByRole("link", { name: "publication-plan.pdf" })).toBeVisible();
  await expect.poll(counted).toBe(before);
  const planUrl = (await a.getByRole("link", { name: "publication-plan.pdf" }).getAttribute("href")) ?? "";
  expect((await a.request.get(planUrl)).status()).toBe(200);
  await a.locator("#message-body").fill("Thank you. Our comments are in the attached copy.");
  await a.locator("#message-files").setInputFiles({ name: "plan-comments.pdf", mimeType: "application/pdf", buffer: PDF });
  await a.getByRole("button", { name: "Send" }).click();
  await expect(gov.getByRole("link", { name: "plan-comments.pdf" })).toBeVisible();
  await expect(gov.locator(".messages")).toContainText("Our comments are in the attached copy.");
  await expectAccessible(a);

  // B, who declined, cannot open A's thread or its files
  const res = await b.goto(threadUrl);
  expect(res?.status()).toBe(404);
  await expect(b.getByText("Welcome! Our draft publication plan")).toHaveCount(0);
  expect((await b.request.get(planUrl)).status()).toBe(404);
  await expectAccessible(b);
});
