import { test, expect, visit, expectAccessible, signIn, mailTo } from "./fixtures";
import type { Browser, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The dialogue on the demo data: a provider and a government talk in the thread their
 * introduction opened, in real time both ways with the unread count moving; another provider
 * cannot open it; a provider answers an introduction waiting for it. Each browser is its own
 * context (its own person).
 */

const THREAD = "Introduction for Ministry of Justice, Judicial Data Office";
const PDF = readFileSync(join(__dirname, "..", "..", "app", "demo", "court-statistics-2026.pdf"));
// a 1×1 PNG
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQz98CAAHzAUMBh4NgAAAAAElFTkSuQmCC",
  "base64",
);

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

    // files cross both ways: the provider sends a PDF, the government answers with an image
    const pdfName = `datasets-${run}.pdf`;
    await provider.locator("#message-body").fill(`Our datasets, attached (${run}).`);
    await provider.locator("#message-files").setInputFiles({ name: pdfName, mimeType: "application/pdf", buffer: PDF });
    await provider.getByRole("button", { name: "Send" }).click();
    await expect(provider.getByRole("link", { name: pdfName })).toBeVisible();
    if (!js) await government.reload();
    const pdfLink = government.getByRole("link", { name: pdfName });
    await expect(pdfLink).toBeVisible({ timeout: 20_000 });
    await expect(government.locator(".attachments", { hasText: pdfName })).toContainText("PDF");
    const pdfUrl = (await pdfLink.getAttribute("href")) ?? "";
    const download = await government.request.get(pdfUrl);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.compare(await download.body(), PDF)).toBe(0);
    const pngName = `chart-${run}.png`;
    await government.locator("#message-files").setInputFiles({ name: pngName, mimeType: "image/png", buffer: PNG });
    await government.getByRole("button", { name: "Send" }).click();
    await expect(government.getByRole("link", { name: pngName })).toBeVisible();
    if (!js) await provider.reload();
    // live: within one reconnection of the end-to-end server's short live streams (8 s)
    await expect(provider.getByRole("link", { name: pngName })).toBeVisible({ timeout: 20_000 });
    // an executable renamed .pdf is refused, in words, and nothing is posted
    await provider.locator("#message-body").fill("The installer you asked for.");
    await provider.locator("#message-files").setInputFiles({
      name: `setup-${run}.pdf`,
      mimeType: "application/pdf",
      buffer: Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(200)]),
    });
    await provider.getByRole("button", { name: "Send" }).click();
    await expect(provider.getByRole("alert")).toContainText("This kind of file cannot be attached");
    await expect(provider.locator("#message-body")).toHaveValue("The installer you asked for.");
    await expect(provider.getByRole("link", { name: `setup-${run}.pdf` })).toHaveCount(0);

    // another provider, not part of this introduction, gets "not found", for its files too
    const stranger = await person(browser, js, "transparencia.andina@demo.ogpnm.example");
    const res = await stranger.goto(threadUrl);
    expect(res?.status()).toBe(404);
    await expect(stranger.locator(".messages")).toHaveCount(0);
    await expect(stranger.getByText(first)).toHaveCount(0);
    await expectAccessible(stranger);
    expect((await stranger.request.get(pdfUrl)).status()).toBe(404);

    // a participant who was not there gets the unread messages as one digest (the e2e server
    // mails digests at its next minute's sweep)
    if (run === "desktop") {
      const digest = await mailTo("open.courts@demo.ogpnm.example", "unread message", 75_000);
      expect(digest.replace(/=\r?\n/g, "")).toContain("Ministry of Justice, Judicial Data Office");
    }
  });

  test("a message written offline goes when the connection returns; the others see who is typing", async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "the outbox and typing need JavaScript; once per run");
    test.setTimeout(90_000);
    const provider = await person(browser, true, "provider@demo.ogpnm.example");
    await visit(provider, "/inbox");
    await provider.locator(".inbox-list a", { hasText: THREAD }).click();
    await expect(provider.getByRole("heading", { level: 1 })).toHaveText(THREAD);
    const threadUrl = provider.url();
    const government = await person(browser, true, "judicial.data@demo.ogpnm.example");
    await government.goto(threadUrl);
    await expect(government.getByText("Live: changes appear as they happen")).toBeVisible();
    await expect(provider.getByText("Live: changes appear as they happen")).toBeVisible();

    // typing is shown to the others, not to the one typing (announced every few seconds while
    // it goes on: one announcement may fall between two of the live stream's reconnections)
    await expect(async () => {
      await provider.locator("#message-body").pressSequentially(" we are drafting", { delay: 20 });
      await expect(government.locator(".typing")).toContainText("is typing", { timeout: 4_000 });
    }).toPass({ timeout: 30_000 });
    await expect(provider.locator(".typing")).toBeEmpty();
    // and it clears by itself once the typing stops
    await expect(government.locator(".typing")).toBeEmpty({ timeout: 15_000 });
    await provider.locator("#message-body").fill("");

    // offline: the messages wait in the browser, in order, and go when the connection returns
    await provider.context().setOffline(true);
    const texts = ["Written on the train, first.", "Written on the train, second."];
    for (const text of texts) {
      await provider.locator("#message-body").fill(text);
      await provider.getByRole("button", { name: "Send" }).click();
    }
    await expect(provider.getByText("2 message(s) waiting to be sent")).toBeVisible();
    await government.waitForTimeout(1_000);
    await expect(government.locator(".messages")).not.toContainText(texts[0]);
    await provider.context().setOffline(false);
    await expect(government.locator(".messages")).toContainText(texts[1], { timeout: 20_000 });
    const shown = await government.locator(".messages li").allTextContents();
    const at = (t: string) => shown.findIndex((m) => m.includes(t));
    expect(at(texts[0])).toBeGreaterThan(-1);
    expect(at(texts[0])).toBeLessThan(at(texts[1]));
    await expect(provider.getByText("waiting to be sent")).toHaveCount(0);
    // each once, whatever the retries
    await provider.reload();
    await expect(provider.locator(".messages li", { hasText: texts[0] })).toHaveCount(1);
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
