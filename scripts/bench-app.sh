#!/usr/bin/env bash
# Numbers for the desktop app, as JSON: cold start to the unlock screen, unlock to Today on
# a 10,000-entry demo journal, keystroke to search results, idle memory, binary sizes.
# Builds nothing: expects the app and the command line of one build (PROFILE=release, as
# `make bench-app` builds them, or PROFILE=debug), and tauri-driver; the demo journal is
# made with the command line once, in target/bench-app-vault.
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${PROFILE:-release}
export CANDOR_APP=${CANDOR_APP:-$PWD/target/$profile/candor-app}
cli=target/$profile/candor
for f in "$CANDOR_APP" "$cli"; do
  [ -x "$f" ] || { echo "bench-app: $f is missing; build it first" >&2; exit 1; }
done
vault=${BENCH_VAULT:-target/bench-app-vault}
if [ ! -e "$vault/journal.db" ]; then
  echo "bench-app: writing a 10,000-entry demo journal in $vault (once)…" >&2
  CANDOR_PASSPHRASE=candor-demo-passphrase "$cli" --vault "$vault" demo --entries 10000 --seed 7 >&2
fi
export WEBKIT_DISABLE_COMPOSITING_MODE=1
exec xvfb-run -a -s "-screen 0 1100x720x24" node scripts/bench-app.mjs "$(realpath "$vault")"
