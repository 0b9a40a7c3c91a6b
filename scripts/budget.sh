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
export DATABASE_URL="sqlite://$WORK/budget.db" OGPNM_MAIL_DIR="$WORK/mail" OGPNM_FILES_DIR="$WORK/files"
"$BIN" seed --demo >/dev/null
LEPTOS_SITE_ADDR="$ADDR" LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=warn \
  "$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs "http://$ADDR/healthz" >/dev/null && break; sleep 0.2; done
curl -fs "http://$ADDR/healthz" >/dev/null || { echo "budget: the server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }
(cd end2end && node bench/budget.mjs "http://$ADDR" "$@")
