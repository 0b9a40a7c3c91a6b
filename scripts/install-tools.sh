#!/usr/bin/env bash
# Installs what a fresh machine of this kind lacks to build and test the app.
# Idempotent: every step checks first and does nothing when the tool is already there.
# Versions are pinned where they must match the code (wasm-bindgen) or the recipe
# known to work offline (see ../shared/TOOLCHAIN.md when present).
set -euo pipefail

CARGO_LEPTOS_VERSION="0.3.11"
WASM_BINDGEN_VERSION="0.2.130"
BINARYEN_VERSION="132.0.0"
# Lighthouse 13 needs a newer Node than this machine has
LIGHTHOUSE_VERSION="12.2.3"
TOOLS_DIR="${OGPNM_TOOLS_DIR:-$HOME/.cache/ogpnm/tools}"
WITH_BROWSER="${WITH_BROWSER:-0}"

say() { printf '==> %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 12 minutes, once)"
  # plain --locked fails: one locked dependency wants a newer rustc
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --ignore-rust-version
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once)"
  # no --locked: one locked crate version is missing from the registry mirror
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from npm (Debian's binaryen 108 produces WASM that fails in the browser)
if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "${BINARYEN_VERSION%%.*}"; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && [ -f package.json ] || echo '{"name":"ogpnm-tools","private":true}' > "$TOOLS_DIR/package.json")
  (cd "$TOOLS_DIR" && npm install --no-audit --no-fund "binaryen@$BINARYEN_VERSION")
fi

# moto's S3 server, which the integration tests store attachments in (S3-compatible storage)
if ! "$TOOLS_DIR/moto/bin/moto_server" --help >/dev/null 2>&1; then
  say "installing moto's S3 server into $TOOLS_DIR/moto (about a minute, once)"
  mkdir -p "$TOOLS_DIR"
  python3 -m venv "$TOOLS_DIR/moto"
  "$TOOLS_DIR/moto/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.2.5'
fi

if [ "$WITH_BROWSER" = "1" ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v brotli >/dev/null || missing+=(brotli)
  # nginx, the reverse proxy `make multi-instance` runs two instances behind
  # (deploy/nginx.conf.example); the test starts an nginx of its own on a free port
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}"
  fi
  # Lighthouse, which `make bench` runs on the landing page and a survey step
  if ! "$TOOLS_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null | grep -qx "$LIGHTHOUSE_VERSION"; then
    say "installing lighthouse $LIGHTHOUSE_VERSION into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    (cd "$TOOLS_DIR" && [ -f package.json ] || echo '{"name":"ogpnm-tools","private":true}' > "$TOOLS_DIR/package.json")
    (cd "$TOOLS_DIR" && npm install --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION")
  fi
fi
