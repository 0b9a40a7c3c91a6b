import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** Where axe findings are also written, so `make e2e` can print them last when a run fails. */
const AXE_LOG = join(__dirname, "..", "test-results", "axe-violations.txt");

/**
 * Runs axe-core (WCAG 2.x A and AA rules) on the page as it is now and fails on any violation.
 * axe needs JavaScript: for the JavaScript-disabled project the same URL is opened in a
 * JavaScript-enabled context with the same cookies and locale whose app scripts are blocked, so
 * the page axe sees is the one a visitor without JavaScript gets.
 */
export async function expectAccessible(page: Page, locale?: string) {
  const use = test.info().project.use;
  if (use.javaScriptEnabled === false) {
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const context = await browser.newContext({ ...use, javaScriptEnabled: true, locale: locale ?? use.locale });
    try {
      await context.addCookies(await page.context().cookies());
      await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
      const mirror = await context.newPage();
      await mirror.goto(page.url());
      await runAxe(mirror);
    } finally {
      await context.close();
    }
    return;
  }
  await runAxe(page);
}

async function runAxe(page: Page) {
  // after a client-side navigation into a lazily loaded route the title is set once its code
  // has arrived (a few milliseconds): wait for it rather than audit the page mid-transition
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => `${n.target.join(" ")}: ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 240)}`)
        .join("\n    ")}`,
  );
  if (summary.length > 0) {
    mkdirSync(join(AXE_LOG, ".."), { recursive: true });
    appendFileSync(AXE_LOG, `${test.info().titlePath.join(" › ")}\n  ${page.url()}\n  ${summary.join("\n  ")}\n`);
  }
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Navigates and checks the page with axe: every page a test visits goes through this. */
export async function visit(page: Page, path: string, locale?: string) {
  const response = await page.goto(path);
  await expectAccessible(page, locale);
  return response;
}

/** Resolves once the WASM has hydrated the page (the examples become tabs only then). */
export async function hydrated(page: Page) {
  await expect(page.getByRole("tablist")).toBeVisible();
}

/**
 * Proves the page is server-rendered with islands: its WASM loads and brings the page's islands
 * to life (the body says so), and following an internal link in the header loads the next page
 * as a document of its own, rendered by the server, whose islands come to life in turn.
 */
export async function expectIslands(page: Page, linkName: RegExp | string, to: RegExp, islands = true) {
  await page.locator("body[data-hydrated]").waitFor({ state: "attached" });
  // a page with nothing interactive (a request as staff read it) has no island at all
  if (islands) expect(await page.locator("leptos-island").count()).toBeGreaterThan(0);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.getByRole("banner").getByRole("link", { name: linkName }).first().click();
  await expect(page).toHaveURL(to);
  await page.locator("body[data-hydrated]").waitFor({ state: "attached" });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBeUndefined();
}

type Fixtures = { consoleProblems: string[] };

/**
 * `page` that records console errors, uncaught exceptions and hydration warnings, and fails
 * the test if any occurred.
 */
export const test = base.extend<Fixtures>({
  consoleProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on("console", (msg) => {
      const text = msg.text();
      if (msg.type() === "error" || (msg.type() === "warning" && /hydrat/i.test(text))) {
        problems.push(`${msg.type()}: ${text}`);
      }
    });
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    await use(problems);
    expect(problems, "browser console must stay clean").toEqual([]);
  },
});

export { expect };

/** Waits (10 s unless told) for a mail to `to` that contains `needle` in the test SMTP sink, and returns it. */
export async function mailTo(to: string, needle: string, waitMs = 10_000): Promise<string> {
  const port = Number(process.env.E2E_SINK_HTTP_PORT ?? 3126);
  for (let i = 0; i < waitMs / 100; i++) {
    const response = await fetch(`http://127.0.0.1:${port}/messages`);
    const messages = (await response.json()) as string[];
    const found = messages.find((m) => m.includes(to) && m.includes(needle));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} containing ${needle}`);
}

/** The first link starting with `prefix` in a (quoted-printable) mail. */
export function linkIn(mail: string, prefix: string): string {
  const flat = mail.replace(/=\n/g, "").replace(/=3D/g, "=");
  const start = flat.indexOf(prefix);
  if (start < 0) throw new Error(`no link ${prefix} in mail:\n${flat}`);
  return flat.slice(start).split(/\s/)[0];
}

/** The RFC 6238 code (SHA-1, 30 s, 6 digits) for a base32 secret, as an authenticator app shows it. */
export function totp(secret: string, now = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const digest = require("node:crypto").createHmac("sha1", key).update(counter).digest() as Buffer;
  const offset = digest[19] & 0x0f;
  const bin = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 1_000_000).padStart(6, "0");
}

/** The two-factor key of the demo staff accounts (see `DEMO_TOTP_SECRET` in the seed). */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** The last time step whose code signed each account in, per server (`host email`). */
const usedSteps = new Map<string, number>();

/**
 * A demo code the app has not accepted for this account yet. Each code signs in once (a replay
 * within its 30 seconds is refused) and one step of clock drift is allowed either way, so up to
 * three sign-ins fit in one step; past that, this waits for the next step.
 */
async function freshCode(page: Page, email: string): Promise<string> {
  const key = `${new URL(page.url()).host} ${email}`;
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = [now - 1, now, now + 1].find((s) => s > (usedSteps.get(key) ?? -Infinity));
    if (step !== undefined) {
      usedSteps.set(key, step);
      return totp(DEMO_TOTP_SECRET, step * 30_000);
    }
    if (process.env.E2E_TRACE_WAITS) console.log(`[wait] fresh two-factor step for ${email}`);
    await page.waitForTimeout(1_000);
  }
}

/**
 * Signs in through the form on the current sign-in page (any language), giving the demo
 * two-factor code when the account asks for one (another one if the app already took it, as
 * when another test run signed the account in moments ago).
 */
export async function signIn(page: Page, email: string, password = "open government demo") {
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("#password").press("Enter");
  await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
  for (let attempt = 0; new URL(page.url()).pathname === "/sign-in/code"; attempt++) {
    if (attempt === 4) throw new Error(`no two-factor code was accepted for ${email}`);
    if (attempt === 0) await expectAccessible(page);
    await page.locator("#code").fill(await freshCode(page, email));
    // a refused code comes back to the same address: wait for the new document, not a new URL
    await Promise.all([page.waitForNavigation(), page.locator("#code").press("Enter")]);
  }
}

/** Creates a staff account with `ogpnm create-user` in the database the test server uses. */
export function createStaff(email: string, name: string, role: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFileSync } = require("node:child_process");
  execFileSync(process.env.E2E_BIN, ["create-user", "--email", email, "--name", name, "--role", role], {
    input: "open government demo",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL, RUST_LOG: "off" },
  });
}
