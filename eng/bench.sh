#!/usr/bin/env bash
# Runs the same .wasm workloads (eng/bench-workloads.txt) under our managed engine and under node (V8), one process per
# workload and side, and writes the "Side by side with V8" section of docs/performance.md and its chart
# docs/performance-v8-ratios.svg (eng/bench-report.mjs). Both sides make W untimed calls, then R timed ones, in
# one instance, and report compile, instantiate, first call and median call times. Our engine runs each workload
# twice: as invoke runs it (no fuel metering, like V8; interruption checked), and with a fuel limit too large to
# reach, so that the code meters fuel as the probe runtime's does.
# Every workload runs in N rounds (ours then V8 each round), and the report keeps each figure's lowest value over
# the rounds, which is the least disturbed by other work on the machine.
# Usage: eng/bench.sh [--repeat R] [--warmup W] [--rounds N]    (defaults 31, 10, 5; about three minutes on 2 cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repeat=31
warmup=10
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: eng/bench.sh [--repeat R] [--warmup W] [--rounds N]" >&2; exit 2 ;;
  esac
done
# A private artifacts path, so that other builds in the same tree neither race with nor replace ours.
artifacts=${HEALTHWATCH_BENCH_ARTIFACTS:-/tmp/art-bench}

mapfile -t workloads < <(grep -v '^#' "$root/eng/bench-workloads.txt")

# Built once, then run as a dll: dotnet run would add its own build check and startup to every process.
dotnet build "$root/src/HealthWatch.Cli" -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
cli="$artifacts/bin/HealthWatch.Cli/release/healthwatch.dll"

# Far more than any workload uses, so that fuel is metered but never runs out.
unreachable_fuel=1000000000000000000
results=$(mktemp)
trap 'rm -f "$results"' EXIT
# The timing line's four figures, space-separated; the run's result must be the same on both sides.
run() {
  local output stderr_file
  stderr_file=$(mktemp)
  output=$("$@" 2>"$stderr_file")
  local timing
  timing=$(tail -n 1 "$stderr_file" | sed -n 's/^timing: compile_ms=\([0-9.]*\) instantiate_ms=\([0-9.]*\) first_call_ms=\([0-9.]*\) median_call_ms=\([0-9.]*\)$/\1 \2 \3 \4/p')
  rm -f "$stderr_file"
  if [ -z "$timing" ]; then echo "no timing line from: $*" >&2; exit 1; fi
  echo "$output|$timing"
}

for round in $(seq "$rounds"); do
  for workload in "${workloads[@]}"; do
    IFS='|' read -r name module export args <<<"$workload"
    wasm="$root/tests/modules/c/$module"
    # shellcheck disable=SC2086
    ours=$(run dotnet "$cli" invoke "$wasm" "$export" $args --repeat "$repeat" --warmup "$warmup")
    # shellcheck disable=SC2086
    metered=$(run dotnet "$cli" invoke "$wasm" "$export" $args --repeat "$repeat" --warmup "$warmup" --fuel "$unreachable_fuel")
    # shellcheck disable=SC2086
    v8=$(run node "$root/eng/bench-v8.mjs" "$wasm" "$export" $args --repeat "$repeat" --warmup "$warmup")
    if [ "${ours%%|*}" != "${v8%%|*}" ] || [ "${metered%%|*}" != "${v8%%|*}" ]; then
      echo "$module $export $args: results differ (ours ${ours%%|*}, metered ${metered%%|*}, V8 ${v8%%|*})" >&2
      exit 1
    fi
    echo "$name|$module $export $args|${ours#*|}|${v8#*|}|${metered#*|}" | tee -a "$results" >&2
  done
done

node "$root/eng/bench-report.mjs" "$results" "eng/bench.sh --repeat $repeat --warmup $warmup --rounds $rounds" \
  "$root/docs/performance.md" "$root/docs/performance-v8-ratios.svg"
