// `make soak` helper: a long mixed load at a FIXED rate against a running server, to show that
// nothing fails, memory stays flat and the p99 stays put over half an hour.
//  - open loop, like saves.mjs: each request is sent at its scheduled time whatever the server's
//    pace, and its latency is counted from that time (until its whole body is read), so queueing
//    shows up in the percentiles instead of silently lowering the rate;
//  - the mix, per second (RATES below): survey autosaves rotating over DRAFTS drafts, anonymous
//    page views, signed-in page views (inbox, threads, cases, account) and message posts by two
//    signed-in participants, each into a thread of their own inbox (the plain form's multipart
//    post);
//  - live subscribers: SUBSCRIBERS streams of `/events?topic=threads`, signed in, held for the
//    whole run and reopened as soon as the server ends one (it does after
//    OGPNM_LIVE_STREAM_SECS); the events they hear and the reopenings are counted;
//  - every request with an unexpected status (or no answer within REQUEST_TIMEOUT_MS) is an
//    error; the first few are printed on stderr;
//  - every SAMPLE_SECS the server's resident memory (VmRSS in /proc/PID/status) and open file
//    descriptors are read; the run is cut into windows (5 minutes by default) with their
//    requests, errors, p50/p99/max and the memory at their end.
// Prints one JSON object on stdout.
// Usage: node bench/soak.mjs BASE_URL SERVER_PID [minutes] [window seconds]
import { readFileSync, readdirSync } from "node:fs";

// requests per second of each kind: modest, the machine's 2 cores are shared with the server
const RATES = { autosave: 15, anon_page: 13, signed_page: 10, post: 2 };
// long-lived live streams, signed in (half as each participant)
const SUBSCRIBERS = 50;
// survey drafts the autosaves rotate over (each with its own respondent cookie)
const DRAFTS = 50;
// the signed-in participants (non-staff demo accounts: no two-factor step); the two share an
// introduction thread, so each hears the other's posts
const PARTICIPANTS = ["auditor.general@demo.ogpnm.example", "comptroller@demo.ogpnm.example"];
const PASSWORD = "open government demo";
// anonymous pages (a directory profile and a story are added when the lists link to one)
const ANON_PAGES = ["/", "/sign-in", "/stories", "/survey/demand", "/directory", "/numbers", "/news", "/contact", "/open-data"];
const SAMPLE_SECS = 30;
const REQUEST_TIMEOUT_MS = 30_000;
// errors printed on stderr (all are counted)
const ERRORS_SHOWN = 10;
// the live streams are opened this far apart, so their reopenings are spread out too
const SUBSCRIBER_STAGGER_MS = 200;

const base = process.argv[2] ?? "http://127.0.0.1:3300";
const serverPid = process.argv[3];
const minutes = Number(process.argv[4] ?? 30);
const windowSecs = Number(process.argv[5] ?? 300);
if (!serverPid) {
  console.error("usage: node bench/soak.mjs BASE_URL SERVER_PID [minutes] [window seconds]");
  process.exit(2);
}
const durationMs = minutes * 60_000;
const windowCount = Math.max(1, Math.ceil(durationMs / (windowSecs * 1000)));
const sampleSecs = Math.min(SAMPLE_SECS, windowSecs);

// ---------------------------------------------------------------------------------------------
// what is recorded: per window, per kind, the latencies (ms) of the requests that answered as
// expected, and the errors

const kinds = Object.keys(RATES);
const windows = Array.from({ length: windowCount }, (_, i) => ({
  index: i,
  latencies: Object.fromEntries(kinds.map((k) => [k, []])),
  errors: Object.fromEntries([...kinds, "live"].map((k) => [k, 0])),
}));
const errorSamples = [];
let start = 0; // performance.now() at the start of the load
const windowAt = (t) => windows[Math.min(windowCount - 1, Math.max(0, Math.floor((t - start) / (windowSecs * 1000))))];

function fail(kind, at, what) {
  windowAt(at).errors[kind]++;
  if (errorSamples.length < ERRORS_SHOWN) {
    const line = { at_s: +((performance.now() - start) / 1000).toFixed(1), kind, ...what };
    errorSamples.push(line);
    console.error("soak: error", JSON.stringify(line));
  }
}

// ---------------------------------------------------------------------------------------------
// the server's memory

function sampleServer() {
  const status = readFileSync(`/proc/${serverPid}/status`, "utf8");
  const field = (name) => Number((status.match(new RegExp(`^${name}:\\s+(\\d+)`, "m")) ?? [])[1] ?? NaN);
  let fds = null;
  try {
    fds = readdirSync(`/proc/${serverPid}/fd`).length;
  } catch {
    // not ours to read: left out
  }
  return { rss_mb: +(field("VmRSS") / 1024).toFixed(1), threads: field("Threads"), fds };
}

// ---------------------------------------------------------------------------------------------
// set-up: drafts, sessions, the threads to post in and the pages to view

const cookiesOf = (res) => (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]);

async function newDraft() {
  const res = await fetch(`${base}/api/survey_start`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
    body: "kind=demand",
  });
  const cookie = cookiesOf(res).find((c) => c.startsWith("ogpnm_survey_demand="));
  if (!cookie) throw new Error(`no draft cookie (${res.status})`);
  const state = await (await fetch(`${base}/api/survey_state?kind=demand`, { headers: { cookie } })).json();
  return { cookie, id: state.draft.id, seq: state.draft.seq };
}

// signs a participant in through the plain form, as a browser without script would
async function signIn(email) {
  const res = await fetch(`${base}/api/sign_in`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", referer: `${base}/sign-in` },
    body: new URLSearchParams({ email, password: PASSWORD, next: "/account" }),
  });
  const cookie = cookiesOf(res).filter((c) => c.startsWith("ogpnm_")).join("; ");
  if (res.headers.get("location") !== "/account" || !cookie.includes("ogpnm_session=")) {
    throw new Error(`sign in as ${email}: ${res.status} → ${res.headers.get("location")}`);
  }
  // their threads, from the inbox's server function (JSON)
  const inbox = await (await fetch(`${base}/api/inbox?q=`, { headers: { cookie } })).json();
  const threads = (inbox.threads ?? []).map((t) => t.id);
  if (threads.length === 0) throw new Error(`${email} has no thread to post in`);
  return { email, cookie, threads };
}

const drafts = [];
for (let i = 0; i < DRAFTS; i++) drafts.push(await newDraft());
const sessions = [];
for (const email of PARTICIPANTS) sessions.push(await signIn(email));

// a directory profile and a story, if the public lists link to one (not the stories' feed)
for (const [list, pattern] of [["/directory", /href="(\/directory\/[^"#?/.]+)"/], ["/stories", /href="(\/stories\/[^"#?/.]+)"/]]) {
  const found = (await (await fetch(`${base}${list}`)).text()).match(pattern);
  if (found) ANON_PAGES.push(found[1]);
}
// each session's signed-in pages: the inbox, its threads, its cases, its account and the
// header's unread counts (which every signed-in page asks for)
for (const s of sessions) {
  s.pages = ["/inbox", ...s.threads.map((t) => `/threads/${t}`), "/cases", "/account", "/api/unread_counts"];
}

// ---------------------------------------------------------------------------------------------
// the requests; each resolves to an error description, or null when it answered as expected

const timeout = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);
const snippet = (body) => body.replace(/\s+/g, " ").slice(0, 160);

const answerFields = [["country", "KE"], ["agency", "National Treasury, Budget Transparency Office"], ["respondent_name", "Wanjiru Kamau"], ["respondent_email", "w.kamau@example.org"], ["respondent_role", "Head of the budget transparency unit"]];
let made = 0;

async function autosave(i) {
  const draft = drafts[i % drafts.length];
  draft.seq += 1;
  const key = `soak-${draft.id.slice(-8)}-${draft.seq}-${made++}`;
  const res = await fetch(`${base}/api/survey_autosave`, {
    method: "POST", signal: timeout(),
    headers: { "content-type": "application/json", cookie: draft.cookie },
    body: JSON.stringify({ kind: "demand", draft: draft.id, step: 1, seq: draft.seq, key, fields: answerFields }),
  });
  const body = await res.text();
  return res.status === 200 && body.includes("Saved") ? null : { url: "/api/survey_autosave", status: res.status, body: snippet(body) };
}

async function page(path, cookie) {
  const res = await fetch(`${base}${path}`, {
    signal: timeout(), redirect: "manual",
    headers: { accept: path.startsWith("/api/") ? "application/json" : "text/html", ...(cookie ? { cookie } : {}) },
  });
  const body = await res.text();
  return res.status === 200 ? null : { url: path, status: res.status, location: res.headers.get("location"), body: snippet(body) };
}

const anonPage = (i) => page(ANON_PAGES[i % ANON_PAGES.length]);

function signedPage(i) {
  const s = sessions[i % sessions.length];
  return page(s.pages[Math.floor(i / sessions.length) % s.pages.length], s.cookie);
}

const lines = [
  "Thank you for the notes. We can share the **volunteer checklist** before the call.",
  "Agreed: the second session covers public works monitoring.\n\n- schedule\n- sample reports\n- follow-up",
  "Could you send the programme in English? Our team reads it before Wednesday.",
  "Merci ! Nous préparons la liste des participants pour la formation.",
];
// a post through the thread's plain form (multipart); it answers with a redirect to the
// message (`/threads/ID#mSEQ`), a refusal with one back to the form (`#compose`)
async function post(i, threads) {
  const s = sessions[i % sessions.length];
  const to = threads ?? s.postTo;
  const thread = to[Math.floor(i / sessions.length) % to.length];
  const form = new FormData();
  form.set("id", thread);
  form.set("key", `soak-${Date.now().toString(36)}-${i}`);
  form.set("body", `${lines[i % lines.length]} (soak ${i})`);
  const res = await fetch(`${base}/api/post_message`, {
    method: "POST", redirect: "manual", signal: timeout(),
    headers: { accept: "text/html", cookie: s.cookie, referer: `${base}/threads/${thread}` },
    body: form,
  });
  const body = await res.text();
  const location = res.headers.get("location") ?? "";
  const posted = res.status >= 300 && res.status < 400 && location.includes(`/threads/${thread}#m`);
  return posted ? null : { url: "/api/post_message", status: res.status, location, body: snippet(body) };
}

const send = { autosave, anon_page: anonPage, signed_page: signedPage, post: (i) => post(i) };

// ---------------------------------------------------------------------------------------------
// before the load: every page of the mix answers, and each participant posts in the threads it
// may post in (one post each; a thread it may not post in, such as a closed case's, is left out
// of the posts but kept among the pages)

for (const path of ANON_PAGES) {
  const error = await page(path);
  if (error) throw new Error(`set-up: ${JSON.stringify(error)}`);
}
for (const s of sessions) {
  for (const path of s.pages) {
    const error = await page(path, s.cookie);
    if (error) throw new Error(`set-up as ${s.email}: ${JSON.stringify(error)}`);
  }
  const open = [];
  for (const [n, thread] of s.threads.entries()) {
    if (!(await post(n * sessions.length + sessions.indexOf(s), [thread]))) open.push(thread);
  }
  if (open.length === 0) throw new Error(`set-up: ${s.email} may post in none of its threads`);
  s.postTo = open;
}

// ---------------------------------------------------------------------------------------------
// the live subscribers

const live = { subscribers: SUBSCRIBERS, opens: 0, reconnects: 0, events: 0, resyncs: 0, errors: 0 };
const stopLive = new AbortController();
let stopping = false;

async function subscriber(n) {
  const s = sessions[n % sessions.length];
  await new Promise((r) => setTimeout(r, n * SUBSCRIBER_STAGGER_MS));
  const decoder = new TextDecoder();
  while (!stopping) {
    const opened = performance.now();
    try {
      const res = await fetch(`${base}/events?topic=threads`, {
        signal: stopLive.signal,
        headers: { accept: "text/event-stream", cookie: s.cookie },
      });
      if (res.status !== 200 || !(res.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
        live.errors++;
        fail("live", opened, { url: "/events?topic=threads", status: res.status, body: snippet(await res.text()) });
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      live.opens++;
      // server-sent events: blocks split by a blank line, `event: live` or `event: resync`
      // (the keep-alive is a comment)
      let buffer = "";
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (/^event: ?live$/m.test(block)) live.events++;
          else if (/^event: ?resync$/m.test(block)) live.resyncs++;
        }
      }
      // the server ended the stream (OGPNM_LIVE_STREAM_SECS): reopened at once, as the browser
      // does (after a second if it lasted less than that, so a server ending every stream at
      // once is not hammered)
      if (!stopping) live.reconnects++;
      if (performance.now() - opened < 1000) await new Promise((r) => setTimeout(r, 1000));
    } catch (e) {
      if (stopping) return;
      // a stream cut short (not ended by the server) is an error: reopened after a second
      live.errors++;
      fail("live", opened, { url: "/events?topic=threads", error: String(e.cause ?? e) });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// the run

const samples = [];
const before = sampleServer();
const subscribers = Array.from({ length: SUBSCRIBERS }, (_, n) => subscriber(n));
start = performance.now();
samples.push({ t_s: 0, ...before });
const sample = () => {
  try {
    samples.push({ t_s: Math.round((performance.now() - start) / 1000), ...sampleServer() });
  } catch (e) {
    // the server is gone: every request from then on fails and says so
    console.error(`soak: cannot read /proc/${serverPid}/status: ${e.message}`);
  }
};
const sampler = setInterval(sample, sampleSecs * 1000);

await new Promise((resolve) => {
  const sent = Object.fromEntries(kinds.map((k) => [k, 0]));
  const total = Object.fromEntries(kinds.map((k) => [k, Math.floor((RATES[k] * durationMs) / 1000)]));
  let inFlight = 0;
  let scheduling = true;
  const maybeDone = () => { if (!scheduling && inFlight === 0) resolve(); };
  const tick = () => {
    const now = performance.now();
    scheduling = false;
    for (const kind of kinds) {
      // every request of this kind whose time has come, each timed from its scheduled moment
      while (sent[kind] < total[kind] && start + (sent[kind] * 1000) / RATES[kind] <= now) {
        const scheduled = start + (sent[kind] * 1000) / RATES[kind];
        const i = sent[kind]++;
        inFlight++;
        send[kind](i)
          .then(
            (error) => (error ? fail(kind, scheduled, error) : windowAt(scheduled).latencies[kind].push(performance.now() - scheduled)),
            (e) => fail(kind, scheduled, { error: String(e.cause ?? e) }),
          )
          .finally(() => { inFlight--; maybeDone(); });
      }
      if (sent[kind] < total[kind]) scheduling = true;
    }
    if (scheduling) setTimeout(tick, 2);
    else maybeDone();
  };
  tick();
});
const elapsedS = (performance.now() - start) / 1000;
clearInterval(sampler);
sample();
stopping = true;
stopLive.abort();
await Promise.allSettled(subscribers);

// ---------------------------------------------------------------------------------------------
// the report

const pct = (xs, p) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : null);
const ms = (x) => (x === null ? null : +x.toFixed(2));
const stats = (xs) => {
  xs.sort((a, b) => a - b);
  return { p50: ms(pct(xs, 50)), p99: ms(pct(xs, 99)), max: ms(xs.length ? xs[xs.length - 1] : null) };
};
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

const windowReport = windows.map((w) => {
  const from = w.index * windowSecs;
  const to = Math.min((w.index + 1) * windowSecs, Math.round(elapsedS));
  const all = kinds.flatMap((k) => w.latencies[k]);
  const errors = sum(Object.values(w.errors));
  // the memory at the window's end: the last sample taken by then
  const inside = samples.filter((s) => s.t_s <= to + 1);
  const end = inside[inside.length - 1] ?? samples[0];
  return {
    window: w.index + 1, from_s: from, to_s: to,
    requests: all.length + sum(kinds.map((k) => w.errors[k])), errors, ...stats(all),
    rss_mb: end.rss_mb, fds: end.fds, threads: end.threads,
    by_kind: Object.fromEntries(kinds.map((k) => [k, { requests: w.latencies[k].length + w.errors[k], errors: w.errors[k], ...stats([...w.latencies[k]]) }])),
  };
});
const everything = windows.flatMap((w) => kinds.flatMap((k) => w.latencies[k]));
const errorsTotal = sum(windows.map((w) => sum(Object.values(w.errors))));
const requestsTotal = sum(windowReport.map((w) => w.requests));
const rss = samples.map((s) => s.rss_mb);

console.log(JSON.stringify({
  base, minutes, window_secs: windowSecs, rates: RATES, rate_total: sum(Object.values(RATES)),
  subscribers: SUBSCRIBERS, drafts: DRAFTS, participants: PARTICIPANTS,
  anon_pages: ANON_PAGES, signed_pages: sessions.map((s) => s.pages),
  seconds: +elapsedS.toFixed(1), requests: requestsTotal, achieved: +(requestsTotal / elapsedS).toFixed(1),
  errors: errorsTotal, error_samples: errorSamples,
  ...stats(everything),
  by_kind: Object.fromEntries(kinds.map((k) => {
    const xs = windows.flatMap((w) => w.latencies[k]);
    const errors = sum(windows.map((w) => w.errors[k]));
    return [k, { requests: xs.length + errors, errors, ...stats(xs) }];
  })),
  windows: windowReport,
  rss: { before_mb: before.rss_mb, first_window_mb: windowReport[0].rss_mb, last_mb: rss[rss.length - 1], max_mb: Math.max(...rss) },
  samples,
  live,
}));
