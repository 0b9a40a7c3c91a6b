#!/usr/bin/env bash
# `make multi-instance` (part of `make test`): the production deployment of README's "Several
# instances on PostgreSQL", started for real and checked. It makes a throwaway PostgreSQL
# database, an S3 bucket in a moto server, loads the demo once, starts two `ogpnm serve`
# instances on them and Debian's nginx in front with deploy/nginx.conf.example (ports
# substituted, TLS left out), then end2end/bench/multi.mjs checks, directly on each instance and
# through the proxy, that sessions, rate limits, live events and attachments are shared, and that
# the proxy streams /events and refuses /metrics. One PASS/FAIL line per check; exits non-zero on
# any failure. Everything it starts is stopped, and the database dropped, on exit.
#
#   OGPNM_BIN          the server binary        (default ./target/release/ogpnm)
#   OGPNM_SITE_ROOT    the built site           (default target/site)
#   MULTI_PG_URL       a PostgreSQL server's URL whose user may create databases (default
#                      TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
#   OGPNM_MOTO_SERVER  moto's S3 server         (default ~/.cache/ogpnm/tools/moto/bin/moto_server)
#   NGINX              nginx                    (default: nginx on PATH, else /usr/sbin/nginx)
#   MULTI_NGINX_EXAMPLE the site configuration under test (default deploy/nginx.conf.example)
#   MULTI_KEEP=1       keep the work directory (logs, nginx config) after the run
set -euo pipefail
cd "$(dirname "$0")/.."
STARTED=$(date +%s)

BIN=$(realpath -m "${OGPNM_BIN:-./target/release/ogpnm}")
SITE=$(realpath -m "${OGPNM_SITE_ROOT:-target/site}")
PG_ADMIN="${MULTI_PG_URL:-${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}}"
TOOLS_DIR="${OGPNM_TOOLS_DIR:-$HOME/.cache/ogpnm/tools}"
MOTO="${OGPNM_MOTO_SERVER:-$TOOLS_DIR/moto/bin/moto_server}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
EXAMPLE="${MULTI_NGINX_EXAMPLE:-deploy/nginx.conf.example}"
BUCKET=ogpnm-files

say() { printf '==> %s\n' "$*"; }
die() { printf 'multi-instance: %s\n' "$*" >&2; exit 1; }

[ -x "$BIN" ] || die "$BIN missing: run 'make build' first (or set OGPNM_BIN)"
[ -d "$SITE/pkg" ] || die "$SITE/pkg missing: run 'make build' first (or set OGPNM_SITE_ROOT)"
[ -x "$NGINX" ] || die "no nginx: run 'WITH_BROWSER=1 scripts/install-tools.sh' (Debian's nginx) or set NGINX"
if [ ! -x "$MOTO" ]; then
  MOTO=$(command -v moto_server || true)
  [ -n "$MOTO" ] || die "no moto server: run scripts/install-tools.sh (or set OGPNM_MOTO_SERVER)"
fi
command -v psql >/dev/null || die "psql missing (Debian: postgresql-client)"
pg_isready -q -d "$PG_ADMIN" ||
  die "PostgreSQL does not answer at ${PG_ADMIN##*@} (start it as .ci/run does, or set MULTI_PG_URL)"

WORK=$(mktemp -d /tmp/ogpnm-multi.XXXXXX)
# nginx's workers (user nobody when started as root) write request bodies under it
chmod 755 "$WORK"
DB_NAME="ogpnm_multi_$(date +%s)_$$"
# the same server and options, the new database's name
pg_rest=${PG_ADMIN#*://}
DB_URL="${PG_ADMIN%%://*}://${pg_rest%%[/?]*}/$DB_NAME"
[[ "$pg_rest" == *\?* ]] && DB_URL="$DB_URL?${pg_rest#*\?}"
PIDS=()

cleanup() {
  local rc=$?
  # stop the proxy first, then the instances, then the store (last started, first stopped)
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[$i]}" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 || true
  if [ "$rc" != 0 ]; then
    for log in "$WORK"/instance-*.log "$WORK"/moto.log "$WORK"/nginx/logs/error.log; do
      [ -s "$log" ] || continue
      echo "--- last lines of ${log#"$WORK"/}" >&2
      tail -n 25 "$log" >&2
    done
  fi
  if [ "${MULTI_KEEP:-0}" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# four free loopback ports, held together while they are chosen so they differ
read -r MOTO_PORT PORT_A PORT_B PORT_PROXY < <(python3 -c '
import socket
ss = [socket.socket() for _ in range(4)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')

wait_for() { # URL WHAT PID: until URL answers (any status), or the process died, or 20 s
  local url=$1 what=$2 pid=$3
  for _ in $(seq 1 100); do
    curl -s -o /dev/null --max-time 2 "$url" && return 0
    kill -0 "$pid" 2>/dev/null || die "$what exited at start-up"
    sleep 0.2
  done
  die "$what does not answer at $url"
}

say "PostgreSQL database $DB_NAME"
psql "$PG_ADMIN" -qc "CREATE DATABASE \"$DB_NAME\"" >/dev/null

say "moto S3 server on 127.0.0.1:$MOTO_PORT, bucket $BUCKET"
"$MOTO" -H 127.0.0.1 -p "$MOTO_PORT" >"$WORK/moto.log" 2>&1 &
PIDS+=($!)
S3_URL="http://127.0.0.1:$MOTO_PORT"
wait_for "$S3_URL/moto-api/" "the moto server" "${PIDS[-1]}"
curl -sf -X PUT "$S3_URL/$BUCKET" >/dev/null || die "cannot create the bucket $BUCKET"

# what both instances (and the seed) share
export DATABASE_URL="$DB_URL" OGPNM_S3_BUCKET="$BUCKET" OGPNM_S3_ENDPOINT="$S3_URL" \
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test OGPNM_TRUSTED_PROXIES=1 \
  OGPNM_PUBLIC_URL="http://127.0.0.1:$PORT_PROXY" LEPTOS_ENV=PROD LEPTOS_SITE_ROOT="$SITE" \
  LEPTOS_OUTPUT_NAME=ogpnm RUST_LOG="${RUST_LOG:-warn}" OGPNM_SHUTDOWN_GRACE_SECS=2

say "demo data (ogpnm seed --demo)"
OGPNM_MAIL_DIR="$WORK/mail-seed" "$BIN" seed --demo >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; die "seed failed"; }

for side in a b; do
  port=$PORT_A
  [ "$side" = b ] && port=$PORT_B
  say "instance ${side^^} on 127.0.0.1:$port"
  LEPTOS_SITE_ADDR="127.0.0.1:$port" OGPNM_MAIL_DIR="$WORK/mail-$side" \
    "$BIN" serve >"$WORK/instance-$side.log" 2>&1 &
  PIDS+=($!)
done
wait_for "http://127.0.0.1:$PORT_A/healthz" "instance A" "${PIDS[1]}"
wait_for "http://127.0.0.1:$PORT_B/healthz" "instance B" "${PIDS[2]}"

say "nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') on 127.0.0.1:$PORT_PROXY ($EXAMPLE)"
NGX="$WORK/nginx"
mkdir -p "$NGX/logs" "$NGX/tmp"
chmod -R 755 "$NGX"
# the example as it is, but: the instances' ports, a loopback listen instead of TLS
awk -v a="127.0.0.1:$PORT_A" -v b="127.0.0.1:$PORT_B" -v listen="127.0.0.1:$PORT_PROXY" '
  /^# -- begin: https-only/ { skip = 1 }
  skip { if (/^# -- end: https-only/) skip = 0; next }
  /# tls$/ { if (/^[ \t]*listen 443 /) print "    listen " listen ";"; next }
  { gsub("127\\.0\\.0\\.1:3001", a); gsub("127\\.0\\.0\\.1:3002", b); print }
' "$EXAMPLE" >"$NGX/ogpnm.conf"
# Debian's nginx.conf reduced to what the site needs, its files under $NGX; one worker, so the
# upstream's round robin alternates between the instances
wrapper() {
  cat <<EOF
worker_processes 1;
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    gzip on;
    log_format upstreams '\$remote_addr "\$request" \$status \$upstream_addr';
    access_log $NGX/logs/access.log upstreams;
    client_body_temp_path $NGX/tmp/body;
    proxy_temp_path $NGX/tmp/proxy;
    fastcgi_temp_path $NGX/tmp/fastcgi;
    uwsgi_temp_path $NGX/tmp/uwsgi;
    scgi_temp_path $NGX/tmp/scgi;
    include $1;
}
EOF
}
# the example as shipped (TLS, HTTP/2 and the redirect) must be valid too: checked with a
# throwaway certificate in place of Let's Encrypt's
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=nm.example.org \
  -keyout "$NGX/tls.key" -out "$NGX/tls.crt" 2>/dev/null || die "openssl cannot make a test certificate"
sed -e "s#/etc/letsencrypt/live/nm.example.org/fullchain.pem#$NGX/tls.crt#" \
  -e "s#/etc/letsencrypt/live/nm.example.org/privkey.pem#$NGX/tls.key#" "$EXAMPLE" >"$NGX/shipped.conf"
wrapper "$NGX/shipped.conf" >"$NGX/shipped-check.conf"
"$NGINX" -t -q -p "$NGX" -e "$NGX/logs/error.log" -c "$NGX/shipped-check.conf" || die "nginx refuses $EXAMPLE as shipped"
wrapper "$NGX/ogpnm.conf" >"$NGX/nginx.conf"
"$NGINX" -t -q -p "$NGX" -e "$NGX/logs/error.log" -c "$NGX/nginx.conf" || die "nginx refuses the configuration"
"$NGINX" -p "$NGX" -e "$NGX/logs/error.log" -c "$NGX/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_for "http://127.0.0.1:$PORT_PROXY/healthz" "nginx" "${PIDS[3]}"

THREAD=$(psql "$DB_URL" -Atc "SELECT t.id FROM threads t JOIN cases c ON c.id = t.case_id
  JOIN organisations o ON o.id = c.organisation_id
  WHERE o.name = 'Ministry of Justice, Judicial Data Office' AND t.introduction_id IS NOT NULL
  ORDER BY t.created_at LIMIT 1")
[ -n "$THREAD" ] || die "the demo's judicial introduction thread is missing"

say "checks (A = :$PORT_A, B = :$PORT_B, proxy = :$PORT_PROXY)"
set +e
MULTI_A="http://127.0.0.1:$PORT_A" MULTI_B="http://127.0.0.1:$PORT_B" \
  MULTI_PROXY="http://127.0.0.1:$PORT_PROXY" MULTI_THREAD="$THREAD" MULTI_DATABASE_URL="$DB_URL" \
  MULTI_S3_URL="$S3_URL/$BUCKET" MULTI_PDF=app/demo/court-statistics-2026.pdf \
  MULTI_NGINX_LOG="$NGX/logs/access.log" \
  node end2end/bench/multi.mjs
STATUS=$?
set -e
echo "multi-instance: $([ "$STATUS" = 0 ] && echo passed || echo FAILED) in $(($(date +%s) - STARTED)) s"
exit "$STATUS"
