#!/usr/bin/env bash
# Start-up benchmark (issue 11): wall time of short commands through the real launcher.
#   ./patchwarden bench startup [--runs N] [--asset NAME] [--home DIR] [--keep]
# Builds a warm demo store in a temporary home (or reuses --home DIR when it already holds one),
# runs every command once to create its class-data archive, then prints the median of N runs
# (5 by default) of: --version, findings --asset NAME, scan (this host), vercmp of 200 pairs.
# Wall time includes the launcher's own work (JDK lookup, jar freshness check).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS=5
ASSET=llm-gateway
HOME_DIR=""
KEEP=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --asset) ASSET="$2"; shift 2 ;;
    --home) HOME_DIR="$2"; shift 2 ;;
    --keep) KEEP=true; shift ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench startup: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$RUNS" in ''|*[!0-9]*|0) echo "bench startup: --runs takes a positive number, not '$RUNS'" >&2; exit 2 ;; esac

if [ -z "$HOME_DIR" ]; then
  HOME_DIR="$(mktemp -d /tmp/patchwarden-startup.XXXXXX)"
  $KEEP || trap 'rm -rf "$HOME_DIR"' EXIT
fi
PW="$ROOT/patchwarden"
DEMO="$HOME_DIR/demo"

if [ ! -f "$DEMO/patchwarden.db" ]; then
  echo "building the demo store in $DEMO (once)…" >&2
  "$PW" --home "$HOME_DIR" demo >/dev/null
fi

PAIRS="$HOME_DIR/pairs.tsv"
for i in $(seq 1 100); do
  printf '1.%d-1\t1.%d-2\n1:2.%d~rc1\t2.%d\n' "$i" "$i" "$i" "$i"
done >"$PAIRS"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

# run_case LABEL CMD... : one warm-up run (archives are made then), then RUNS timed runs; prints the
# median wall time and the median CPU time (user + system, which other load on the machine
# disturbs less than wall time).
run_case() {
  local label="$1"; shift
  local i walls=() cpus=() t
  "$@" </dev/null >/dev/null 2>&1 || { echo "bench startup: '$label' failed:" >&2; "$@" </dev/null >/dev/null || true; exit 1; }
  # The launcher builds the command's AOT cache in the background after its first run: wait for it.
  for i in $(seq 1 120); do
    compgen -G "$ROOT/app/target/aot/*/*.lock" >/dev/null || break
    sleep 0.5
  done
  local TIMEFORMAT='%3R %3U %3S'
  for i in $(seq 1 "$RUNS"); do
    t="$( { time "$@" >/dev/null 2>&1; } 2>&1 )"
    walls+=("$(awk '{printf "%d", $1 * 1000}' <<<"$t")")
    cpus+=("$(awk '{printf "%d", ($2 + $3) * 1000}' <<<"$t")")
  done
  printf '%-28s %6s ms wall %6s ms cpu   (wall: %s)\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" \
    "$(printf '%s\n' "${walls[@]}" | sort -n | tr '\n' ' ')"
}

vercmp_case() { "$PW" vercmp --ecosystem deb --mode cmp <"$PAIRS"; }

echo "median of $RUNS runs, AOT ${PATCHWARDEN_AOT:-on}, store $DEMO, load average $(cut -d' ' -f1 /proc/loadavg)"
run_case "--version" "$PW" --version
run_case "findings --asset $ASSET" "$PW" --home "$DEMO" findings --asset "$ASSET"
run_case "scan (this host)" "$PW" --home "$DEMO" scan
run_case "vercmp (200 pairs)" vercmp_case
