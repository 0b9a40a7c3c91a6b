import { test, expect, expectAccessible, signIn } from "./fixtures";
import type { Browser, Page } from "@playwright/test";

/**
 * The end of a case's pages, read (nothing changed) in English, French and Spanish on a desktop,
 * and in English on a phone and without JavaScript: the comparison, the agreement, the story
 * desk, the follow-ups, the public stories. Each is translated and axe-clean.
 */

async function person(browser: Browser, use: object, locale: string, email: string): Promise<Page> {
  const context = await browser.newContext({ ...use, locale });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await signIn(page, email);
  return page;
}

/** What shows once each page has arrived (a client-side navigation replaces the page later). */
const ARRIVED: Record<string, string> = {
  "": "#agreement-links",
  "/selection": "ul.compare",
  "/agreement": "#parties",
  "/story": "#consent",
};

/** Opens the first of the signed-in government's cases, then its page linked as `href$`. */
async function casePage(page: Page, locale: string, link = "") {
  await page.goto("/cases");
  await page.locator(".request-list h2 a").first().click();
  await expect(page.locator(ARRIVED[""])).toBeVisible();
  if (link) {
    await page.locator(`#agreement-links a[href$='${link}']`).click();
    await expect(page).toHaveURL(new RegExp(`${link}$`));
    await expect(page.locator(ARRIVED[link])).toBeVisible();
  }
  await expectAccessible(page, locale);
}

for (const [locale, lang] of [
  ["en-GB", "en"],
  ["fr-FR", "fr"],
  ["es-ES", "es"],
] as const) {
  test(`the selection, agreement, story and follow-up pages speak ${lang} and pass axe`, async ({ browser }, testInfo) => {
    const project = testInfo.project.name;
    test.skip(project === "postgres" || (project !== "desktop" && lang !== "en"), "languages on a desktop; English elsewhere");
    test.setTimeout(150_000);
    const use = testInfo.project.use;

    // anyone: the public stories, and one of them
    const visitor = await (await browser.newContext({ ...use, locale })).newPage();
    await visitor.goto("/stories");
    await expect(visitor.locator("html")).toHaveAttribute("lang", lang);
    await expectAccessible(visitor, locale);
    await visitor.locator(".plain-list h2 a").first().click();
    await expect(visitor.locator("article.story")).toBeVisible();
    await expectAccessible(visitor, locale);

    // the government of the closed case: its page, the agreement, the comparison, the story desk
    const health = await person(browser, use, locale, "health.transparency@demo.ogpnm.example");
    await casePage(health, locale);
    for (const link of ["/agreement", "/selection", "/story"]) {
      await casePage(health, locale, link);
    }
    await expect(health.locator("html")).toHaveAttribute("lang", lang);

    // the government of the case waiting for acceptances: the agreement with its accept forms
    const judicial = await person(browser, use, locale, "judicial.data@demo.ogpnm.example");
    await casePage(judicial, locale, "/agreement");

    // a provider asked how it went
    const kijiji = await person(browser, use, locale, "kijiji@demo.ogpnm.example");
    await kijiji.goto("/follow-ups");
    await expect(kijiji.locator("form")).not.toHaveCount(0);
    await expectAccessible(kijiji, locale);
  });
}
