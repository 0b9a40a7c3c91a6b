# Sourced by scripts/budget.sh and scripts/bench-pages.sh: `serve_demo ADDR WORK` serves the
# release build on a fresh SQLite database with the demo data (its files and mail under WORK),
# sets SERVER_PID and returns once the server answers (or exits 1 with its log).
serve_demo() {
  local addr=$1 work=$2
  export DATABASE_URL="sqlite://$work/demo.db" OGPNM_MAIL_DIR="$work/mail" OGPNM_FILES_DIR="$work/files"
  ./target/release/ogpnm seed --demo >/dev/null
  LEPTOS_SITE_ADDR="$addr" LEPTOS_SITE_ROOT=target/site LEPTOS_ENV=PROD RUST_LOG=warn \
    ./target/release/ogpnm serve >"$work/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -fs "http://$addr/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}
