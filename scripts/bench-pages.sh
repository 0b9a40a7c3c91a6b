#!/usr/bin/env bash
# `make bench-pages` (and part of `make bench`): what a first visit costs, on the release build.
#  - every page's first visit on a phone, bytes on the wire by kind (end2end/bench/budget.mjs,
#    the same measure as the budget check in `make test`);
#  - a survey step on slow 4G with a 4x slower CPU: paints, blocking time, autosave wired
#    (end2end/bench/survey-page.mjs, median of three cold loads);
#  - Lighthouse 12.2.3 (mobile preset, headless Chromium) on the landing page and a survey step;
#  - the SSR landing page against a static file on the same server (wrk).
# Writes the `pages` section of BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

ADDR="${BENCH_ADDR:-127.0.0.1:3200}"
DURATION="${BENCH_DURATION:-10s}"
CONNS="${BENCH_CONNECTIONS:-32}"
BIN=./target/release/ogpnm
PKG=target/site/pkg
OUT=BENCHMARKS.md
TOOLS_DIR="${OGPNM_TOOLS_DIR:-$HOME/.cache/ogpnm/tools}"
LIGHTHOUSE="$TOOLS_DIR/node_modules/.bin/lighthouse"
WORK=$(mktemp -d)
cleanup() {
  kill "${SERVER_PID:-}" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$BIN" ] || { echo "bench: $BIN missing; run 'make build' first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench: wrk missing; run 'make browser-tools'" >&2; exit 1; }
[ -x "$LIGHTHOUSE" ] || { echo "bench: lighthouse missing; run 'make browser-tools'" >&2; exit 1; }

. scripts/serve-demo.sh
serve_demo "$ADDR" "$WORK"

# 1. every page's weight, and the survey step on a slow phone
(cd end2end && node bench/budget.mjs "http://$ADDR" --json) >"$WORK/pages.json"
(cd end2end && node bench/survey-page.mjs "http://$ADDR" supply) >"$WORK/step.json"

# 2. Lighthouse: the landing page, and a survey step (a draft started first, its cookie sent)
lighthouse() {
  "$LIGHTHOUSE" "$1" --quiet --chrome-path=/usr/bin/chromium \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=performance,accessibility,best-practices --output=json --output-path="$2" \
    ${3:+--extra-headers="$3"} >/dev/null 2>&1 || echo '{"categories":{}}' >"$2"
}
lighthouse "http://$ADDR/" "$WORK/lh-landing.json"
curl -s -c "$WORK/jar" -o /dev/null -H 'Accept: text/html' -H "Referer: http://$ADDR/survey/supply" \
  --data 'kind=supply' "http://$ADDR/api/survey_start"
# (curl writes HttpOnly cookies, as the draft's is, with a "#HttpOnly_" prefix)
cookie=$(sed 's/^#HttpOnly_//' "$WORK/jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }')
headers=$(python3 -c 'import json, sys; print(json.dumps({"Cookie": sys.argv[1]}))' "$cookie")
lighthouse "http://$ADDR/survey/supply/step/1" "$WORK/lh-step.json" "$headers"

# 3. SSR throughput against a static file
css=$(basename "$(ls "$PKG"/ogpnm*.css | head -n1)")
# as a browser asks (brotli or gzip): pages come gzipped, the static file precompressed brotli
rps() { wrk -t2 -c"$CONNS" -d"$DURATION" -H 'Accept-Encoding: br, gzip' "http://$ADDR$1" | awk '/Requests\/sec/ {print $2}'; }
static_rps=$(rps "/pkg/$css")
ssr_rps=$(rps /)
ratio=$(awk -v a="$ssr_rps" -v b="$static_rps" 'BEGIN { printf "%.2f", a / b }')

tables=$(python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
kb = lambda b: f"{b / 1000:.1f} KB"
pages = json.load(open(f"{work}/pages.json"))
print("| page | first visit | goal (issue 19) | enforced by `make test` | HTML | CSS | JS | WASM | other |")
print("|---|---|---|---|---|---|---|---|---|")
for p in pages:
    by = p["by"]
    mark = " (met)" if p["total"] <= p["goal"] else " **(not yet)**"
    print(f"| `{p['path']}` | {kb(p['total'])} | {kb(p['goal'])}{mark} | {kb(p['budget'])} | {kb(by.get('html', 0))} | {kb(by.get('css', 0))} | "
          f"{kb(by.get('js', 0))} | {kb(by.get('wasm', 0))} | {kb(by.get('other', 0))} |")
step = json.load(open(f"{work}/step.json"))
t = step["throttled"]
print()
print("A survey step (`/survey/supply/step/1`) on slow 4G (150 ms, 1.6 Mbit/s) with a 4x slower CPU, median of three cold loads:")
print()
print("| measure | value |")
print("|---|---|")
print(f"| First contentful paint | {t['fcp']:.0f} ms |")
print(f"| Largest contentful paint | {t['lcp']:.0f} ms |")
print(f"| Cumulative layout shift | {t['cls']:.3f} |")
print(f"| Total blocking time (long tasks after FCP) | {t['tbt']:.0f} ms |")
print(f"| **Autosave wired** (WASM loaded, island alive) | **{t['autosaveReadyMs']:.0f} ms** |")
print()
print("Lighthouse 12.2.3, mobile preset (simulated slow 4G, 4x CPU), headless Chromium:")
print()
print("| page | performance | accessibility | best practices |")
print("|---|---|---|---|")
for name, path in [("landing `/`", "lh-landing.json"), ("survey step `/survey/supply/step/1`", "lh-step.json")]:
    cats = json.load(open(f"{work}/{path}")).get("categories", {})
    score = lambda k: "n/a" if cats.get(k, {}).get("score") is None else f"{cats[k]['score'] * 100:.0f}"
    print(f"| {name} | {score('performance')} | {score('accessibility')} | {score('best-practices')} |")
PY
)

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
now=$(date -u +%Y-%m-%d)
section=$(cat <<MD
<!-- bench:pages:start -->
## Pages: first visits on a phone, Lighthouse, SSR throughput

Produced by \`make bench-pages\` (\`scripts/bench-pages.sh\`, also run by \`make bench\`) on $now
against the release build (\`cargo leptos build --release --precompress --split\`, islands), machine:
$(nproc) cores, $cpu. Each page is loaded in Chromium with a Pixel 7 profile, an empty cache and
brotli, as the person who would visit it (a visitor, a provider, a Case Manager, an admin), until
the network is idle: every byte counts (document, CSS, JavaScript, WASM, icons, and what the
islands fetch). The same measure is the budget check of \`make test\` (\`make budget\`).

$tables

| SSR throughput | value |
|---|---|
| Static file (\`/pkg/$css\`), requests/s | $static_rps |
| SSR landing page (\`/\`), requests/s | $ssr_rps |
| **SSR / static ratio** | **$ratio** |

Load: \`wrk -t2 -c$CONNS -d$DURATION\` on loopback against the same server process, one after the
other; wrk shares the $(nproc) cores with the server.
<!-- bench:pages:end -->
MD
)
if grep -q "<!-- bench:pages:start -->" "$OUT"; then
  python3 - "$OUT" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r"<!-- bench:pages:start -->.*?<!-- bench:pages:end -->", lambda _: section, text, flags=re.S)
open(path, "w").write(text)
PY
else
  printf '\n%s\n' "$section" >>"$OUT"
fi
echo "bench-pages: wrote the pages section of $OUT"
