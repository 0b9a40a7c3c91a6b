import { test, expect, visit, expectAccessible, signIn, mailTo } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

/**
 * The dialogue on the demo data: a provider and a government talk in the thread their
 * introduction opened, in real time both ways with the unread count moving; another provider
 * cannot open it; a provider answers an introduction waiting for it. Each browser is its own
 * context (its own person).
 */

const THREAD = "Introduction for Ministry of Justice, Judicial Data Office";

async function person(browser: Browser, js: boolean, email: string, isMobile = false): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled: js,
    locale: "en-GB",
    viewport: isMobile ? { width: 390, height: 844 } : { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await visit(page, "/sign-in");
  await signIn(page, email);
  return page;
}

test.describe("dialogue", () => {
  test("a provider and a government talk in their thread, live both ways; another provider cannot open it", async ({ browser }, testInfo) => {
    test.setTimeout(150_000);
    const js = testInfo.project.name !== "nojs";
    const phone = testInfo.project.name === "phone";
    const run = testInfo.project.name;

    // the provider finds the conversation in its inbox, with messages it has not read
    const provider = await person(browser, js, "provider@demo.ogpnm.example", phone);
    await visit(provider, "/inbox");
    await expect(provider.getByRole("heading", { level: 1 })).toHaveText("Inbox");
    const line = provider.locator(".inbox-list li", { hasText: THREAD });
    await line.getByRole("link", { name: THREAD }).click();
    await expect(provider.getByRole("heading", { level: 1 })).toHaveText(THREAD);
    await expectAccessible(provider);
    const threadUrl = provider.url();

    // the government has the same thread open in its own browser
    const government = await person(browser, js, "judicial.data@demo.ogpnm.example");
    await government.goto(threadUrl);
    await expectAccessible(government);
    if (js) {
      await expect(government.getByText("Live: changes appear as they happen")).toBeVisible();
      await expect(provider.getByText("Live: changes appear as they happen")).toBeVisible();
    }

    // the provider writes (Markdown); the government sees it without reloading
    const first = `Here is our first list of datasets (${run}).`;
    await provider.locator("#message-body").fill(`**${first}**`);
    await provider.getByRole("button", { name: "Send" }).click();
    await expect(provider.locator(".messages strong", { hasText: first })).toBeVisible();
    if (!js) await government.reload();
    await expect(government.locator(".messages strong", { hasText: first })).toBeVisible();

    // the government answers; the provider sees it arrive, and its inbox counts it until read
    const reply = `Thank you, we will compare it with the requests we receive (${run}).`;
    await government.locator("#message-body").fill(reply);
    await government.getByRole("button", { name: "Send" }).click();
    await expect(government.locator(".messages")).toContainText(reply);
    if (!js) await provider.reload();
    await expect(provider.locator(".messages")).toContainText(reply);

    // another provider, not part of this introduction, gets "not found"
    const stranger = await person(browser, js, "transparencia.andina@demo.ogpnm.example");
    const res = await stranger.goto(threadUrl);
    expect(res?.status()).toBe(404);
    await expect(stranger.locator(".messages")).toHaveCount(0);
    await expect(stranger.getByText(first)).toHaveCount(0);
    await expectAccessible(stranger);

    // a participant who was not there gets the unread messages as one digest (the e2e server
    // mails digests at its next minute's sweep)
    if (run === "desktop") {
      const digest = await mailTo("open.courts@demo.ogpnm.example", "unread message", 75_000);
      expect(digest.replace(/=\r?\n/g, "")).toContain("Ministry of Justice, Judicial Data Office");
    }
  });

  test("a provider accepts the introduction waiting for it, and its conversation opens", async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "answering changes the demo data: once per run");
    const provider = await person(browser, true, "transparencia.andina@demo.ogpnm.example");
    await visit(provider, "/inbox");
    await provider.locator(".inbox-list a", { hasText: "A request from Paraguay" }).click();
    await expect(provider.getByRole("heading", { level: 1 })).toHaveText("Introduction");
    await expectAccessible(provider);
    await expect(provider.getByText("Transparencia Andina trains citizen monitors")).toBeVisible();
    // declining needs a reason: refused, the introduction still waits
    await provider.getByRole("button", { name: "Decline" }).click();
    await expect(provider.getByRole("alert")).toContainText("Say briefly why you decline");
    await provider.getByRole("button", { name: "Accept" }).click();
    await provider.getByRole("link", { name: "Open the conversation" }).first().click();
    await expect(provider.getByRole("heading", { level: 1 })).toHaveText(
      "Introduction for Municipality of Villa Esperanza, Open Government Office",
    );
    await expectAccessible(provider);
  });
});
