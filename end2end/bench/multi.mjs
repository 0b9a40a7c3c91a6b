// The checks of scripts/multi-instance.sh (`make multi-instance`): two instances of the app on
// one PostgreSQL database and one S3 bucket, with nginx in front (deploy/nginx.conf.example).
// Each check prints one PASS or FAIL line; the exit code is the number of failures (0: all pass).
// Plain Node 20 (fetch, FormData): no dependencies. Read from the environment (the script sets it):
//   MULTI_A, MULTI_B, MULTI_PROXY   the instances' and the proxy's base URLs
//   MULTI_THREAD                    the demo's judicial introduction thread (both demo accounts
//                                   below take part in it)
//   MULTI_DATABASE_URL              the shared database (read with psql to show what is stored)
//   MULTI_S3_URL                    the bucket's URL on the S3 server
//   MULTI_PDF                       a real PDF (the demo's)
//   MULTI_NGINX_LOG                 nginx's access log ($upstream_addr last)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run scripts/multi-instance.sh)`);
  return value;
}
const A = env('MULTI_A');
const B = env('MULTI_B');
const P = env('MULTI_PROXY');
const THREAD = env('MULTI_THREAD');
const DB = env('MULTI_DATABASE_URL');
const S3 = env('MULTI_S3_URL');
const PDF = readFileSync(env('MULTI_PDF'));
const NGINX_LOG = env('MULTI_NGINX_LOG');

const PASSWORD = 'open government demo';
// two participants of THREAD, neither staff (no second factor): the government and a provider
const GOV = 'judicial.data@demo.ogpnm.example';
const PROVIDER = 'open.courts@demo.ogpnm.example';
const NAMES = new Map([[A, 'A'], [B, 'B'], [P, 'the proxy']]);
const RUN = Date.now().toString(36);
// a real 1×1 PNG (the integration tests' own)
const PNG = Buffer.from([
  137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 144, 119, 83,
  222, 0, 0, 0, 12, 73, 68, 65, 84, 120, 156, 99, 144, 207, 223, 2, 0, 1, 243, 1, 67, 1, 135, 131, 96, 0, 0, 0, 0,
  73, 69, 78, 68, 174, 66, 96, 130,
]);

// Nothing may hang the run: every request has its own timeout, and the whole run one too.
setTimeout(() => {
  console.log('FAIL the checks did not finish within 100 s');
  process.exit(1);
}, 100_000).unref();

/** A browser without script: its own cookies, redirects not followed. */
class Browser {
  constructor() {
    this.jar = new Map();
  }
  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async fetch(base, path, { method = 'GET', headers = {}, body, signal, timeout = 30_000 } = {}) {
    const h = { ...headers };
    if (this.jar.size) h.cookie = this.cookieHeader();
    // a browser says where a post comes from; the app compares it with the Host it is given
    if (method !== 'GET') h.origin ??= base;
    const res = await fetch(base + path, {
      method,
      headers: h,
      body,
      redirect: 'manual',
      signal: signal ?? AbortSignal.timeout(timeout),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (value === '' || attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a))) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }
}

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

const redirectTarget = (res) => res.headers.get('location') ?? '';
const isRedirect = (res) => res.status >= 300 && res.status < 400;
const describe = (res) => `${res.status}${isRedirect(res) ? ` → ${redirectTarget(res)}` : ''}`;

function sql(query) {
  return execFileSync('psql', [DB, '-Atc', query], { encoding: 'utf8' }).trim();
}

/** Signs in through the plain form, as the sign-in page posts it. */
async function signIn(browser, base, email, password = PASSWORD) {
  const res = await browser.fetch(base, '/api/sign_in', {
    method: 'POST',
    headers: { accept: 'text/html', referer: `${base}/sign-in` },
    body: new URLSearchParams({ email, password, next: '/account' }),
  });
  await res.arrayBuffer();
  expect(
    redirectTarget(res) === '/account',
    `signing in as ${email} through ${NAMES.get(base)} answered ${describe(res)}`,
  );
}

async function account(browser, base) {
  const res = await browser.fetch(base, '/account', { headers: { accept: 'text/html' } });
  return { res, html: await res.text() };
}

/** Posts a message (and files) to THREAD as the thread's form does (multipart). */
async function postMessage(browser, base, key, body, files = []) {
  const form = new FormData();
  form.append('id', THREAD);
  form.append('key', key);
  form.append('body', body);
  for (const [name, bytes, type] of files) form.append('attachment', new Blob([bytes], { type }), name);
  const res = await browser.fetch(base, '/api/post_message', {
    method: 'POST',
    headers: { referer: `${base}/threads/${THREAD}` },
    body: form,
  });
  const text = await res.text();
  expect(
    res.ok || isRedirect(res),
    `posting "${body}" through ${NAMES.get(base)} answered ${describe(res)} ${text.slice(0, 200)}`,
  );
}

/** A live stream (server-sent events) read in the background. Its answer must start at once: a
 * proxy that buffers the stream holds it back until the first keep-alive, 20 s later. */
async function openStream(browser, base, path) {
  const abort = new AbortController();
  const opening = browser.fetch(base, path, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, 3000, null);
  });
  const res = await Promise.race([opening, late]).finally(() => clearTimeout(timer));
  if (!res) {
    abort.abort();
    throw new Error(`${path} through ${NAMES.get(base)} did not start within 3 s (a buffering proxy?)`);
  }
  expect(res.status === 200, `${path} through ${NAMES.get(base)} answered ${describe(res)}`);
  const type = res.headers.get('content-type') ?? '';
  expect(type.startsWith('text/event-stream'), `${path} through ${NAMES.get(base)} is ${type}, not an event stream`);
  const events = [];
  let ended = false;
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trimStart();
          }
          if (block.split('\n').every((l) => l === '' || l.startsWith(':'))) continue; // keep-alive
          events.push({ name, data, at: Date.now() });
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true;
  })();
  return {
    /** The first live event `pick` accepts within `ms`, or null. */
    async until(ms, pick) {
      const deadline = Date.now() + ms;
      for (;;) {
        const i = events.findIndex((e) => {
          if (e.name !== 'live') return false;
          try {
            return pick(JSON.parse(e.data));
          } catch {
            return false;
          }
        });
        if (i >= 0) return events.splice(i, 1)[0];
        if (ended || Date.now() > deadline) return null;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close() {
      abort.abort();
    },
  };
}

const aboutThread = (e) => e.thread?.thread_id === THREAD;

/** THREAD as `browser` reads it through `base`. */
async function threadView(browser, base) {
  const res = await browser.fetch(base, `/api/thread_detail?id=${encodeURIComponent(THREAD)}`);
  expect(res.status === 200, `the thread through ${NAMES.get(base)} answered ${describe(res)}`);
  return res.json();
}

async function download(browser, base, id) {
  const res = await browser.fetch(base, `/attachments/${encodeURIComponent(id)}`);
  expect(res.status === 200, `/attachments/${id} through ${NAMES.get(base)} answered ${describe(res)}`);
  return Buffer.from(await res.arrayBuffer());
}

async function attachmentNamed(browser, base, name) {
  const view = await threadView(browser, base);
  const found = view.messages.flatMap((m) => m.attachments).find((a) => a.name === name);
  expect(found, `the thread read through ${NAMES.get(base)} has no attachment ${name}`);
  return found;
}

let failures = 0;
async function check(label, run) {
  const started = Date.now();
  try {
    const note = await run();
    console.log(`PASS ${label}${note ? `: ${note}` : ''} (${Date.now() - started} ms)`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${label}: ${e.message}`);
  }
}

// (a) a session made on one instance is valid on the other, and ending it on one ends it on both
await check('(a) sessions are shared', async () => {
  const gov = new Browser();
  await signIn(gov, A, GOV);
  const onB = await account(gov, B);
  expect(onB.res.status === 200, `the session made on A: B's /account answered ${describe(onB.res)}`);
  expect(onB.html.includes(GOV), `B's /account does not show ${GOV}`);
  const stranger = await account(new Browser(), B);
  expect(
    isRedirect(stranger.res) && redirectTarget(stranger.res).startsWith('/sign-in'),
    `without a session B's /account answered ${describe(stranger.res)}, not a redirect to /sign-in`,
  );
  // made on B, used on A, ended on A: refused on B
  const second = new Browser();
  await signIn(second, B, GOV);
  const cookie = second.cookieHeader();
  expect((await account(second, A)).res.status === 200, 'the session made on B is not valid on A');
  const out = await second.fetch(A, '/api/sign_out', {
    method: 'POST',
    headers: { accept: 'text/html', referer: `${A}/account` },
    body: new URLSearchParams({}),
  });
  await out.arrayBuffer();
  expect(isRedirect(out), `signing out on A answered ${describe(out)}`);
  const after = await fetch(`${B}/account`, { headers: { accept: 'text/html', cookie }, redirect: 'manual' });
  await after.arrayBuffer();
  expect(isRedirect(after), `the session signed out on A still opens B's /account (${describe(after)})`);
  return 'signed in on A, /account on B answers 200 (a visitor without it: a redirect to /sign-in); signed in on B, signed out on A, refused on B';
});

// (b) the account's failed sign-ins are counted once for both instances: app/src/auth/limits.rs,
// SIGN_IN_FAILURES_PER_ACCOUNT = 10 per 15 minutes, then 429 (any address typed counts)
await check('(b) sign-in rate limits are shared', async () => {
  const limit = 10;
  const email = `nobody-${RUN}@multi.example.org`;
  // straight to the instances, as one client: OGPNM_TRUSTED_PROXIES=1 takes the address from
  // the header (a documentation address, so this client's limit is its own)
  const client = '198.51.100.23';
  const seen = [];
  for (let attempt = 1; attempt <= limit + 2; attempt += 1) {
    const base = attempt % 2 ? A : B;
    const res = await new Browser().fetch(base, '/api/sign_in', {
      headers: { 'x-forwarded-for': client },
      method: 'POST',
      body: new URLSearchParams({ email, password: `wrong ${attempt}`, next: '/account' }),
    });
    const text = await res.text();
    seen.push({ on: NAMES.get(base), status: res.status, retry: res.headers.get('retry-after'), text });
  }
  const allowed = seen.slice(0, limit);
  const statuses = seen.map((s) => `${s.on}:${s.status}`).join(' ');
  expect(
    allowed.every((s) => s.status !== 429 && s.status >= 400),
    `a refusal before the limit, or an answer that is not a refusal: ${statuses}`,
  );
  const [over, overAgain] = seen.slice(limit);
  expect(
    over.status === 429 && overAgain.status === 429,
    `attempts ${limit + 1} and ${limit + 2} (on ${over.on} and ${overAgain.on}) were not refused with 429 ` +
      `although the two instances had seen ${limit} failures together (each alone allows ${limit}): ${statuses}`,
  );
  const counted = sql(
    `SELECT key || '=' || hits FROM rate_limits WHERE key IN ('sign_in:account:${email}', 'sign_in:ip:${client}') ORDER BY key`,
  ).replace(/\n/g, ', ');
  const onA = allowed.filter((s) => s.on === 'A').length;
  return (
    `${limit} wrong passwords alternating A (${onA}) and B (${limit - onA}) refused with ${allowed[0].status}, ` +
    `then attempt ${limit + 1} on ${over.on} and ${limit + 2} on ${overAgain.on}: 429 (Retry-After ${over.retry} s); ` +
    `neither instance had seen more than ${onA + 1}; counted in the database: ${counted}`
  );
});

// (c) a message posted through A reaches a live stream opened on B
await check('(c) live events cross instances', async () => {
  const gov = new Browser();
  await signIn(gov, A, GOV);
  const provider = new Browser();
  await signIn(provider, B, PROVIDER);
  const onB = await openStream(gov, B, `/events?topic=thread:${THREAD}`);
  const inboxOnB = await openStream(gov, B, '/events?topic=threads');
  const onA = await openStream(gov, A, `/events?topic=thread:${THREAD}`);
  try {
    const sent = Date.now();
    await postMessage(provider, A, `live-${RUN}`, `Live across instances (${RUN}).`);
    const [b, inbox, a] = await Promise.all([
      onB.until(5000, aboutThread),
      inboxOnB.until(5000, aboutThread),
      onA.until(5000, aboutThread),
    ]);
    expect(
      b && inbox,
      `posted through A: B's stream ${b ? 'heard it' : 'heard nothing'} (topic=thread:…), B's inbox stream ` +
        `${inbox ? 'heard it' : 'heard nothing'} (topic=threads), A's own stream ${a ? 'heard it' : 'heard nothing'} within 5 s`,
    );
    return `posted through A, heard on B after ${b.at - sent} ms (topic=thread:${THREAD.slice(0, 8)}…) and ${inbox.at - sent} ms (topic=threads); on A itself after ${a ? `${a.at - sent} ms` : 'never'}`;
  } finally {
    onB.close();
    inboxOnB.close();
    onA.close();
  }
});

// (d) a file posted through A is stored in the bucket and downloads, the same bytes, through B
await check('(d) attachments are shared', async () => {
  const provider = new Browser();
  await signIn(provider, A, PROVIDER);
  const gov = new Browser();
  await signIn(gov, B, GOV);
  const name = `chart-${RUN}.png`;
  await postMessage(provider, A, `file-${RUN}`, 'Our chart, through A.', [[name, PNG, 'image/png']]);
  const file = await attachmentNamed(gov, B, name);
  const bytes = await download(gov, B, file.id);
  expect(bytes.equals(PNG), `downloaded through B: ${bytes.length} bytes, not the ${PNG.length} posted through A`);
  const key = sql(`SELECT storage_key FROM attachments WHERE id = '${file.id.replace(/'/g, "''")}'`);
  const listing = await (await fetch(`${S3}?list-type=2`)).text();
  expect(key && listing.includes(`<Key>${key}</Key>`), `the file's key ${key || '(none)'} is not in the bucket`);
  return `${name} posted through A (provider), downloaded through B (government), ${bytes.length} identical bytes, stored in the bucket as ${key}`;
});

// (e) through nginx: pages and their assets, sign-in, the live channel streamed, a large file
// (client_max_body_size), the client's address from X-Forwarded-For, /metrics refused
await check('(e) through the proxy', async () => {
  const notes = [];
  const visitor = new Browser();
  for (const path of ['/', '/directory', '/sign-in']) {
    const res = await visitor.fetch(P, path, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.status === 200 && html.includes('<html'), `${path} through the proxy answered ${describe(res)}`);
    if (path === '/') {
      const css = html.match(/href="(\/pkg\/[^"]+\.css)"/)?.[1];
      expect(css, 'the landing page links no stylesheet under /pkg/');
      const asset = await visitor.fetch(P, css, { headers: { 'accept-encoding': 'br, gzip' } });
      await asset.arrayBuffer();
      expect(asset.status === 200, `${css} through the proxy answered ${describe(asset)}`);
    }
  }
  notes.push('/, /directory, /sign-in and the stylesheet load');

  const gov = new Browser();
  await signIn(gov, P, GOV);
  const page = await account(gov, P);
  expect(page.res.status === 200 && page.html.includes(GOV), `/account through the proxy: ${describe(page.res)}`);
  const provider = new Browser();
  await signIn(provider, P, PROVIDER);
  notes.push('signed in');

  // the live channel streams through: an event arrives while the stream stays open
  const live = await openStream(gov, P, `/events?topic=thread:${THREAD}`);
  try {
    const sent = Date.now();
    await postMessage(provider, P, `proxy-${RUN}`, `Through the proxy (${RUN}).`);
    const heard = await live.until(5000, aboutThread);
    expect(heard, 'a message posted through the proxy did not reach a live stream open through the proxy within 5 s');
    notes.push(`/events streamed (event after ${heard.at - sent} ms)`);
  } finally {
    live.close();
  }

  // a 3 MB PDF: more than nginx's default 1 MB, within the upload route's limit
  const big = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, 0x20)]);
  const name = `large-${RUN}.pdf`;
  await postMessage(provider, P, `large-${RUN}`, 'A large report, through the proxy.', [[name, big, 'application/pdf']]);
  const file = await attachmentNamed(gov, P, name);
  for (const base of [P, A, B]) {
    const bytes = await download(gov, base, file.id);
    expect(bytes.equals(big), `the ${big.length}-byte PDF came back through ${NAMES.get(base)} as ${bytes.length} bytes`);
  }
  const tooBig = await provider.fetch(P, '/api/sign_in', { method: 'POST', body: Buffer.alloc(2 * 1024 * 1024, 0x61) });
  await tooBig.arrayBuffer();
  expect(tooBig.status === 413, `a 2 MB body to /api/sign_in through the proxy answered ${describe(tooBig)}, not 413`);
  notes.push(`a ${(big.length / 1048576).toFixed(1)} MB file posted and read back (proxy, A, B), 2 MB elsewhere refused (413)`);

  // the address the app counts is the one nginx saw, not one the client wrote
  const from = '127.0.0.3';
  const spoofed = '203.0.113.66';
  const email = `xff-${RUN}@multi.example.org`;
  const status = await new Promise((resolve, reject) => {
    const body = new URLSearchParams({ email, password: 'wrong', next: '/account' }).toString();
    const url = new URL(`${P}/api/sign_in`);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-forwarded-for': spoofed,
        },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  expect(status >= 400 && status < 500, `a wrong password from ${from} answered ${status}`);
  const keys = sql(`SELECT key FROM rate_limits WHERE key IN ('sign_in:ip:${from}', 'sign_in:ip:${spoofed}')`);
  expect(
    keys === `sign_in:ip:${from}`,
    `a failed sign-in from ${from} (writing X-Forwarded-For: ${spoofed}) was counted under: ${keys || 'no key'}`,
  );
  notes.push(`a client at ${from} claiming X-Forwarded-For ${spoofed} is counted as ${from}`);

  // /metrics is the monitoring system's, straight from each instance: nginx refuses it
  // (the app refuses a proxied /metrics too: nginx must answer it itself, upstream "-")
  const metrics = await fetch(`${P}/metrics`, { redirect: 'manual' });
  await metrics.arrayBuffer();
  expect(metrics.status === 403, `/metrics through the proxy answered ${describe(metrics)}, not 403`);
  const logged = readFileSync(NGINX_LOG, 'utf8').split('\n').filter((l) => l.includes('"GET /metrics ')).pop() ?? '';
  expect(logged.endsWith(' 403 -'), `nginx passed /metrics on to an instance (${logged.trim() || 'not in its log'})`);
  const direct = await fetch(`${A}/metrics`, { redirect: 'manual' });
  const text = await direct.text();
  notes.push(
    `/metrics refused by nginx itself (403, never passed on; straight from instance A: ${direct.status}` +
      `${direct.status === 200 ? `, ${text.split('\n').filter((l) => l && !l.startsWith('#')).length} samples` : ''})`,
  );

  // nginx spread the requests over both instances
  const upstreams = new Map();
  for (const line of readFileSync(NGINX_LOG, 'utf8').split('\n')) {
    const upstream = line.trim().split(' ').pop();
    if (/^127\.0\.0\.1:\d+$/.test(upstream)) upstreams.set(upstream, (upstreams.get(upstream) ?? 0) + 1);
  }
  const [a, b] = [new URL(A).host, new URL(B).host].map((h) => upstreams.get(h) ?? 0);
  expect(a > 0 && b > 0, `nginx sent ${a} requests to A and ${b} to B`);
  notes.push(`nginx sent ${a} requests to A and ${b} to B`);
  return notes.join('; ');
});

console.log(failures ? `${failures} check(s) FAILED` : 'all checks passed');
process.exit(failures ? 1 : 0);
