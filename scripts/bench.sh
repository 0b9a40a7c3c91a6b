#!/usr/bin/env bash
# `make bench`: measures the release build and writes BENCHMARKS.md.
#  - WASM size, raw / gzip -9 / brotli (the precompressed file served);
#  - landing page first-visit transfer with brotli (HTML + CSS + JS + WASM + icon);
#  - SSR landing-page throughput against a static file served by the same server, same run (wrk);
#  - a survey step's first visit on a phone (bytes by kind; slow-4G + 4x CPU LCP/CLS/TBT) in Chromium;
#  - survey saves: p50/p99 at a fixed 500/s and sustained saves/s, on SQLite and on PostgreSQL
#    (BENCH_PG_URL, default the local server; skipped with a note when it does not answer);
#  - the roster page with 10,000 providers and three facets, and the streamed CSV export, on both
#    engines (cargo bench -p server --bench roster);
#  - the dialogue: live delivery to 1,000 participants in 200 threads, posting throughput, and the
#    inbox's search at 100,000 messages, on both engines (cargo bench -p server --bench dialogue);
#  - the case board: 5,000 live subscribers on one instance and twice that, memory per idle
#    subscriber and a move's delivery to the last one (cargo bench -p server --bench board);
#  - oversight at 10,000 providers / 5,000 cases / 100,000 messages, and the open-data ZIP's time
#    and size, on both engines (cargo bench -p server --bench oversight).
# Loopback only; every load run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

ADDR="${BENCH_ADDR:-127.0.0.1:3200}"
DURATION="${BENCH_DURATION:-10s}"
CONNS="${BENCH_CONNECTIONS:-32}"
BIN=./target/release/ogpnm
PKG=target/site/pkg
OUT=BENCHMARKS.md
WORK=$(mktemp -d)
PG_ADMIN_URL="${BENCH_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_BENCH_DB=ogpnm_bench_$$
cleanup() {
  kill "${SERVER_PID:-}" "${PG_SERVER_PID:-}" 2>/dev/null || true
  psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $PG_BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$BIN" ] || { echo "bench: $BIN missing; run 'make build' first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk missing; run 'make browser-tools'" >&2; exit 1; }

wasm=$(ls "$PKG"/ogpnm*.wasm | head -n1)
js=$(ls "$PKG"/ogpnm*.js | head -n1)
css=$(ls "$PKG"/ogpnm*.css | head -n1)
size() { stat -c %s "$1"; }
wasm_raw=$(size "$wasm")
wasm_gz=$(gzip -9 -c "$wasm" | wc -c)
wasm_br=$(size "$wasm.br")

DATABASE_URL="sqlite://$WORK/bench.db" "$BIN" seed --demo >/dev/null
DATABASE_URL="sqlite://$WORK/bench.db" LEPTOS_SITE_ADDR="$ADDR" LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=warn \
  "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fs "http://$ADDR/healthz" >/dev/null && break; sleep 0.2; done

# bytes on the wire with brotli negotiated, as a browser's first visit would fetch them
wire() { curl -s -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "http://$ADDR$1"; }
html_b=$(wire /)
css_b=$(wire "/pkg/$(basename "$css")")
js_b=$(wire "/pkg/$(basename "$js")")
wasm_b=$(wire "/pkg/$(basename "$wasm")")
ico_b=$(wire /favicon.ico)
total=$((html_b + css_b + js_b + wasm_b + ico_b))
usable=$((html_b + css_b))

rps() { wrk -t2 -c"$CONNS" -d"$DURATION" -H 'Accept-Encoding: br' "http://$ADDR$1" | awk '/Requests\/sec/ {print $2}'; }
lat() { wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H 'Accept-Encoding: br' "http://$ADDR$1" | awk '/^ +99%/ {print $2}'; }
static_path="/pkg/$(basename "$css")"
static_rps=$(rps "$static_path")
ssr_rps=$(rps /)
ssr_p99=$(lat /)
ratio=$(awk -v a="$ssr_rps" -v b="$static_rps" 'BEGIN { printf "%.2f", a / b }')

# a survey step on a phone, and survey saves on SQLite
(cd end2end && node bench/survey-page.mjs "http://$ADDR" supply) >"$WORK/page.json"
(cd end2end && node bench/saves.mjs "http://$ADDR" 500 10) >"$WORK/saves-sqlite.json"

# survey saves on PostgreSQL: the same binary on a throwaway database
PG_ADDR="${ADDR%:*}:$(( ${ADDR##*:} + 1 ))"
pg_note=""
if psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $PG_BENCH_DB" >/dev/null 2>&1; then
  PG_URL="${PG_ADMIN_URL%/*}/$PG_BENCH_DB"
  DATABASE_URL="$PG_URL" "$BIN" seed --demo >/dev/null
  DATABASE_URL="$PG_URL" LEPTOS_SITE_ADDR="$PG_ADDR" LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=warn \
    "$BIN" serve >"$WORK/server-pg.log" 2>&1 &
  PG_SERVER_PID=$!
  for _ in $(seq 1 50); do curl -fs "http://$PG_ADDR/healthz" >/dev/null && break; sleep 0.2; done
  (cd end2end && node bench/saves.mjs "http://$PG_ADDR" 500 10) >"$WORK/saves-pg.json"
else
  echo '{"p50":"n/a","p99":"n/a","achieved":"n/a","sustained":"n/a","errors":"n/a"}' >"$WORK/saves-pg.json"
  pg_note=" (PostgreSQL at $PG_ADMIN_URL did not answer: not measured)"
fi
j() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); v=d
for k in sys.argv[2].split('.'): v=v[k]
print(v)" "$1" "$2"; }
page_rows=$(python3 - "$WORK/page.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
kb = lambda b: f"{b / 1000:.1f} KB"
rows = [f"| HTML (brotli) | {kb(d['by'].get('html', 0))} |", f"| CSS | {kb(d['by'].get('css', 0))} |",
        f"| JS (glue + split loader) | {kb(d['by'].get('js', 0))} |", f"| WASM (main + island chunks) | {kb(d['by'].get('wasm', 0))} |",
        f"| other (icon, data) | {kb(d['by'].get('other', 0))} |",
        f"| **usable before WASM (HTML + CSS)** | **{kb(d['by'].get('html', 0) + d['by'].get('css', 0))}** |",
        f"| **first visit, total on the wire** | **{kb(d['total'])}** |"]
print("\n".join(rows))
print()
print(f"{len(d['files'])} files were fetched. Largest: " + ", ".join(f"`{f['file']}` {kb(f['bytes'])}" for f in d["files"][:6]) + ".")
t = d["throttled"]
print()
print("| slow 4G + 4x CPU (median of 3 cold loads) | value |")
print("|---|---|")
print(f"| First contentful paint | {t['fcp']:.0f} ms |")
print(f"| Largest contentful paint | {t['lcp']:.0f} ms |")
print(f"| Cumulative layout shift | {t['cls']:.3f} |")
print(f"| Total blocking time (long tasks after FCP) | {t['tbt']:.0f} ms |")
print(f"| Autosave wired (WASM loaded and hydrated) | {t['autosaveReadyMs']:.0f} ms |")
PY
)

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
now=$(date -u +%Y-%m-%d)

section=$(cat <<MD
<!-- bench:foundation:start -->
## Foundation: WASM size, landing-page weight, SSR throughput

Produced by \`make bench\` (\`scripts/bench.sh\`) on $now; release build (\`cargo leptos build --release --precompress\`,
WASM profile \`wasm-release\`: opt-level z, LTO, one codegen unit, wasm-opt), machine: $(nproc) cores, $cpu.

| measure | value |
|---|---|
| WASM raw | $(kb "$wasm_raw") ($wasm_raw bytes) |
| WASM gzip -9 | $(kb "$wasm_gz") |
| WASM brotli (served) | $(kb "$wasm_br") |
| Landing page, HTML (brotli) | $(kb "$html_b") |
| Landing page, CSS (brotli) | $(kb "$css_b") |
| Landing page, JS glue (brotli) | $(kb "$js_b") |
| Landing page, WASM (brotli) | $(kb "$wasm_b") |
| Landing page, favicon | $(kb "$ico_b") |
| **Landing page first visit, total on the wire** | **$(kb "$total")** |
| Usable before WASM (HTML + CSS) | $(kb "$usable") |
| Static file ($static_path), requests/s | $static_rps |
| SSR landing page (\`/\`; its figures counted at most every 5 s), requests/s | $ssr_rps |
| **SSR / static ratio** | **$ratio** |
| SSR landing page p99 latency at $CONNS connections | $ssr_p99 |

Load: \`wrk -t2 -c$CONNS -d$DURATION\` on loopback against the same server process, one after the
other; wrk shares the $(nproc) cores with the server, so absolute figures are lower bounds.
<!-- bench:foundation:end -->
MD
)

survey_section=$(cat <<MD
<!-- bench:survey:start -->
## Survey wizard: a step on a phone, and saving a step

Produced by \`make bench\` (\`scripts/bench.sh\`, which runs \`end2end/bench/survey-page.mjs\` and
\`end2end/bench/saves.mjs\`) on $now against the release build above (islands; the larger islands are split out and fetched by the pages that hold them).

First visit to \`/survey/supply/step/1\` in Chromium with a Pixel 7 profile, empty cache, brotli:

$page_rows

Saving a step (\`/api/survey_autosave\`, one transaction: idempotency check, sequence check, write,
save log) over HTTP from a Node client on the same machine, rotating over 200 drafts:

| | SQLite | PostgreSQL$pg_note |
|---|---|---|
| offered rate (open loop, 10 s) | 500/s | 500/s |
| achieved rate | $(j "$WORK/saves-sqlite.json" achieved)/s | $(j "$WORK/saves-pg.json" achieved)/s |
| p50 latency | $(j "$WORK/saves-sqlite.json" p50) ms | $(j "$WORK/saves-pg.json" p50) ms |
| p99 latency | $(j "$WORK/saves-sqlite.json" p99) ms | $(j "$WORK/saves-pg.json" p99) ms |
| sustained saves/s (32 respondents back to back, 10 s) | $(j "$WORK/saves-sqlite.json" sustained) | $(j "$WORK/saves-pg.json" sustained) |
| failed saves | $(j "$WORK/saves-sqlite.json" errors) | $(j "$WORK/saves-pg.json" errors) |

Latencies are counted from each save's scheduled send time (no coordinated omission); the client,
the server and the database share the machine's $(nproc) cores.
<!-- bench:survey:end -->
MD
)

if [ ! -f "$OUT" ]; then
  printf '# Benchmarks\n\nEvery number here is produced by `make bench` on this repository; each section says how.\n\n' >"$OUT"
fi
# replaces the section between `<!-- bench:NAME:start/end -->` in $OUT, or appends it
put_section() {
  if grep -q "<!-- bench:$1:start -->" "$OUT"; then
    python3 - "$OUT" "$1" "$2" <<'PY'
import sys, re
path, name, section = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path).read()
pattern = rf"<!-- bench:{name}:start -->.*?<!-- bench:{name}:end -->"
text = re.sub(pattern, lambda _: section, text, flags=re.S)
open(path, "w").write(text)
PY
  else
    printf '\n%s\n' "$2" >>"$OUT"
  fi
}
# `BENCH_WEB_ONLY=1`: the foundation and survey sections only (no server benches)
if [ "${BENCH_WEB_ONLY:-0}" = 1 ]; then
  put_section foundation "$section"
  put_section survey "$survey_section"
  echo "$section"
  echo "$survey_section"
  exit 0
fi
# Rosters: 10,000 providers, server-rendered roster page with three facets, and the streamed CSV
# export, on SQLite and PostgreSQL (server/benches/roster.rs, the real router in-process).
roster_pg=""
psql "$PG_ADMIN_URL" -qc "SELECT 1" >/dev/null 2>&1 && roster_pg="$PG_ADMIN_URL"
roster_rows=$(BENCH_PG_URL="$roster_pg" TEST_DATABASE_URL="" cargo bench -q -p server --bench roster 2>"$WORK/roster.err")
roster_section=$(cat <<MD
<!-- bench:roster:start -->
## Rosters: 10,000 providers, three facets, and the CSV export

Produced by \`make bench\` (\`cargo bench -p server --bench roster\`, \`server/benches/roster.rs\`)
on $now. A fresh database holds the demo data plus generated providers (10,000 in all), the real
router runs in the bench process on loopback, and a Case Manager is signed in. Each roster request
is the full server-rendered page a browser gets (session, policy, query, HTML), timed from sending
the request to its last byte, one at a time; the three-facet requests rotate over issue area ×
language × region.

$roster_rows

The CSV export streams from a database cursor: its memory does not grow with the roster (the peak
growth is measured from a reset high-water mark, \`VmHWM\`, of the process that serves it).
<!-- bench:roster:end -->
MD
)

# The dialogue: 1,000 participants following 200 threads live, posting, and the inbox's search at
# 100,000 messages, on SQLite and PostgreSQL (server/benches/dialogue.rs, the real router in-process).
dialogue_rows=$(BENCH_PG_URL="$roster_pg" TEST_DATABASE_URL="" cargo bench -q -p server --bench dialogue 2>"$WORK/dialogue.err")
dialogue_section=$(cat <<MD
<!-- bench:dialogue:start -->
## The dialogue: live delivery to 1,000 participants, posting, and the inbox at 100,000 messages

Produced by \`make bench\` (\`cargo bench -p server --bench dialogue\`, \`server/benches/dialogue.rs\`)
on $now. A fresh database holds the demo data plus 200 threads in one case, each with an
organisation of five members: 1,000 participants, each signed in and following their thread on the
live channel over its own connection (\`/events?topic=thread:…\`), against the real router in the
bench process on loopback. Delivery is timed from sending a post (\`/api/send_message\`, the
browser's outbox path) to each subscriber of its thread reading the event off its stream, for 400
posts one after another (2,000 deliveries). Throughput is 16 posters at once for five seconds. The
threads are then filled to 100,000 messages through the data layer, and the Case Manager (every
thread is theirs) searches the inbox for two words, one request at a time.

$dialogue_rows

Goals: delivery p99 ≤ 300 ms; the inbox with a search ≤ 50 ms at 100,000 messages.
<!-- bench:dialogue:end -->
MD
)

# The case board: 5,000 live board subscribers on one instance (its own process), memory per idle
# subscriber, a move to the last subscriber, and the same at twice the load (server/benches/board.rs).
board_rows=$(cargo bench -q -p server --bench board 2>"$WORK/board.err")
board_section=$(cat <<MD
<!-- bench:board:start -->
## The live case board: 5,000 subscribers on one instance, and twice that

Produced by \`make bench\` (\`cargo bench -p server --bench board\`, \`server/benches/board.rs\`) on
$now. One app instance (SQLite, the demo data) runs in a process of its own, so its memory is its
own. The bench process opens the board subscribers, each on its own connection as a staff member's
open board (\`/events?topic=cases&here=board\`: case changes and who is looking), a hundred
connecting at a time, as three demo staff members. Once all are held and idle for three seconds,
the server's resident memory is read again (the difference per subscriber). Then 20 moves are made
through \`/api/board_move\` one after another, 1.5 s apart, each timed from sending it to every
subscriber reading its event off its stream; "last subscriber" is the slowest of them for one move.
A board read is timed meanwhile. Client and server share the machine's two cores.

$board_rows

Goals (one instance): 5,000 subscribers held; move → last subscriber p99 ≤ 500 ms; ≤ 50 KB of memory
per idle subscriber. At twice the load the goal is only that it degrades rather than fails.
<!-- bench:board:end -->
MD
)

# Matching: ranking 10,000 providers for one scope, single-threaded (divan, app/benches/matching.rs).
matching_rows=$(cargo bench -q -p app --bench matching 2>/dev/null | sed -n '/^matching /,$p')
matching_section=$(cat <<MD
<!-- bench:matching:start -->
## Matching: ranking 10,000 providers for one scope

Produced by \`make bench\` (\`cargo bench -p app --bench matching\`, divan, \`app/benches/matching.rs\`) on
$now: \`rank\` scores every provider on seven factors, builds each one's explanation (points,
matched and missing items) and sorts them, on one thread, 200 samples per size.

\`\`\`
$matching_rows
\`\`\`

The goal is 20 ms at the 99th percentile for 10,000 providers; the slowest of the samples bounds it.
<!-- bench:matching:end -->
MD
)

# Oversight and open data: `seed --scale 5000` (10,000 providers, 5,000 cases, ~100,000 messages),
# the steering committee's figures and page, the gap map, and the open-data ZIP, on both engines.
oversight_rows=$(BENCH_PG_URL="$roster_pg" TEST_DATABASE_URL="" cargo bench -q -p server --bench oversight 2>"$WORK/oversight.err")
oversight_section=$(cat <<MD
<!-- bench:oversight:start -->
## Oversight at 10,000 providers, 5,000 cases and 100,000 messages; the open-data ZIP

Produced by \`make bench\` (\`cargo bench -p server --bench oversight\`, \`server/benches/oversight.rs\`)
on $now. A fresh database holds the demo data plus what \`ogpnm seed --scale 5000 --seed 1\` makes:
10,000 listed providers (four in five in the public directory), 1,250 government bodies, 5,000
requests over three years whose cases stand at every stage with their timelines, introductions
with the providers' answers, outcomes and follow-up ratings, and about 20 messages per case. The
real router runs in the bench process on loopback with the steering committee signed in; each
request is timed from sending it to its last byte, one at a time. The figures cover the last three
years (every scaled case); the ZIP is made on each request from the database.

$oversight_rows

Goal: the oversight page's server time ≤ 100 ms on both engines.
<!-- bench:oversight:end -->
MD
)

put_section foundation "$section"
put_section survey "$survey_section"
put_section roster "$roster_section"
put_section dialogue "$dialogue_section"
put_section board "$board_section"
put_section matching "$matching_section"
put_section oversight "$oversight_section"
echo "$oversight_section"
echo "$roster_section"
echo "$dialogue_section"
echo "$board_section"
echo "$section"
echo "$survey_section"
