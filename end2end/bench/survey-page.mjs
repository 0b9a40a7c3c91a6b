// `make bench` helper: a respondent's first visit to a survey step on a phone, in Chromium.
//  1. bytes on the wire (brotli), by kind, with an empty cache, and which requests they were;
//  2. a Lighthouse-style mobile run: slow 4G (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) and a
//     4x CPU slowdown, reading LCP, CLS and TBT (long tasks after first contentful paint) from the
//     browser's own performance entries.
// Prints one JSON object. Usage: node bench/survey-page.mjs http://127.0.0.1:3200 [kind]
import { chromium, devices } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3200";
const kind = process.argv[3] ?? "supply";
const phone = { ...devices["Pixel 7"], locale: "en-GB" };
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});

async function freshStep() {
  const context = await browser.newContext(phone);
  // start a draft (as the "Start" button would) so the step page has something to show
  const res = await context.request.post(`${base}/api/survey_start`, {
    form: { kind }, headers: { accept: "text/html", referer: `${base}/survey/${kind}` }, maxRedirects: 0,
  });
  if (res.status() !== 302) throw new Error(`survey_start: ${res.status()}`);
  return context;
}

// 1. weight
const context = await freshStep();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Network.enable");
await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
const requests = new Map();
cdp.on("Network.responseReceived", (e) => requests.set(e.requestId, { url: e.response.url, type: e.type }));
const sizes = [];
cdp.on("Network.loadingFinished", (e) => {
  const r = requests.get(e.requestId);
  if (r) sizes.push({ ...r, bytes: e.encodedDataLength });
});
await page.goto(`${base}/survey/${kind}/step/1`, { waitUntil: "networkidle" });
await page.locator('#survey-form[data-autosave="on"]').waitFor({ timeout: 30000 });
await page.waitForTimeout(500);
const kindOf = (s) =>
  s.url.endsWith(".wasm") ? "wasm" : s.url.endsWith(".js") ? "js" : s.url.endsWith(".css") ? "css" : s.type === "Document" ? "html" : "other";
const by = {};
for (const s of sizes) by[kindOf(s)] = (by[kindOf(s)] ?? 0) + s.bytes;
const total = sizes.reduce((a, s) => a + s.bytes, 0);
const files = sizes
  .filter((s) => !s.url.includes("/api/"))
  .map((s) => ({ file: new URL(s.url).pathname.replace(/\.[A-Za-z0-9_-]{22}\./, "."), bytes: s.bytes }))
  .sort((a, b) => b.bytes - a.bytes);
await context.close();

// 2. slow 4G + 4x CPU
const runs = [];
for (let i = 0; i < 3; i++) {
  const ctx = await freshStep();
  const p = await ctx.newPage();
  const s = await ctx.newCDPSession(p);
  await s.send("Network.enable");
  await s.send("Network.setCacheDisabled", { cacheDisabled: true });
  await s.send("Network.emulateNetworkConditions", {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await s.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await p.addInitScript(() => {
    window.__perf = { lcp: 0, cls: 0, longTasks: [] };
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__perf.lcp = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__perf.cls += e.value; }).observe({ type: "layout-shift", buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__perf.longTasks.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
  });
  const t0 = Date.now();
  await p.goto(`${base}/survey/${kind}/step/1`, { waitUntil: "load", timeout: 60000 });
  await p.locator('#survey-form[data-autosave="on"]').waitFor({ timeout: 60000 });
  const interactive = Date.now() - t0;
  await p.waitForTimeout(1000);
  const perf = await p.evaluate(() => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0;
    const tbt = window.__perf.longTasks.filter(([start]) => start >= fcp).reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
    return { fcp, lcp: window.__perf.lcp, cls: window.__perf.cls, tbt };
  });
  runs.push({ ...perf, autosaveReadyMs: interactive });
  await ctx.close();
}
await browser.close();
const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[1];
console.log(JSON.stringify({
  kind, total, by, files,
  throttled: { fcp: median("fcp"), lcp: median("lcp"), cls: median("cls"), tbt: median("tbt"), autosaveReadyMs: median("autosaveReadyMs"), runs },
}));
