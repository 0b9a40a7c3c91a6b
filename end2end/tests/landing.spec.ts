import { test, expect, visit, hydrated, expectAccessible } from "./fixtures";

test.describe("landing page", () => {
  test("explains the mechanism in English with both calls to action and live figures", async ({ page, consoleProblems }) => {
    await visit(page, "/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Find the right expertise for your open government commitments",
    );
    await expect(page).toHaveTitle(/Expertise for open government commitments · OGP Networking Mechanism/);
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: /Ask for expertise/ }).first()).toHaveAttribute("href", "/survey/demand");
    await expect(main.getByRole("link", { name: /Offer expertise/ }).first()).toHaveAttribute("href", "/survey/supply");
    // figures come from the demo database (16 organisations in 16 countries)
    const figures = page.locator(".figure-row");
    await expect(figures.getByText("organisations")).toBeVisible();
    await expect(figures.locator("dd").first()).toHaveText(/^(1[6-9]|[2-9][0-9])$/); // the demo's 16, plus any a survey test created
    await expect(page.getByRole("heading", { name: "How it works" })).toBeVisible();
    await expect(page.getByText("Open contracting and public procurement")).toBeVisible();
    expect(consoleProblems).toEqual([]);
  });

  for (const [locale, lang, heading] of [
    ["fr-FR", "fr", "Trouvez la bonne expertise pour vos engagements de gouvernement ouvert"],
    ["es-ES", "es", "Encuentre el conocimiento experto adecuado para sus compromisos de gobierno abierto"],
  ] as const) {
    test(`speaks ${lang} when the browser asks for it`, async ({ browser }, testInfo) => {
      const context = await browser.newContext({ ...testInfo.project.use, locale });
      const page = await context.newPage();
      await visit(page, "/", locale);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await context.close();
    });
  }

  test("the language switch is remembered across pages", async ({ page, consoleProblems }) => {
    await visit(page, "/survey/supply");
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page).toHaveURL(/\/survey\/supply$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ofrecer apoyo experto");
    await expect(page.getByRole("button", { name: "Español" })).toHaveAttribute("aria-current", "true");
    await expectAccessible(page);
    await visit(page, "/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await page.getByRole("button", { name: "Français" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("link", { name: "Demander une expertise" }).first()).toBeVisible();
    expect(consoleProblems).toEqual([]);
  });

  test("the two calls to action lead to the survey pages", async ({ page, consoleProblems }) => {
    await visit(page, "/");
    await page.getByRole("main").getByRole("link", { name: /Ask for expertise/ }).first().click();
    await expect(page).toHaveURL(/\/survey\/demand$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ask for expertise");
    await expectAccessible(page);
    await visit(page, "/survey/supply");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offer expertise");
    expect(consoleProblems).toEqual([]);
  });

  test("an unknown address shows a helpful 404 page", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expectAccessible(page);
  });

  test("scripts run only with the per-request CSP nonce", async ({ page }) => {
    const response = await page.goto("/");
    const csp = response?.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    const scriptNonces = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    for (const n of scriptNonces) expect(n).toBe(nonce);
  });
});

test.describe("with JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled === false, "needs the WASM");

  test("hydration turns the examples into keyboard-operable tabs", async ({ page, consoleProblems }) => {
    await visit(page, "/");
    await hydrated(page);
    const first = page.getByRole("tab", { name: "Extractives transparency" });
    const second = page.getByRole("tab", { name: "Open data strategy" });
    await expect(first).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("heading", { name: /Country X/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Country Y/ })).toBeHidden();
    await second.click();
    await expect(second).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("heading", { name: /Country Y/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Country X/ })).toBeHidden();
    await second.press("ArrowLeft");
    await expect(first).toBeFocused();
    await expect(page.getByRole("heading", { name: /Country X/ })).toBeVisible();
    await expectAccessible(page);
    expect(consoleProblems).toEqual([]);
  });

  test("the skip link is the first stop for keyboard users", async ({ page, isMobile }) => {
    test.skip(isMobile, "no keyboard on the phone project");
    await visit(page, "/");
    await hydrated(page);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });
});

test.describe("without JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled !== false, "JavaScript-disabled project only");

  test("both examples and the figures are readable and the language switch works", async ({ page }) => {
    await visit(page, "/");
    await expect(page.getByRole("tablist")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: /Country X/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Country Y/ })).toBeVisible();
    await expect(page.locator(".figure-row dd").first()).toHaveText(/^(1[6-9]|[2-9][0-9])$/); // the demo's 16, plus any a survey test created
    await page.getByRole("button", { name: "Français" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expectAccessible(page);
  });
});
