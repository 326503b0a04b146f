# Candor's two commands: `make run` and `make test`. Both set up what is missing first.
SHELL := /bin/bash
CARGO ?= cargo
DEMO_VAULT ?= $(CURDIR)/.candor-demo
DEMO_PASSPHRASE := candor-demo-passphrase

.PHONY: all setup system-deps ui-deps ui run demo test lint fmt clean-demo

all: test

# System libraries for SQLCipher and the Tauri window, and Xvfb for the window tests.
SYSTEM_PACKAGES := libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev libayatana-appindicator3-dev \
	pkg-config build-essential xvfb xauth webkit2gtk-driver imagemagick
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

setup: system-deps ui

# Builds everything, fills a demo journal on first run, and opens Candor.
run: setup
	$(CARGO) build -p candor-cli -p candor-app
	@if [ ! -e "$(DEMO_VAULT)/journal.db" ]; then \
		CANDOR_PASSPHRASE=$(DEMO_PASSPHRASE) ./target/debug/candor --vault "$(DEMO_VAULT)" demo; fi
	@echo
	@echo "The demo journal is in $(DEMO_VAULT) (passphrase: $(DEMO_PASSPHRASE)). Try:"
	@echo "  export CANDOR_VAULT=$(DEMO_VAULT) CANDOR_PASSPHRASE=$(DEMO_PASSPHRASE)"
	@echo "  ./target/debug/candor person list"
	@echo "  ./target/debug/candor list --person 'Priya Raman' --limit 5"
	@echo
	@CANDOR_VAULT="$(DEMO_VAULT)" CANDOR_PASSPHRASE=$(DEMO_PASSPHRASE) ./target/debug/candor list --limit 8
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "Opening the desktop window…"; ./target/debug/candor-app; \
	else echo "(No display: the desktop window needs one; the command line above works anywhere.)"; fi

demo: run

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test: setup lint
	cd ui && npm test --silent
	$(CARGO) test --workspace --all-targets

clean-demo:
	rm -rf "$(DEMO_VAULT)"
