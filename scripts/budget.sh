#!/usr/bin/env bash
# `make budget` (part of `make test`): serves the release build on a fresh SQLite database with
# the demo data and checks every page's first visit against its budget (end2end/bench/budget.mjs).
# Extra arguments go to budget.mjs (`--json` prints the measures instead).
set -euo pipefail
cd "$(dirname "$0")/.."

ADDR="${BUDGET_ADDR:-127.0.0.1:3300}"
BIN=./target/release/ogpnm
WORK=$(mktemp -d)
cleanup() {
  kill "${SERVER_PID:-}" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$BIN" ] || { echo "budget: $BIN missing; run 'make build' first" >&2; exit 1; }
. scripts/serve-demo.sh
serve_demo "$ADDR" "$WORK"
(cd end2end && node bench/budget.mjs "http://$ADDR" "$@")
