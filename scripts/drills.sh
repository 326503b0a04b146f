#!/usr/bin/env bash
# Fault drills for `candor`: kill -9 at random points of init, demo, import, backup and a
# save loop; four writers and a reader; a full disk (root only); hostile key files,
# backups and imports; file modes; sockets under strace. Prints a table of runs,
# acknowledged writes, losses, panics and hangs, and exits non-zero when anything was
# lost, panicked or hung.
#
#   make drills                 (builds target/debug/candor first)
#   CANDOR_BIN=... DRILL_RUNS=20 scripts/drills.sh
#
# Not part of `make test`: it is slow and random by design.
set -u

BIN=${CANDOR_BIN:-target/debug/candor}
RUNS=${DRILL_RUNS:-10}
TIMEOUT=${DRILL_TIMEOUT:-60}
[ -x "$BIN" ] || { echo "drills: $BIN is missing; build it first (cargo build -p candor-cli)" >&2; exit 1; }
BIN=$(realpath "$BIN")
ROOT=$(mktemp -d "${TMPDIR:-/tmp}/candor-drills.XXXXXX")
trap 'umount "$ROOT/small" "$ROOT/full" 2>/dev/null; rm -rf "$ROOT"' EXIT
export CANDOR_PASSPHRASE="drill passphrase 1234"
export CANDOR_BACKUP_PASSPHRASE="drill backup passphrase"
export TMPDIR="$ROOT/tmp"
mkdir -p "$TMPDIR"

ROWS=()
BAD=0
ERRLOG="$ROOT/stderr.log"
: >"$ERRLOG"

# candor with a time limit; stderr kept for the panic count. Returns candor's status (124: hung).
c() {
  timeout "$TIMEOUT" "$BIN" "$@" 2>>"$ERRLOG"
}

# Runs candor in the background and kills it (-9) after a random 0..$1 ms.
kill_during() {
  local max=$1
  shift
  "$BIN" "$@" >/dev/null 2>>"$ERRLOG" &
  local pid=$!
  sleep "$(awk -v m="$max" -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % (m + 1)) / 1000 }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

count() { c --vault "$1" list --json --limit 1000000 | grep -o '"id":' | wc -l; }

panics_since() { # panics logged after byte offset $1
  tail -c +"$(($1 + 1))" "$ERRLOG" | grep -c "panicked" || true
}

row() { # drill runs acked losses panics hangs notes
  ROWS+=("$(printf '| %-18s | %4s | %12s | %6s | %6s | %5s | %s |' "$@")")
  if [ "$4" != "0" ] && [ "$4" != "-" ] || [ "$5" != "0" ] || [ "$6" != "0" ]; then BAD=1; fi
}

offset() { stat -c %s "$ERRLOG"; }

# --- init: a killed init leaves a whole journal or one the next init finishes.
drill_init() {
  local off losses=0 hangs=0 acked=0
  off=$(offset)
  for i in $(seq "$RUNS"); do
    local v="$ROOT/init-$i"
    kill_during 800 --vault "$v" init
    if c --vault "$v" list >/dev/null; then acked=$((acked + 1)); continue; fi
    c --vault "$v" init >/dev/null
    local s=$?
    [ $s -eq 124 ] && hangs=$((hangs + 1))
    c --vault "$v" list >/dev/null || losses=$((losses + 1))
  done
  row "init" "$RUNS" "$acked" "$losses" "$(panics_since "$off")" "$hangs" "stuck journals count as losses"
}

# --- demo: a killed first demo never leaves a journal that neither opens nor re-creates.
drill_demo() {
  local off losses=0 hangs=0
  off=$(offset)
  for i in $(seq "$RUNS"); do
    local v="$ROOT/demo-$i"
    kill_during 1500 --vault "$v" demo --entries 400
    c --vault "$v" list --limit 1 >/dev/null || c --vault "$v" demo --entries 50 >/dev/null
    [ $? -eq 124 ] && hangs=$((hangs + 1))
    c --vault "$v" list --limit 1 >/dev/null || losses=$((losses + 1))
  done
  row "demo" "$RUNS" "-" "$losses" "$(panics_since "$off")" "$hangs" "journal opens after the kill"
}

# --- import: all or nothing. A killed import leaves the journal as it was, or complete.
drill_import() {
  local off losses=0 acked=0 src="$ROOT/import-src"
  off=$(offset)
  c --vault "$src" demo --entries 300 >/dev/null
  c --vault "$src" export json "$ROOT/import.json" >/dev/null
  local total
  total=$(count "$src")
  for i in $(seq "$RUNS"); do
    local v="$ROOT/import-$i"
    c --vault "$v" init >/dev/null
    c --vault "$v" log note --body "before the import" >/dev/null
    kill_during 1500 --vault "$v" import json "$ROOT/import.json"
    local n
    n=$(count "$v")
    if [ "$n" -eq $((total + 1)) ]; then acked=$((acked + 1))
    elif [ "$n" -ne 1 ]; then losses=$((losses + 1)); fi
  done
  row "import" "$RUNS" "$acked" "$losses" "$(panics_since "$off")" 0 "partial imports count as losses"
}

# --- backup: a killed backup changes nothing in the journal; the next one cleans up after it.
drill_backup() {
  local off losses=0 hangs=0 acked=0 v="$ROOT/backup-v" out="$ROOT/backups"
  off=$(offset)
  c --vault "$v" demo --entries 150 >/dev/null
  mkdir -p "$out"
  local before
  before=$(count "$v")
  for i in $(seq "$RUNS"); do
    kill_during 4000 --vault "$v" backup create "$out/b-$i.age"
    [ -e "$out/b-$i.age" ] && acked=$((acked + 1)) && rm -f "$out/b-$i.age"
    c --vault "$v" backup create "$out/b-$i.age" >/dev/null
    [ $? -eq 124 ] && hangs=$((hangs + 1))
    c --vault "$v" backup verify "$out/b-$i.age" >/dev/null || losses=$((losses + 1))
    # Only the finished backups stay; nothing extra beside the journal.
    [ "$(find "$out" -name '.*' -type f | wc -l)" -eq 0 ] || losses=$((losses + 1))
    [ "$(find "$v" -name '.backup-snapshot-*' | wc -l)" -eq 0 ] || losses=$((losses + 1))
  done
  [ "$(count "$v")" -eq "$before" ] || losses=$((losses + 1))
  row "backup" "$RUNS" "$acked" "$losses" "$(panics_since "$off")" "$hangs" "leftovers after the next run count as losses"
}

# --- save loop: every save `candor` acknowledged (exit 0) is there after a kill -9.
drill_save_loop() {
  local off losses=0 acked=0 v="$ROOT/save-v" ack="$ROOT/acked"
  off=$(offset)
  c --vault "$v" init >/dev/null
  : >"$ack"
  for i in $(seq "$RUNS"); do
    (
      n=0
      while :; do
        n=$((n + 1))
        "$BIN" --vault "$v" log note --body "drill save $i-$n" >/dev/null 2>>"$ERRLOG" &&
          echo "drill save $i-$n" >>"$ack"
      done
    ) &
    local loop=$!
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", 0.3 + (r % 1500) / 1000 }')"
    # The loop's current candor first (mid-save), then the loop itself.
    for child in $(pgrep -P "$loop"); do kill -9 "$child" 2>/dev/null; done
    kill -9 "$loop" 2>/dev/null
    wait "$loop" 2>/dev/null
  done
  acked=$(wc -l <"$ack")
  local have="$ROOT/have"
  c --vault "$v" list --json --limit 1000000 | grep -o '"drill save [0-9-]*' | tr -d '"' | sort >"$have"
  losses=$(sort "$ack" | comm -23 - "$have" | wc -l)
  row "save loop" "$RUNS" "$acked" "$losses" "$(panics_since "$off")" 0 "acknowledged saves missing after kill -9"
}

# --- hostile key files: refused quickly with a message, never a hang or a panic.
drill_hostile_keys() {
  local off hangs=0 losses=0 runs=0 v="$ROOT/keys-v"
  off=$(offset)
  c --vault "$v" init >/dev/null
  cp "$v/keys.json" "$ROOT/keys.good"
  local cases=(
    's/"memory_kib": *[0-9]*/"memory_kib":4294967295/g'
    's/"passes": *[0-9]*/"passes":4294967295/g'
    's/"lanes": *[0-9]*/"lanes":1000000/g'
    's/"format": *[0-9]*/"format":99/'
    's/"wrapped": "./"wrapped": "g/'
    's/.*/{/'
    'TRUNCATE'
    'EMPTY'
    'BINARY'
  )
  for k in "${cases[@]}"; do
    runs=$((runs + 1))
    case $k in
      TRUNCATE) head -c 100 "$ROOT/keys.good" >"$v/keys.json" ;;
      EMPTY) : >"$v/keys.json" ;;
      BINARY) head -c 4096 /dev/urandom >"$v/keys.json" ;;
      *) sed "$k" "$ROOT/keys.good" >"$v/keys.json" ;;
    esac
    timeout 20 "$BIN" --vault "$v" list >/dev/null 2>>"$ERRLOG"
    local s=$?
    [ $s -eq 124 ] && hangs=$((hangs + 1))
    [ $s -eq 0 ] && losses=$((losses + 1)) # a hostile file must not open
  done
  cp "$ROOT/keys.good" "$v/keys.json"
  c --vault "$v" list >/dev/null || losses=$((losses + 1))
  row "hostile key files" "$runs" "-" "$losses" "$(panics_since "$off")" "$hangs" "accepted hostile files count as losses"
}

# --- file modes: the vault 0700, everything in it and every export or backup 0600.
drill_modes() {
  local off bad=0 runs=0 v="$ROOT/modes-v"
  off=$(offset)
  (umask 022 && c --vault "$v" init >/dev/null && c --vault "$v" log note --body "mode check" >/dev/null &&
    c --vault "$v" export json "$ROOT/modes.json" >/dev/null &&
    c --vault "$v" export markdown "$ROOT/modes-md" >/dev/null &&
    c --vault "$v" backup create "$ROOT/modes.age" >/dev/null)
  check() { # path expected-mode
    runs=$((runs + 1))
    local m
    m=$(stat -c %a "$1" 2>/dev/null || echo missing)
    if [ "$m" != "$2" ]; then bad=$((bad + 1)); echo "drills: $1 is $m, expected $2" >&2; fi
  }
  check "$v" 700
  for f in "$v"/*; do check "$f" 600; done
  check "$ROOT/modes.json" 600
  check "$ROOT/modes-md" 700
  while IFS= read -r f; do check "$f" 600; done < <(find "$ROOT/modes-md" -type f)
  check "$ROOT/modes.age" 600
  row "file modes" "$runs" "-" "$bad" "$(panics_since "$off")" 0 "files with a wider mode count as losses"
}

# --- four writers and a reader: every acknowledged save from four loops at once is there,
# and the reader never fails.
drill_writers() {
  local off losses=0 hangs=0 v="$ROOT/writers-v" ack="$ROOT/acked-w" reads=0 failed=0
  off=$(offset)
  c --vault "$v" init >/dev/null
  : >"$ack"
  local pids=()
  for w in 1 2 3 4; do
    (
      for n in $(seq $((RUNS * 2))); do
        timeout "$TIMEOUT" "$BIN" --vault "$v" log note --body "writer $w-$n" >/dev/null 2>>"$ERRLOG" &&
          echo "writer $w-$n" >>"$ack"
      done
    ) &
    pids+=($!)
  done
  while kill -0 "${pids[0]}" 2>/dev/null; do
    reads=$((reads + 1))
    c --vault "$v" search writer >/dev/null
    local s=$?
    [ $s -eq 124 ] && hangs=$((hangs + 1))
    [ $s -ne 0 ] && [ $s -ne 124 ] && failed=$((failed + 1))
  done
  wait "${pids[@]}"
  local have="$ROOT/have-w"
  c --vault "$v" list --json --limit 1000000 | grep -o '"writer [0-9-]*' | tr -d '"' | sort >"$have"
  losses=$(sort "$ack" | comm -23 - "$have" | wc -l)
  row "4 writers, reader" "$((RUNS * 8))" "$(wc -l <"$ack")" "$losses" "$(panics_since "$off")" "$hangs" "$reads reads, $failed refused busy"
}

# --- disk full (root only: a small tmpfs): reading works, a failed backup leaves nothing.
drill_disk_full() {
  local off losses=0 runs=0 mnt="$ROOT/full" small="$ROOT/small"
  mkdir -p "$mnt" "$small"
  if ! mount -t tmpfs -o size=8m tmpfs "$mnt" 2>/dev/null; then
    row "disk full" 0 "-" "-" 0 0 "skipped: mounting a tmpfs needs root"
    return
  fi
  mount -t tmpfs -o size=300k tmpfs "$small" 2>/dev/null
  off=$(offset)
  local v="$mnt/v"
  c --vault "$v" demo --entries 100 >/dev/null
  dd if=/dev/zero of="$mnt/fill" bs=64k 2>/dev/null
  for cmd in "list" "search promotion" "person list"; do
    runs=$((runs + 1))
    # shellcheck disable=SC2086
    c --vault "$v" $cmd >/dev/null || losses=$((losses + 1))
  done
  runs=$((runs + 1))
  c --vault "$v" backup create "$ROOT/full-ok.age" >/dev/null || losses=$((losses + 1))
  runs=$((runs + 1))
  c --vault "$v" backup create "$small/b.age" >/dev/null && losses=$((losses + 1))
  [ -z "$(ls -A "$small")" ] || losses=$((losses + 1))
  umount "$small" 2>/dev/null
  umount "$mnt" 2>/dev/null
  row "disk full" "$runs" "-" "$losses" "$(panics_since "$off")" 0 "reads that fail, or leftovers, count as losses"
}

# --- no network: no socket(), connect() or bind() in any command (needs strace).
drill_sockets() {
  local off runs=0 found=0 v="$ROOT/sockets-v" trace="$ROOT/trace"
  if ! command -v strace >/dev/null; then
    row "sockets" 0 "-" "-" 0 0 "skipped: strace is not installed"
    return
  fi
  off=$(offset)
  for cmd in "demo --entries 50" "list" "search promotion" "nudges" "themes" \
    "export json $ROOT/sockets.json" "backup create $ROOT/sockets.age"; do
    runs=$((runs + 1))
    # shellcheck disable=SC2086
    timeout "$TIMEOUT" strace -f -qq -e trace=socket,connect,bind -o "$trace" \
      "$BIN" --vault "$v" $cmd >/dev/null 2>>"$ERRLOG"
    found=$((found + $(grep -c . "$trace")))
  done
  row "sockets (strace)" "$runs" "-" "$found" "$(panics_since "$off")" 0 "socket calls count as losses"
}

# --- hostile backups and imports: random, truncated and empty files are refused (never
# accepted, never a hang or a panic); a good backup still verifies after.
drill_hostile_files() {
  local off hangs=0 losses=0 runs=0 v="$ROOT/hostile-v" f="$ROOT/hostile"
  off=$(offset)
  c --vault "$v" demo --entries 30 >/dev/null
  c --vault "$v" backup create "$ROOT/good.age" >/dev/null
  c --vault "$v" export json "$ROOT/good.json" >/dev/null
  for kind in random truncated-backup truncated-json empty; do
    case $kind in
      random) head -c 65536 /dev/urandom >"$f" ;;
      truncated-backup) head -c "$(($(stat -c %s "$ROOT/good.age") / 2))" "$ROOT/good.age" >"$f" ;;
      truncated-json) head -c "$(($(stat -c %s "$ROOT/good.json") / 2))" "$ROOT/good.json" >"$f" ;;
      empty) : >"$f" ;;
    esac
    for cmd in "backup verify" "import json" "import jrnl" "import dayone"; do
      runs=$((runs + 1))
      # shellcheck disable=SC2086
      c --vault "$v" $cmd "$f" >/dev/null
      local s=$?
      [ $s -eq 124 ] && hangs=$((hangs + 1))
      # jrnl reads any text as entries; everything else must refuse these files.
      if [ $s -eq 0 ] && [ "$cmd" != "import jrnl" ]; then losses=$((losses + 1)); fi
    done
  done
  rm -f "$f"
  runs=$((runs + 1))
  c --vault "$v" backup verify "$ROOT/good.age" >/dev/null || losses=$((losses + 1))
  row "hostile files" "$runs" "-" "$losses" "$(panics_since "$off")" "$hangs" "backups and imports that should be refused but open count as losses"
}

drill_init
drill_demo
drill_import
drill_backup
drill_save_loop
drill_writers
drill_disk_full
drill_hostile_keys
drill_hostile_files
drill_modes
drill_sockets

echo "| drill              | runs | acknowledged | losses | panics | hangs | notes |"
echo "|--------------------|------|--------------|--------|--------|-------|-------|"
printf '%s\n' "${ROWS[@]}"
exit $BAD
