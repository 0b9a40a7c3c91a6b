# OGP Networking Mechanism — the two commands are `make run` and `make test`.
# Everything they need is installed on first use by scripts/install-tools.sh (idempotent).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TOOLS_DIR ?= $(HOME)/.cache/ogpnm/tools
export PATH := $(TOOLS_DIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Same flags and env as cargo-leptos' debug build, so `cargo test`/`clippy` reuse its artefacts.
export LEPTOS_OUTPUT_NAME := ogpnm
TEST_ENV := RUSTFLAGS="--cfg erase_components"
E2E_ADDR ?= 127.0.0.1:3100
# The end-to-end suite runs on the release build, the one `make run` serves (wasm-opt included);
# `E2E_PROFILE=debug make e2e` uses the faster debug build while developing.
E2E_PROFILE ?= release
ifeq ($(E2E_PROFILE),debug)
E2E_BUILD := build-debug
else
E2E_BUILD := build
endif

.PHONY: help tools browser-tools build build-debug run dev test fmt-check layers clippy unit integration e2e multi-instance budget bench bench-pages soak clean-data clean-clone-check

help:
	@echo "make run    build (release), migrate, seed demo data, serve on http://127.0.0.1:3000"
	@echo "make test   fmt + clippy, unit and integration tests (SQLite; PostgreSQL when TEST_DATABASE_URL is set),"
	@echo "            the release build make run serves, Playwright end-to-end tests on it in Chromium"
	@echo "make dev    cargo leptos watch (live reload)"
	@echo "make bench  WASM size, page weights, Lighthouse, SSR throughput and the server benches into BENCHMARKS.md"
	@echo "make soak   30 minutes of mixed load at a fixed rate on the release build: no errors, flat memory, stable p99"
	@echo "            (SOAK_MINUTES, SOAK_PG=1 for PostgreSQL too), into BENCHMARKS.md"
	@echo "make clean-clone-check  clone into a temporary folder, run the README's two commands, time them"

tools:
	@./scripts/install-tools.sh

browser-tools:
	@WITH_BROWSER=1 ./scripts/install-tools.sh
	@cd end2end && if [ ! -d node_modules/@playwright/test ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

build: tools
	cargo leptos build --release --precompress --split

build-debug: tools
	cargo leptos build --split

run: build
	@mkdir -p data
	@./target/release/ogpnm seed --demo
	@echo
	@echo "  Open http://127.0.0.1:3000/ (English, français, español: switch at the top right)."
	@echo "  Data: $${DATABASE_URL:-sqlite://data/ogpnm.db}   Health: http://127.0.0.1:3000/healthz"
	@echo "  Demo sign-in: admin@demo.ogpnm.example (and the others in the README), password 'open government demo';"
	@echo "  staff codes from the demo key JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP in any authenticator app."
	@echo
	LEPTOS_ENV=PROD LEPTOS_SITE_ROOT=target/site ./target/release/ogpnm serve

dev: tools
	cargo leptos watch

test: fmt-check layers clippy unit integration e2e multi-instance budget
	@echo "make test: all checks passed"

fmt-check:
	cargo fmt --all -- --check

layers:
	./scripts/check-layers.sh

clippy: tools
	$(TEST_ENV) cargo clippy -p server --all-targets -- -D warnings
	$(TEST_ENV) cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

unit:
	$(TEST_ENV) cargo test -p app --features ssr

integration:
	@echo "integration tests on: sqlite$${TEST_DATABASE_URL:+ and postgresql ($${TEST_DATABASE_URL%%@*}@…)}"
	$(TEST_ENV) cargo test -p server

# Starts the built binary on a fresh SQLite database with the demo data (and a second instance on
# PostgreSQL when TEST_DATABASE_URL is set) and drives it in Chromium.
e2e: browser-tools $(E2E_BUILD)
	cd end2end && { E2E_ADDR=$(E2E_ADDR) E2E_PROFILE=$(E2E_PROFILE) npx playwright test || { \
	  if [ -s test-results/axe-violations.txt ]; then echo "axe findings:"; tail -n 30 test-results/axe-violations.txt; fi; exit 1; }; }

# Two instances of the release build on one fresh PostgreSQL database and one S3 bucket (moto),
# behind Debian's nginx with deploy/nginx.conf.example: sessions, rate limits, live events and
# attachments shared, /events streamed and /metrics refused through the proxy
# (scripts/multi-instance.sh; PostgreSQL at MULTI_PG_URL, default postgres://postgres@127.0.0.1:5432).
multi-instance: browser-tools build
	./scripts/multi-instance.sh

# Every page's first visit on a phone within its class's budget (end2end/bench/weights.mjs: BUDGET,
# and issue 19's goals), measured as `make bench-pages` measures it.
budget: browser-tools build
	./scripts/budget.sh

clean-clone-check:
	./scripts/clean-clone-check.sh

bench: browser-tools build
	./scripts/bench.sh
	./scripts/bench-pages.sh

bench-pages: browser-tools build
	./scripts/bench-pages.sh

# Half an hour of autosaves, page views, posts and live subscribers at a fixed rate against the
# release build (end2end/bench/soak.mjs); fails on any error or on memory growing.
soak: build
	./scripts/soak.sh

clean-data:
	rm -rf data
