import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { test, expect, expectAccessible, visit, signIn, mailTo, linkIn } from "./fixtures";

/**
 * The public face, for a visitor who never signs in: the directory of providers (search, a
 * public profile without contact details unless agreed), the numbers, the stories, the open
 * data (the ZIP downloaded and each of its files checked against its README), the contact form
 * answered by a Case Manager, and the news with its double opt-in. On a desktop, a phone and
 * without JavaScript (the projects), every page checked by axe; the directory and the numbers
 * in French and Spanish too.
 */

/** The files of a ZIP (stored or deflated entries), read from its central directory. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  let at = zip.readUInt32LE(end + 16);
  const count = zip.readUInt16LE(end + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    files.set(name.split("/").pop() ?? name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

/** The columns the README gives each file: `## Title (`stem.csv`, …)` then `| `name` | … |` rows. */
function readmeColumns(readme: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of readme.split("\n")) {
    const head = line.match(/^## .*\(`([a-z_]+)\.csv`/);
    if (head) {
      current = [];
      out.set(head[1], current);
    } else if (line.startsWith("## ")) {
      current = null;
    } else if (current && line.startsWith("| `")) {
      current.push(line.split("`")[1]);
    }
  }
  return out;
}

test("a visitor finds a provider in the directory, then reads the numbers and the stories", async ({ page }) => {
  test.setTimeout(90_000);
  await visit(page, "/directory");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Directory of providers");
  await page.getByLabel("Search names and descriptions").fill("Transparencia Andina");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=Transparencia/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Transparencia Andina" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Transparencia Andina");
  await expect(page.getByText("does not publish its contact details")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for help" })).toHaveAttribute("href", "/survey/demand");
  await expectAccessible(page);

  // a provider that agreed shows its contact details
  await visit(page, "/directory?q=Civic+Data+Commons");
  await page.getByRole("link", { name: "Civic Data Commons" }).click();
  await expect(page.getByRole("link", { name: "contact@demo.ogpnm.example" })).toBeVisible();

  await page.getByRole("contentinfo").getByRole("link", { name: "The mechanism in numbers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The mechanism in numbers");
  await expect(page.locator("#numbers-funnel svg[role='img']")).toBeVisible();
  await expect(page.locator(".stat").first()).toContainText(/\d/);
  await expectAccessible(page);
  await page.getByRole("contentinfo").getByRole("link", { name: "Success stories" }).click();
  await expect(page).toHaveURL(/\/stories$/);
  await expectAccessible(page);
});

for (const [locale, directory, numbers] of [
  ["fr-FR", "Annuaire des prestataires", "Le mécanisme en chiffres"],
  ["es-ES", "Directorio de proveedores", "El mecanismo en cifras"],
] as const) {
  test(`the directory and the numbers in ${locale}`, async ({ browser }) => {
    test.setTimeout(60_000);
    const context = await browser.newContext({ ...test.info().project.use, locale });
    const page = await context.newPage();
    await page.goto("/directory");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(directory);
    await expectAccessible(page, locale);
    await page.goto("/numbers");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(numbers);
    await expectAccessible(page, locale);
    await page.goto("/open-data");
    await expectAccessible(page, locale);
    await context.close();
  });
}

test("the open-data ZIP downloads and its files match its README", async ({ page }) => {
  test.setTimeout(60_000);
  await visit(page, "/open-data");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Open data");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download everything (ZIP)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^ogpnm-open-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const path = await download.path();
  const zip = unzip(readFileSync(path));
  const readme = zip.get("README.md")?.toString("utf8") ?? "";
  expect(zip.get("LICENCE.txt")?.toString("utf8")).toContain("CC BY 4.0");
  const columns = readmeColumns(readme);
  expect([...columns.keys()].sort()).toEqual(["cases", "directory", "outcomes"]);
  for (const [stem, names] of columns) {
    const csv = zip.get(`${stem}.csv`)?.toString("utf8") ?? "";
    expect(csv.split("\n")[0].split(","), `${stem}.csv header`).toEqual(names);
    const json = JSON.parse(zip.get(`${stem}.json`)?.toString("utf8") ?? "[]") as Record<string, unknown>[];
    expect(json.length).toBeGreaterThan(0);
    expect(Object.keys(json[0]).sort(), `${stem}.json keys`).toEqual([...names].sort());
    // the page lists the same columns
    const section = page.locator("section", { has: page.locator(`#od-${stem}`) });
    for (const name of names) await expect(section.locator("code", { hasText: new RegExp(`^${name}$`) })).toHaveCount(1);
  }
  // small counts are blank: every count published is at least five
  for (const row of JSON.parse(zip.get("cases.json")?.toString("utf8") ?? "[]") as Record<string, number | null>[]) {
    for (const key of ["requests", "introduced", "agreed", "closed"]) {
      if (row[key] !== null) expect(row[key]).toBeGreaterThanOrEqual(5);
    }
  }
});

test("a visitor writes through the contact form and a Case Manager answers", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `visitor.${test.info().project.name}.${Date.now()}@example.org`;
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Contact the team" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contact the team");
  await expectAccessible(page);
  await page.getByLabel("Your name").fill("Ana Gómez");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("What is it about?").selectOption("asking_help");
  await page.getByLabel("Your message").fill("Can a municipality ask for help with open contracting?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status")).toContainText("your message is with the team");
  await expectAccessible(page);

  const cm = await browser.newContext({ ...test.info().project.use });
  const staff = await cm.newPage();
  await staff.goto("/sign-in");
  await signIn(staff, "case.manager@demo.ogpnm.example");
  await staff.goto("/roster/providers");
  await staff.getByRole("navigation", { name: "Rosters and outreach" }).getByRole("link", { name: "Enquiries" }).click();
  await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Enquiries");
  await expectAccessible(staff);
  await staff.getByRole("link", { name: "Ana Gómez" }).first().click();
  await expect(staff.getByText("Can a municipality ask for help")).toBeVisible();
  await expectAccessible(staff);
  await staff.getByLabel("Your answer").fill("Yes. Tell us about the contracts you want to publish in the request survey.");
  await staff.getByRole("button", { name: "Send the answer" }).click();
  await expect(staff.getByText("Tell us about the contracts")).toBeVisible();
  await cm.close();

  const mail = await mailTo(email, "Tell us about");
  await page.goto(linkIn(mail, "http"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your conversation with the team");
  await expect(page.getByText("Tell us about the contracts")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Write back").fill("Thank you, we will fill it in this week.");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByText("we will fill it in this week")).toBeVisible();
});

test("news by e-mail needs the address confirmed", async ({ page }) => {
  test.setTimeout(60_000);
  const email = `reader.${test.info().project.name}.${Date.now()}@example.org`;
  await visit(page, "/news");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("status")).toContainText("Check your inbox");
  const mail = await mailTo(email, "Confirm");
  await page.goto(linkIn(mail, "http"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm your subscription");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status")).toContainText("Your subscription is confirmed");
});

test("sitemap and robots point crawlers at the public pages only", async ({ request }) => {
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain("Disallow: /oversight");
  expect(robots).toMatch(/Sitemap: http.*\/sitemap\.xml/);
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain("/directory</loc>");
  expect(sitemap).toMatch(/\/directory\/[^<]+<\/loc>/);
  expect(sitemap).not.toContain("/board");
});
