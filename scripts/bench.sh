#!/usr/bin/env bash
# `make bench`: measures the release build and writes BENCHMARKS.md.
#  - WASM size, raw / gzip -9 / brotli (the precompressed file served);
#  - landing page first-visit transfer with brotli (HTML + CSS + JS + WASM + icon);
#  - SSR landing-page throughput against a static file served by the same server, same run (wrk).
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
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

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
| SSR landing page (\`/\`, with its database query), requests/s | $ssr_rps |
| **SSR / static ratio** | **$ratio** |
| SSR landing page p99 latency at $CONNS connections | $ssr_p99 |

Load: \`wrk -t2 -c$CONNS -d$DURATION\` on loopback against the same server process, one after the
other; wrk shares the $(nproc) cores with the server, so absolute figures are lower bounds.
<!-- bench:foundation:end -->
MD
)

if [ ! -f "$OUT" ]; then
  printf '# Benchmarks\n\nEvery number here is produced by `make bench` on this repository; each section says how.\n\n' >"$OUT"
fi
if grep -q '<!-- bench:foundation:start -->' "$OUT"; then
  python3 - "$OUT" "$section" <<'PY'
import sys, re
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r"<!-- bench:foundation:start -->.*?<!-- bench:foundation:end -->", lambda _: section, text, flags=re.S)
open(path, "w").write(text)
PY
else
  printf '%s\n' "$section" >>"$OUT"
fi
echo "$section"
