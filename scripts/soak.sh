#!/usr/bin/env bash
# `make soak`: half an hour of mixed load at a fixed rate against the release build, to show
# there are no errors, memory stays flat and the p99 stays put (end2end/bench/soak.mjs: survey
# autosaves, anonymous and signed-in page views, message posts and 50 live subscribers that
# reopen their streams every OGPNM_LIVE_STREAM_SECS).
#  - on SQLite (a fresh database with the demo data); on PostgreSQL too with SOAK_PG=1
#    (SOAK_PG_URL, default the local server; another half hour);
#  - writes the `soak` section of BENCHMARKS.md: the rates, a table per 5-minute window
#    (requests, errors, p50, p99, max, the server's RSS) and the verdict;
#  - exits non-zero when a request failed, no live event was heard, or the RSS grew by more than
#    SOAK_RSS_GROWTH_MAX_PCT (20) from the end of the second window to the end of the last (the
#    first window holds the warm-up: caches, pools and the threads posted to filling up).
# Settings: SOAK_MINUTES (30), SOAK_WINDOW_SECS (300), SOAK_ADDR (127.0.0.1:3300),
# SOAK_LIVE_STREAM_SECS (60), OGPNM_BIN (./target/release/ogpnm), OGPNM_SITE_ROOT (target/site),
# SOAK_OUT (BENCHMARKS.md). Loopback only; the run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

ADDR="${SOAK_ADDR:-127.0.0.1:3300}"
MINUTES="${SOAK_MINUTES:-30}"
WINDOW_SECS="${SOAK_WINDOW_SECS:-300}"
STREAM_SECS="${SOAK_LIVE_STREAM_SECS:-60}"
RSS_GROWTH_MAX_PCT="${SOAK_RSS_GROWTH_MAX_PCT:-20}"
BIN="${OGPNM_BIN:-./target/release/ogpnm}"
SITE_ROOT="${OGPNM_SITE_ROOT:-target/site}"
OUT="${SOAK_OUT:-BENCHMARKS.md}"
PG_ADMIN_URL="${SOAK_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_SOAK_DB=ogpnm_soak_$$
WORK=$(mktemp -d)
cleanup() {
  kill "${SERVER_PID:-}" 2>/dev/null || true
  if [ "${SOAK_PG:-0}" = 1 ]; then
    psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_SOAK_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$BIN" ] || { echo "soak: $BIN missing; run 'make build' first" >&2; exit 1; }
[ -d "$SITE_ROOT/pkg" ] || { echo "soak: $SITE_ROOT/pkg missing; run 'make build' first" >&2; exit 1; }

# soak ENGINE DATABASE_URL: seeds the database, serves the build on it, runs the load for
# MINUTES, stops the server; the load's JSON goes to $WORK/ENGINE.json
soak() {
  local engine=$1 url=$2
  export DATABASE_URL="$url" OGPNM_MAIL_DIR="$WORK/$engine/mail" OGPNM_FILES_DIR="$WORK/$engine/files"
  mkdir -p "$WORK/$engine"
  "$BIN" seed --demo >/dev/null
  LEPTOS_SITE_ADDR="$ADDR" LEPTOS_SITE_ROOT="$SITE_ROOT" LEPTOS_ENV=PROD RUST_LOG=warn \
    OGPNM_LIVE_STREAM_SECS="$STREAM_SECS" "$BIN" serve >"$WORK/server-$engine.log" 2>&1 &
  SERVER_PID=$!
  local up=""
  for _ in $(seq 1 100); do curl -fs "http://$ADDR/healthz" >/dev/null && { up=1; break; }; sleep 0.2; done
  if [ -z "$up" ]; then
    echo "soak: the server did not start on $engine:" >&2
    cat "$WORK/server-$engine.log" >&2
    exit 1
  fi
  echo "soak: $engine, $MINUTES minutes at a fixed rate against http://$ADDR (server pid $SERVER_PID)"
  if ! (cd end2end && node bench/soak.mjs "http://$ADDR" "$SERVER_PID" "$MINUTES" "$WINDOW_SECS") >"$WORK/$engine.json"; then
    echo "soak: the load itself failed on $engine; the server's log ends with:" >&2
    tail -n 20 "$WORK/server-$engine.log" >&2
    exit 1
  fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "soak: the server died during the run on $engine" >&2; tail -n 20 "$WORK/server-$engine.log" >&2; exit 1; }
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  # what the server logged at warn or above (RUST_LOG=warn; its colours taken out): counted in
  # the report, the first few lines shown
  sed 's/\x1b\[[0-9;]*m//g' "$WORK/server-$engine.log" | grep -E '^\S+\s+(WARN|ERROR) ' >"$WORK/$engine.warnings" || true
  wc -l <"$WORK/$engine.warnings" >"$WORK/$engine.logged"
  head -n 5 "$WORK/$engine.warnings" >&2
}

engines=(sqlite)
soak sqlite "sqlite://$WORK/soak.db"
if [ "${SOAK_PG:-0}" = 1 ]; then
  psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $PG_SOAK_DB" >/dev/null ||
    { echo "soak: SOAK_PG=1 but PostgreSQL at $PG_ADMIN_URL did not answer" >&2; exit 1; }
  soak postgresql "${PG_ADMIN_URL%/*}/$PG_SOAK_DB"
  engines+=(postgresql)
fi

# the section, and the verdict (python exits 1 when the soak failed; the section is written
# either way, so a failure is on record)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
command="make soak"
[ "$MINUTES" = 30 ] || command="SOAK_MINUTES=$MINUTES make soak"
[ "$WINDOW_SECS" = 300 ] || command="SOAK_WINDOW_SECS=$WINDOW_SECS $command"
[ "${SOAK_PG:-0}" = 1 ] && command="SOAK_PG=1 $command"
status=0
python3 - "$WORK" "$OUT" "$RSS_GROWTH_MAX_PCT" "$STREAM_SECS" "$command" "$(nproc)" "$cpu" "$(date -u +%Y-%m-%d)" "${engines[@]}" <<'PY' || status=$?
import json, re, sys

work, out, growth_max, stream_secs, command, cores, cpu, today, *engines = sys.argv[1:]
growth_max = float(growth_max)
names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
kind_names = {"autosave": "survey autosaves", "anon_page": "anonymous page views",
              "signed_page": "signed-in page views", "post": "message posts"}
f = lambda x: "n/a" if x is None else f"{x:.1f}"
clock = lambda s: f"{s // 60}:{s % 60:02d}"

def pct(a, b):
    return (b - a) / a * 100 if a else 0.0

runs = {e: json.load(open(f"{work}/{e}.json")) for e in engines}
first = runs[engines[0]]
rates = first["rates"]
parts = []
failed = []
for engine in engines:
    d = runs[engine]
    w = d["windows"]
    logged = open(f"{work}/{engine}.logged").read().strip() or "0"
    rows = ["| window | requests | errors | p50 | p99 | max | server RSS at its end |", "|---|---|---|---|---|---|---|"]
    for x in w:
        rows.append(f"| {clock(x['from_s'])}–{clock(x['to_s'])} | {x['requests']} | {x['errors']} | {f(x['p50'])} ms | "
                    f"{f(x['p99'])} ms | {f(x['max'])} ms | {x['rss_mb']:.1f} MB |")
    kinds = ["| kind (whole run) | requests | errors | p50 | p99 | max |", "|---|---|---|---|---|---|"]
    for k, v in d["by_kind"].items():
        kinds.append(f"| {kind_names.get(k, k)} | {v['requests']} | {v['errors']} | {f(v['p50'])} ms | {f(v['p99'])} ms | {f(v['max'])} ms |")
    # the verdict: errors, memory from the first window to the last (and from the second, which
    # the limit applies to: the first holds the warm-up), the p99's spread across windows
    first_mb, last_mb = w[0]["rss_mb"], w[-1]["rss_mb"]
    base = w[1] if len(w) > 1 else w[0]
    growth = pct(base["rss_mb"], last_mb)
    p99s = [x["p99"] for x in w if x["p99"] is not None]
    spread = f"{min(p99s):.1f}–{max(p99s):.1f} ms (highest / lowest ×{max(p99s) / min(p99s):.2f})" if p99s else "n/a"
    since = (f"from the second's ({base['rss_mb']:.1f} MB): {growth:+.1f}% (limit {growth_max:g}%)" if len(w) > 2
             else f"too few windows to judge the growth after the warm-up (limit {growth_max:g}% from the second window on)")
    live = d["live"]
    reasons = []
    if d["errors"] > 0:
        reasons.append(f"{d['errors']} errors")
    if growth > growth_max:
        reasons.append(f"RSS grew {growth:.1f}% from window {base['window']} to the last (limit {growth_max:g}%)")
    if live["events"] == 0:
        reasons.append("no live event heard")
    failed += [f"{names[engine]}: {r}" for r in reasons]
    verdict = "**passed**" if not reasons else "**FAILED**: " + "; ".join(reasons)
    parts.append(f"""### {names[engine]}

{d['requests']} requests in {d['seconds'] / 60:.1f} minutes ({d['achieved']}/s), {d['errors']} errors; p50 {f(d['p50'])} ms, p99 {f(d['p99'])} ms, max {f(d['max'])} ms.

""" + "\n".join(rows) + "\n\n" + "\n".join(kinds) + f"""

Live: {live['subscribers']} subscribers heard {live['events']} events ({live['resyncs']} resyncs), their streams were
reopened {live['reconnects']} times, {live['errors']} stream errors. The server's log: {logged} lines at warn or above.
Server memory before the load {d['rss']['before_mb']:.1f} MB, peak {d['rss']['max_mb']:.1f} MB; open files at the end {w[-1]['fds']}, threads {w[-1]['threads']}.

- errors: **{d['errors']}**
- RSS from the first window's end to the last's: {first_mb:.1f} → {last_mb:.1f} MB (**{last_mb - first_mb:+.1f} MB, {pct(first_mb, last_mb):+.1f}%**); {since}
- p99 across windows: **{spread}**
- verdict: {verdict}""")

mix = ", ".join(f"{rates[k]} {kind_names.get(k, k)}" for k in rates)
section = f"""<!-- bench:soak:start -->
## Soak: mixed load at a fixed rate

Produced by `{command}` (`scripts/soak.sh`, `end2end/bench/soak.mjs`) on {today} against the release build,
machine: {cores} cores, {cpu}; the load runs on the same machine. {first['minutes']} minutes per engine on a fresh database with
the demo data, cut into {first['window_secs'] // 60 if first['window_secs'] % 60 == 0 else first['window_secs']}{'-minute' if first['window_secs'] % 60 == 0 else '-second'} windows.

Load, open loop (each request sent at its scheduled time, its latency counted from that time until its
whole body is read): **{first['rate_total']} requests/s**: {mix}. Autosaves rotate over {first['drafts']} survey
drafts; anonymous pages: {', '.join(f'`{re.sub(r"/[0-9a-f-]{36}$", "/{id}", p)}`' for p in first['anon_pages'])}; signed-in pages (two participants,
`{'`, `'.join(first['participants'])}`): the inbox, their threads, `/cases`, `/account` and the header's unread
counts; posts go through a thread's form (multipart) into their threads, so the threads grow by about
{rates['post'] * 60} messages a minute (a thread page shows the last 500). Meanwhile {first['subscribers']} live subscribers
(`/events?topic=threads`, signed in) stay connected; the server ends each stream after {stream_secs} s
(`OGPNM_LIVE_STREAM_SECS`) and the subscriber reopens it at once. The server's RSS (`VmRSS`) is read every 30 s.

""" + "\n\n".join(parts) + "\n<!-- bench:soak:end -->"

text = open(out).read() if __import__("os").path.exists(out) else ""
if "<!-- bench:soak:start -->" in text:
    text = re.sub(r"<!-- bench:soak:start -->.*?<!-- bench:soak:end -->", lambda _: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(out, "w").write(text)

print("\n\n".join(parts))
if failed:
    print("soak: FAILED: " + "; ".join(failed), file=sys.stderr)
    sys.exit(1)
PY
echo "soak: wrote the soak section of $OUT"
exit "$status"
