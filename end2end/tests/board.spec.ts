import { test, expect, expectAccessible, signIn } from "./fixtures";
import type { Browser, Locator, Page } from "@playwright/test";

/**
 * The live case board (/board) with two Case Managers in two browsers: a card dragged by one
 * moves on the other's board without a reload; "Move to…" moves a card by keyboard and says so
 * in the live region; a move the state machine refuses is explained and the card stays; each
 * sees the other looking. With two instances on PostgreSQL the move crosses instances. Every
 * board is axe-checked in English, French and Spanish, on a desktop and on a phone (where a
 * stage switcher shows one column at a time), and works without JavaScript. Every card moved
 * is moved back, so the demo stays as other tests expect it.
 */

const LUCIA = "case.manager@demo.ogpnm.example";
const KWAME = "case.manager2@demo.ogpnm.example";

async function person(browser: Browser, use: object, email: string, baseURL?: string, locale = "en-GB"): Promise<Page> {
  const context = await browser.newContext({ ...use, locale, ...(baseURL ? { baseURL } : {}) });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signIn(page, email);
  return page;
}

async function openBoard(page: Page, locale?: string) {
  await page.goto("/board");
  await expect(page.locator(".board-columns")).toBeVisible();
  await expectAccessible(page, locale);
}

const column = (page: Page, stage: string) => page.locator(`section.board-column[data-stage='${stage}']`);
const card = (page: Page, id: string) => page.locator(`#card-${id}`);

/** Drags `what` onto `where` with the mouse, in steps, as a person would (sideways, at the card's height). */
async function drag(page: Page, what: Locator, where: Locator) {
  await what.scrollIntoViewIfNeeded();
  const from = await what.locator(".card-grip").boundingBox();
  const to = await where.boundingBox();
  if (!from || !to) throw new Error("nothing to drag");
  const [x0, y0] = [from.x + from.width / 2, from.y + from.height / 2];
  const x1 = to.x + to.width / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / 8, y0 + i);
  }
  await page.mouse.up();
}

/** Lets the board's own refetch after a move (and the live echo of it) finish. */
async function settled(page: Page) {
  await page.waitForTimeout(800);
}

/** A card of Lucía's in Matching she may move (its id). */
async function lucias(page: Page): Promise<string> {
  const cardEl = column(page, "matching").locator(".board-card:has(.card-grip)").first();
  await expect(cardEl).toBeVisible();
  return ((await cardEl.getAttribute("id")) ?? "").replace(/^card-/, "");
}

test("two Case Managers: a drag on one board moves the card on the other; keyboard moves and refusals are said", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "two browsers side by side on a desktop");
  test.setTimeout(120_000);
  const use = testInfo.project.use;
  const a = await person(browser, use, LUCIA);
  const b = await person(browser, use, KWAME);
  await openBoard(a);
  await openBoard(b);
  await expect(a.getByText("Live: changes appear as they happen")).toBeVisible();
  await expect(b.getByText("Live: changes appear as they happen")).toBeVisible();

  // each sees the other looking
  await expect(a.locator("#board-presence")).toContainText("Kwame Asante");
  await expect(b.locator("#board-presence")).toContainText("Lucía Fernández");

  // A drags a card from Matching back to Scoping; B sees it move without reloading
  const id = await lucias(a);
  await b.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await drag(a, card(a, id), column(a, "scoping"));
  await expect(a.locator("#board-announce")).toContainText("moved to Scoping");
  await expect(column(a, "scoping").locator(`#card-${id}`)).toBeVisible();
  await expect(column(b, "scoping").locator(`#card-${id}`)).toBeVisible();
  expect(await b.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  // a drop the state machine refuses is explained, and the card stays where it was
  await settled(a);
  await drag(a, card(a, id), column(a, "intake"));
  await expect(a.locator(".board-alert")).toContainText("cannot move to Intake");
  await expect(column(a, "scoping").locator(`#card-${id}`)).toBeVisible();
  await a.getByRole("button", { name: "Dismiss" }).click();

  // by keyboard: "Move to…" offers only the stages it may go to; the move is announced
  const summary = card(a, id).locator(".card-move summary");
  await summary.focus();
  await a.keyboard.press("Enter");
  const buttons = card(a, id).locator(".move-buttons button");
  await expect(buttons).toHaveText(["Matching"]);
  await buttons.first().focus();
  await a.keyboard.press("Enter");
  await expect(a.locator("#board-announce")).toContainText("moved to Matching");
  await expect(column(a, "matching").locator(`#card-${id}`)).toBeVisible();
  await expect(column(b, "matching").locator(`#card-${id}`)).toBeVisible();
  // the card keeps the focus after the board is redrawn
  await expect(card(a, id)).toBeFocused();

  // B may not move Lucía's case: no grip, no "Move to…"
  await expect(card(b, id).locator(".card-grip")).toHaveCount(0);
  await expect(card(b, id).locator(".card-move")).toHaveCount(0);
  await expectAccessible(a);
  await expectAccessible(b);
  await a.context().close();
  await b.context().close();
});

test("with two instances on PostgreSQL, a move on one reaches a board served by the other", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== "postgres", "needs the two PostgreSQL instances");
  test.setTimeout(120_000);
  const use = testInfo.project.use;
  const a = await person(browser, use, LUCIA);
  const b = await person(browser, use, KWAME, process.env.E2E_PG2_URL);
  await openBoard(a);
  await openBoard(b);
  // presence crosses instances too
  await expect(a.locator("#board-presence")).toContainText("Kwame Asante");
  await expect(b.locator("#board-presence")).toContainText("Lucía Fernández");
  const id = await lucias(a);
  await drag(a, card(a, id), column(a, "scoping"));
  await expect(a.locator("#board-announce")).toContainText("moved to Scoping");
  await expect(column(b, "scoping").locator(`#card-${id}`)).toBeVisible();
  // and back
  await settled(a);
  await drag(a, card(a, id), column(a, "matching"));
  await expect(column(b, "matching").locator(`#card-${id}`)).toBeVisible();
  await a.context().close();
  await b.context().close();
});

for (const [locale, title, moveTo] of [
  ["en-GB", "Case board", "Move to…"],
  ["fr-FR", "Tableau des dossiers", "Déplacer vers…"],
  ["es-ES", "Tablero de casos", "Mover a…"],
] as const) {
  test(`the board reads in ${locale} on a desktop and on a phone`, async ({ browser }, testInfo) => {
    const project = testInfo.project.name;
    test.skip(project !== "desktop" && !(project === "phone" && locale === "en-GB"), "EN/FR/ES on a desktop, EN on a phone");
    const page = await person(browser, testInfo.project.use, LUCIA, undefined, locale);
    await openBoard(page, locale);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.locator(".card-move summary").first()).toHaveText(moveTo);
    if (project === "phone") {
      // one column at a time, chosen with the stage switcher (no sideways scroll)
      await expect(page.locator(".stage-switcher")).toBeVisible();
      await expect(page.locator("section.board-column:visible")).toHaveCount(1);
      await page.locator(".stage-switcher a[data-stage='agreement']").click();
      await expect(column(page, "agreement")).toBeVisible();
      await expect(page.locator("section.board-column:visible")).toHaveCount(1);
      const width = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(width).toBe(true);
    }
    // a saved view of the demo, and the views in the address
    await page.locator(".view-links a[href='/board?waiting=provider']").click();
    await expect(page).toHaveURL(/waiting=provider/);
    await expect(page.locator(".board-columns")).toBeVisible();
    await expectAccessible(page, locale);
    await page.context().close();
  });
}

test("without JavaScript a card moves with its plain form and the board comes back", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== "nojs", "the JavaScript-disabled project");
  test.setTimeout(90_000);
  const page = await person(browser, testInfo.project.use, LUCIA);
  await openBoard(page);
  const id = await lucias(page);
  await card(page, id).locator(".card-move summary").click();
  await card(page, id).getByRole("button", { name: "Scoping" }).click();
  await expect(page).toHaveURL(new RegExp(`/board#card-${id}$`));
  await expect(column(page, "scoping").locator(`#card-${id}`)).toBeVisible();
  await expectAccessible(page);
  // a saved view, named and kept
  await page.locator(".board-filters summary").click();
  await page.locator("#view-name").fill("Scoping this week");
  await page.getByRole("button", { name: "Save this view" }).click();
  await expect(page.locator(".saved-view a", { hasText: "Scoping this week" })).toBeVisible();
  await page.getByRole("button", { name: "Delete the view Scoping this week" }).click();
  await expect(page.locator(".saved-view a", { hasText: "Scoping this week" })).toHaveCount(0);
  // and back to Matching
  await card(page, id).locator(".card-move summary").click();
  await card(page, id).getByRole("button", { name: "Matching" }).click();
  await expect(column(page, "matching").locator(`#card-${id}`)).toBeVisible();
  await page.context().close();
});
