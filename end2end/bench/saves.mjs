// `make bench` helper: latency of saving a survey step (the autosave server function, the same
// code path as a form post's save) over real HTTP against a running server.
//  - open loop at a fixed rate (default 500 saves/s for 10 s): each save is sent at its scheduled
//    time whatever the server's pace, and its latency is counted from that time, so queueing
//    shows up in the percentiles instead of silently lowering the rate;
//  - closed loop (32 concurrent respondents saving back to back for 10 s): sustained saves/s.
// Saves rotate over 200 drafts, each with its own respondent cookie and increasing sequence
// numbers, and carry realistic answers (the demand survey's first step).
// Prints one JSON object. Usage: node bench/saves.mjs http://127.0.0.1:3200 [rate] [seconds]
const base = process.argv[2] ?? "http://127.0.0.1:3200";
const rate = Number(process.argv[3] ?? 500);
const seconds = Number(process.argv[4] ?? 10);

async function newDraft() {
  const res = await fetch(`${base}/api/survey_start`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: "kind=demand",
  });
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).find((c) => c.startsWith("ogpnm_survey_demand="));
  if (!cookie) throw new Error(`no draft cookie (${res.status})`);
  const state = await (await fetch(`${base}/api/survey_state?kind=demand`, { headers: { cookie } })).json();
  return { cookie, id: state.draft.id, seq: state.draft.seq };
}

const drafts = [];
for (let i = 0; i < 200; i++) drafts.push(await newDraft());

const fields = [["country", "KE"], ["agency", "National Treasury, Budget Transparency Office"], ["respondent_name", "Wanjiru Kamau"], ["respondent_email", "w.kamau@example.org"], ["respondent_role", "Head of the budget transparency unit"]];
let n = 0;
async function save(draft) {
  draft.seq += 1;
  const key = `bench-${draft.id.slice(-8)}-${draft.seq}-${n++}`;
  const res = await fetch(`${base}/api/survey_autosave`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: draft.cookie },
    body: JSON.stringify({ kind: "demand", draft: draft.id, step: 1, seq: draft.seq, key, fields }),
  });
  const body = await res.text();
  if (res.status !== 200 || !body.includes("Saved")) throw new Error(`save failed: ${res.status} ${body}`);
}

const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// open loop
const total = rate * seconds;
const latencies = [];
let errors = 0;
const start = performance.now();
await new Promise((resolve) => {
  let sent = 0, done = 0;
  const tick = () => {
    const now = performance.now();
    while (sent < total && start + (sent * 1000) / rate <= now) {
      const scheduled = start + (sent * 1000) / rate;
      const draft = drafts[sent % drafts.length];
      sent++;
      save(draft).then(() => latencies.push(performance.now() - scheduled), () => errors++).finally(() => { if (++done === total) resolve(); });
    }
    if (sent < total) setTimeout(tick, 1);
  };
  tick();
});
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);

// closed loop
const closedSeconds = Math.min(seconds, 10);
let completed = 0;
const stopAt = performance.now() + closedSeconds * 1000;
await Promise.all(Array.from({ length: 32 }, async (_, w) => {
  // each respondent saves its own drafts, one save at a time
  const mine = drafts.filter((_, i) => i % 32 === w);
  for (let i = 0; performance.now() < stopAt; i++) {
    await save(mine[i % mine.length]).then(() => completed++, () => errors++);
  }
}));

console.log(JSON.stringify({
  rate, seconds, sent: total, achieved: +(total / elapsed).toFixed(1), errors,
  p50: +pct(latencies, 50).toFixed(2), p90: +pct(latencies, 90).toFixed(2), p99: +pct(latencies, 99).toFixed(2), max: +latencies[latencies.length - 1].toFixed(2),
  sustained: +(completed / closedSeconds).toFixed(1),
}));
