import { test, expect, visit, signIn } from "./fixtures";

/**
 * Two app instances on one PostgreSQL database and one S3-compatible bucket (the "postgres"
 * project): a message posted through one instance appears live in a browser connected to the
 * other, and its file downloads there.
 */
test("a message posted through one instance appears live on a page served by the other", async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== "postgres", "needs the two PostgreSQL instances");
  test.setTimeout(90_000);
  const pg2URL = process.env.E2E_PG2_URL ?? "";
  // the government, on the first instance, has its thread with the providers open
  await visit(page, "/sign-in");
  await signIn(page, "judicial.data@demo.ogpnm.example");
  await visit(page, "/inbox");
  await page.locator(".inbox-list a", { hasText: "Introduction for Ministry of Justice, Judicial Data Office" }).click();
  await expect(page).toHaveURL(/\/threads\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Introduction for Ministry of Justice, Judicial Data Office");
  await expect(page.getByText("Live: changes appear as they happen")).toBeVisible();
  const path = new URL(page.url()).pathname;

  // a provider, on the second instance, writes in it
  const other = await (await browser.newContext({ ...testInfo.project.use, baseURL: pg2URL })).newPage();
  await other.goto(`${pg2URL}/sign-in`);
  await signIn(other, "open.courts@demo.ogpnm.example");
  await other.goto(`${pg2URL}${path}`);
  const text = `Posted through the second instance at ${Date.now()}.`;
  await other.locator("#message-body").fill(text);
  await other.getByRole("button", { name: "Send" }).click();
  await expect(other.locator(".messages")).toContainText(text);

  // it reaches the government's page on the first instance without a reload
  await expect(page.locator(".messages")).toContainText(text);

  // a file sent through the second instance downloads from the first
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQz98CAAHzAUMBh4NgAAAAAElFTkSuQmCC",
    "base64",
  );
  const name = `map-${Date.now()}.png`;
  await other.locator("#message-files").setInputFiles({ name, mimeType: "image/png", buffer: png });
  await other.getByRole("button", { name: "Send" }).click();
  await expect(other.getByRole("link", { name })).toBeVisible();
  const link = page.getByRole("link", { name });
  await expect(link).toBeVisible();
  const download = await page.request.get((await link.getAttribute("href")) ?? "");
  expect(download.status()).toBe(200);
  expect(Buffer.compare(await download.body(), png)).toBe(0);
});
