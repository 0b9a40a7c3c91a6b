#!/usr/bin/env bash
# The newcomer's path, timed: clones this repository (its committed HEAD) into a temporary
# folder, runs the README's two commands there as written (`make run`, then `make test`), waits
# for the site, checks that it serves the demo, and reports how long each step took.
#
#   scripts/clean-clone-check.sh            a cold build in the clone (what a fresh machine does;
#                                           tools already installed are reused, as on any machine)
#   OGPNM_CLONE_TARGET=DIR scripts/…        reuse a cargo target folder (e.g. CI's cache) to check
#                                           the commands themselves quickly
#   OGPNM_CLONE_SKIP_TEST=1 scripts/…       stop after `make run`
#
# `make run` needs port 3000 (the README's address); the check refuses to start when it is taken.
set -euo pipefail

repo="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ogpnm-clean-clone.XXXXXX")"
log="$work/log"
mkdir -p "$log"
server_pid=""

say() { printf '==> %s\n' "$*"; }
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -- "-$server_pid" 2>/dev/null || kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if (exec 3<>/dev/tcp/127.0.0.1/3000) 2>/dev/null; then
  echo "port 3000 is in use: stop what serves it first (make run serves there)" >&2
  exit 1
fi

say "cloning $repo ($(git -C "$repo" rev-parse --short HEAD)) into $work/ogpnm"
git clone --quiet "$repo" "$work/ogpnm"
cd "$work/ogpnm"
if [ -n "${OGPNM_CLONE_TARGET:-}" ]; then
  mkdir -p "$OGPNM_CLONE_TARGET"
  ln -s "$OGPNM_CLONE_TARGET" target
  say "reusing the cargo target folder $OGPNM_CLONE_TARGET"
fi

say "make run (log: $log/run.log)"
start=$(date +%s)
setsid make run >"$log/run.log" 2>&1 &
server_pid=$!
served=""
while kill -0 "$server_pid" 2>/dev/null; do
  if curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:3000/healthz 2>/dev/null; then
    served=$(( $(date +%s) - start ))
    break
  fi
  sleep 2
done
if [ -z "$served" ]; then
  echo "make run stopped before serving; the end of its log:" >&2
  tail -n 40 "$log/run.log" >&2
  exit 1
fi
say "make run served http://127.0.0.1:3000 after ${served}s"

# the demo is there: the landing page, a survey and the health check answer
curl -fsS http://127.0.0.1:3000/ | grep -q "OGP Networking Mechanism"
curl -fsS http://127.0.0.1:3000/survey/demand | grep -q 'action="/api/survey_start"'
grep -q "Demo sign-in" "$log/run.log"
say "the landing page, a survey and the demo accounts are there"
cleanup
server_pid=""

test_time="skipped"
if [ "${OGPNM_CLONE_SKIP_TEST:-0}" != "1" ]; then
  say "make test (log: $log/test.log)"
  start=$(date +%s)
  if ! make test >"$log/test.log" 2>&1; then
    echo "make test failed after $(( $(date +%s) - start ))s; the end of its log:" >&2
    tail -n 60 "$log/test.log" >&2
    exit 1
  fi
  test_time="$(( $(date +%s) - start ))s"
fi

echo
echo "clean clone of $(git rev-parse --short HEAD):"
echo "  make run   served after ${served}s"
echo "  make test  ${test_time}"
echo "  logs       $log"
