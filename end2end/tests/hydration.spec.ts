import { test, expect, visit, hydrated, signIn, expectIslands } from "./fixtures";
import type { Page, Response } from "@playwright/test";

/**
 * What `make run` serves comes to life: the landing page, a survey step and a signed-in staff
 * page (the Case Manager's desk, the largest page) load their WASM under the strict CSP and their
 * islands come to life without a console error; the rest of each page is the server's HTML. `make test` runs the whole end-to-end suite on the release
 * build (wasm-opt included, as `make run` builds it), so a release that does not compile or does
 * not hydrate fails here.
 */

function expectStrictCsp(response: Response | null) {
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
  expect(csp).not.toContain("unsafe-inline");
}

test.describe("release hydration", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled === false, "hydration needs JavaScript");

  test("the landing page hydrates under the strict CSP", async ({ page, consoleProblems }) => {
    const response = await visit(page, "/");
    expectStrictCsp(response);
    await hydrated(page);
    await expectIslands(page, /Offer expertise/, /\/survey\/supply$/);
    expect(consoleProblems).toEqual([]);
  });

  test("a survey step hydrates and saves as the respondent types", async ({ page, consoleProblems }) => {
    await visit(page, "/survey/supply");
    await page.locator('form[action="/api/survey_start"] button[type="submit"]').click();
    await expect(page).toHaveURL(/\/survey\/supply\/step\/1$/);
    const response = await page.reload();
    expectStrictCsp(response);
    await expect(page.locator("#survey-form")).toHaveAttribute("data-autosave", "on");
    await page.locator("#q-org_name").fill("Hydration Check Foundation");
    await expect(page.locator(".save-status")).toHaveAttribute("data-status", "saved");
    await expectIslands(page, /Ask for expertise/, /\/survey\/demand$/);
    expect(consoleProblems).toEqual([]);
  });

  test("a signed-in Case Manager's case page hydrates", async ({ page, consoleProblems }) => {
    await visit(page, "/sign-in");
    await signIn(page, "case.manager@demo.ogpnm.example");
    await visit(page, "/cases");
    await page.locator("table.cases tbody th a").first().click();
    await expect(page).toHaveURL(/\/cases\/[^/]+$/);
    await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
    // loaded as a document of its own (server-rendered, then hydrated)
    const response = await page.reload();
    expectStrictCsp(response);
    await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
    // the live channel shows where it stands, and comes back by itself when its stream ends
    // (after OGPNM_LIVE_STREAM_SECS, 8 seconds in this suite)
    await expect(page.getByText("Live: changes appear as they happen")).toBeVisible();
    await expect(page.getByText(/Connection lost: reconnecting/)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText("Live: changes appear as they happen")).toBeVisible({ timeout: 15_000 });
    await expectIslands(page, /^Cases$/, /\/cases$/);
    await expect(page.locator("table.cases")).toBeVisible();
    expect(consoleProblems).toEqual([]);
  });
});
