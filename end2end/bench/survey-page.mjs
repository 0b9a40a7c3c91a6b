// `make bench` helper: a respondent's first visit to a survey step on a phone, in Chromium.
//  1. bytes on the wire (brotli), by kind, with an empty cache, and which requests they were;
//  2. a Lighthouse-style mobile run: slow 4G (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up) and a
//     4x CPU slowdown, reading LCP, CLS and TBT (long tasks after first contentful paint) from the
//     browser's own performance entries.
// Prints one JSON object. Usage: node bench/survey-page.mjs http://127.0.0.1:3200 [kind]
import { launch, PHONE, startSurvey, weigh } from "./weights.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3200";
const kind = process.argv[3] ?? "supply";
const phone = { ...PHONE, baseURL: base };
const browser = await launch();

async function freshStep() {
  const context = await browser.newContext(phone);
  // start a draft (as the "Start" button would) so the step page has something to show
  await startSurvey(context, base, kind);
  return context;
}

// 1. weight (the same measure as the page budget of `make test`)
const context = await freshStep();
const { total, by, files } = await weigh(context, `/survey/${kind}/step/1`, '#survey-form[data-autosave="on"]');
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
