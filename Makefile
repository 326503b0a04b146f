# Candor's two commands: `make run` and `make test`. Both set up what is missing first.
SHELL := /bin/bash
CARGO ?= cargo
DEMO_VAULT ?= $(CURDIR)/.candor-demo
DEMO_PASSPHRASE := candor-demo-passphrase

.PHONY: all setup system-deps ui-deps ui app run demo cli-demo test test-e2e lint fmt screenshots bench bench-1m bench-app bundle clean-demo drills

all: test

# System libraries for SQLCipher and the Tauri window, and Xvfb for the window tests.
SYSTEM_PACKAGES := libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev \
	pkg-config build-essential xvfb xauth webkit2gtk-driver imagemagick age procps xdotool python3-xlib syncthing curl git
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -n "$$(echo $$missing)" ]; then \
		echo "Installing system packages:" $$missing; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

ui-deps: ui/node_modules/.package-lock.json
ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund --loglevel=error

ui: ui-deps
	cd ui && npm run build --silent

# The window tests speak WebDriver to tauri-driver, which drives WebKitWebDriver.
TAURI_DRIVER := $(HOME)/.cargo/bin/tauri-driver
$(TAURI_DRIVER):
	command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --version ^2 --locked

setup: system-deps ui

# ui/dist is embedded into the app at compile time, so the UI is built first.
app: ui
	$(CARGO) build -p candor-cli -p candor-app

# Opens Candor on your journal (the OS data directory, or CANDOR_VAULT); the first run
# creates it. Without a display, shows the command line on a demo journal instead.
run: setup app
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		./target/debug/candor-app; \
	else \
		echo "No display for the desktop window; here is the command line on a demo journal."; \
		$(MAKE) --no-print-directory cli-demo; \
	fi

# Opens the desktop app on the demo journal (created on first use).
demo: setup app
	@[ -e "$(DEMO_VAULT)/journal.db" ] || CANDOR_PASSPHRASE=$(DEMO_PASSPHRASE) ./target/debug/candor --vault "$(DEMO_VAULT)" demo
	@echo "Demo journal passphrase: $(DEMO_PASSPHRASE)"
	./target/debug/candor-app --demo --vault "$(DEMO_VAULT)"

cli-demo:
	@[ -e "$(DEMO_VAULT)/journal.db" ] || CANDOR_PASSPHRASE=$(DEMO_PASSPHRASE) ./target/debug/candor --vault "$(DEMO_VAULT)" demo
	@echo
	@echo "The demo journal is in $(DEMO_VAULT) (passphrase: $(DEMO_PASSPHRASE)). Try:"
	@echo "  export CANDOR_VAULT=$(DEMO_VAULT) CANDOR_PASSPHRASE=$(DEMO_PASSPHRASE)"
	@echo "  ./target/debug/candor person list"
	@echo "  ./target/debug/candor search 'person:priya promotion'"
	@echo
	@CANDOR_VAULT="$(DEMO_VAULT)" CANDOR_PASSPHRASE=$(DEMO_PASSPHRASE) ./target/debug/candor list --limit 8

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy -p candor-cli --all-targets --features bench -- -D warnings

test: setup lint $(TAURI_DRIVER)
	cd ui && npm run check --silent && npm test --silent
	$(CARGO) test --workspace --all-targets
	$(MAKE) --no-print-directory test-e2e

# The real window, driven through tauri-driver + WebKitWebDriver under Xvfb.
test-e2e: app $(TAURI_DRIVER)
	timeout 1200 xvfb-run -a node --test --test-concurrency=1 tests/e2e/

# Screenshots of the main screens from the real window on the demo journal (docs/screenshots).
screenshots: app $(TAURI_DRIVER)
	scripts/screenshots.sh

# Release-build numbers as one JSON document: search (beside SQLite FTS5 on the same
# corpus), backups and imports, themes and nudges. Sizes: CANDOR_BENCH_SIZES (default 10000,100000).
CANDOR_BENCH_SIZES ?= 10000,100000
export CANDOR_BENCH_SIZES
bench: system-deps
	@$(CARGO) build --release -q -p candor-cli --bins --features bench
	@echo '{"search":'; ./target/release/candor-bench; \
	echo ', "backup":'; ./target/release/backup-bench; \
	echo ', "themes_and_nudges":'; ./target/release/insight-bench; \
	echo ', "sync":'; ./target/release/sync-bench; \
	echo '}'

# Fault drills (kill -9 mid-init, demo, import, backup and saves; hostile key files; file
# modes): a table of runs, acknowledged writes, losses, panics, hangs. Not part of `test`.
# Runs per drill: DRILL_RUNS (default 10).
drills:
	$(CARGO) build -p candor-cli
	CANDOR_BIN=$${CARGO_TARGET_DIR:-target}/debug/candor scripts/drills.sh

# A release build and its Debian package (target/release/bundle/deb/), with Tauri's CLI from npm.
bundle: setup
	$(CARGO) build --release -p candor-app
	npx --yes @tauri-apps/cli@2 bundle --bundles deb

# The search numbers at 1,000,000 generated entries (beside FTS5), for the cost curve in the
# README; takes about ten minutes and a few GiB of memory.
bench-1m: system-deps
	@$(CARGO) build --release -q -p candor-cli --bins --features bench
	CANDOR_BENCH_SIZES=1000000 ./target/release/candor-bench

# The desktop app's numbers, on the release build (PROFILE=debug scripts/bench-app.sh for the other).
bench-app: ui $(TAURI_DRIVER)
	$(CARGO) build --release -p candor-cli -p candor-app
	scripts/bench-app.sh

clean-demo:
	rm -rf "$(DEMO_VAULT)"
