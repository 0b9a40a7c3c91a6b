// The page-weight budget of `make test`: every page's first visit on a phone (measured as
// `make bench` measures it, bench/weights.mjs) must stay within the budget of its class (BUDGET
// in weights.mjs); each line also says whether the page meets issue 19's goal (GOAL).
// Prints one line per page; exits 1 naming the pages over budget.
// Usage: node bench/budget.mjs http://127.0.0.1:3300 [--json]
import { launch, weighAll } from "./weights.mjs";

const base = process.argv[2] ?? "http://127.0.0.1:3300";
const browser = await launch();
let pages;
try {
  pages = await weighAll(browser, base);
} finally {
  await browser.close();
}
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(pages));
  process.exit(0);
}
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const over = [];
for (const p of pages) {
  const ok = p.total <= p.budget && p.status < 400;
  if (!ok) over.push(p);
  const goal = p.total <= p.goal ? "goal met" : `goal ${kb(p.goal)}`;
  console.log(`${ok ? "ok  " : "OVER"} ${p.path.padEnd(36)} ${kb(p.total).padStart(9)} of ${kb(p.budget)} (${goal}; HTML ${kb(p.by.html ?? 0)}, WASM ${kb(p.by.wasm ?? 0)}, status ${p.status})`);
}
if (over.length > 0) {
  console.error(`page budget: ${over.length} page(s) over budget or failing: ${over.map((p) => p.path).join(", ")}`);
  for (const p of over) console.error(`  ${p.path}: ${p.files.slice(0, 5).map((f) => `${f.file} ${kb(f.bytes)}`).join(", ")}`);
  process.exit(1);
}
console.log(`page budget: all ${pages.length} pages within budget`);
