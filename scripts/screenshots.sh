#!/usr/bin/env bash
# Screenshots of Candor's main screens, from the real window on the demo journal, into
# docs/screenshots/. Builds nothing: it expects target/debug/candor-app (and ui/dist
# built into it) and tauri-driver (`cargo install tauri-driver --version ^2 --locked`).
#
#   scripts/screenshots.sh            # a fresh demo journal in a temporary directory
#   DEMO_VAULT=DIR scripts/screenshots.sh   # reuse (or create) the demo journal in DIR
#
# Runs under Xvfb. WebDriver's own screenshots come back blank there, so each one is an
# X-level capture (ImageMagick `import`), which needs WebKit's compositing off.
set -euo pipefail
cd "$(dirname "$0")/.."
app=${CANDOR_APP:-target/debug/candor-app}
[ -x "$app" ] || { echo "screenshots: $app is missing; build it first (cargo build -p candor-app)" >&2; exit 1; }
for tool in xvfb-run import node; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (packages xvfb, imagemagick, nodejs)" >&2; exit 1; }
done
mkdir -p docs/screenshots
export WEBKIT_DISABLE_COMPOSITING_MODE=1
# The screen is the window's size (tauri.conf.json), so each capture is just the window.
exec xvfb-run -a -s "-screen 0 1100x720x24" node scripts/screenshots.mjs "$@"
