#!/usr/bin/env bash
# Measures what docs/evaluation.md reports for each engine present: cold start (a fresh process that loads a
# small module and makes its first call), peak memory of that process, and what the engine adds to an
# application's bundle. The managed engine runs through `healthwatch invoke`, both as built (IL only) and as
# published for this machine's RID (ReadyToRun, what the sidecar ships); node/V8 through eng/bench-v8.mjs; the
# same module and call on all. Each figure is the median of N fresh processes.
# Usage: eng/evaluate.sh [N=11]       Prints a markdown table on stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-11}
artifacts=${HEALTHWATCH_EVAL_ARTIFACTS:-/tmp/art-eval}
module="$root/tests/modules/c/fib.wasm"
call=(fib 20)

dotnet build "$root/src/HealthWatch.Cli" -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
cli_dir="$artifacts/bin/HealthWatch.Cli/release"
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
published="$artifacts/published"
dotnet publish "$root/src/HealthWatch.Cli" -c Release -r "$rid" --self-contained false -o "$published" \
  --artifacts-path "$artifacts" -v quiet -nologo >&2

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# One fresh process: prints "wall_ms peak_rss_kb compile_ms instantiate_ms first_call_ms".
measure() {
  local err start end
  err=$(mktemp)
  start=$(date +%s%N)
  /usr/bin/time -f 'rss %M' "$@" >/dev/null 2>"$err"
  end=$(date +%s%N)
  local rss timing
  rss=$(sed -n 's/^rss \([0-9]*\)$/\1/p' "$err")
  timing=$(sed -n 's/^timing: compile_ms=\([0-9.]*\) instantiate_ms=\([0-9.]*\) first_call_ms=\([0-9.]*\) .*$/\1 \2 \3/p' "$err")
  rm -f "$err"
  [ -n "$timing" ] || { echo "no timing line from: $*" >&2; exit 1; }
  echo "$(( (end - start) / 1000000 )) $rss $timing"
}

# Median of each column over N runs of one command.
summarize() {
  local samples
  samples=$(mktemp)
  for _ in $(seq "$runs"); do measure "$@" >>"$samples"; done
  local column out=""
  for column in 1 2 3 4 5; do out+="$(cut -d' ' -f"$column" "$samples" | median) "; done
  rm -f "$samples"
  echo "$out"
}

read -r m_wall m_rss m_compile m_inst m_first < <(summarize dotnet "$cli_dir/healthwatch.dll" invoke "$module" "${call[@]}" --repeat 1)
read -r p_wall p_rss p_compile p_inst p_first < <(summarize dotnet "$published/healthwatch.dll" invoke "$module" "${call[@]}" --repeat 1)
read -r v_wall v_rss v_compile v_inst v_first < <(summarize node "$root/eng/bench-v8.mjs" "$module" "${call[@]}" --repeat 1)

managed_bytes=$(stat -c %s "$cli_dir/HealthWatch.Runtime.dll" "$cli_dir/HealthWatch.Runtime.Engines.Managed.dll" | paste -sd+ | bc)
r2r_bytes=$(stat -c %s "$published/HealthWatch.Runtime.dll" "$published/HealthWatch.Runtime.Engines.Managed.dll" | paste -sd+ | bc)
node_bytes=$(stat -L -c %s "$(command -v node)")

echo "Module: \`tests/modules/c/fib.wasm\` ($(stat -c %s "$module") bytes), call \`${call[*]}\`; median of $runs fresh processes."
echo "Machine: $(nproc) cores, $(dotnet --version) SDK, node $(node --version); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| engine | process wall ms | compile ms | instantiate ms | first call ms | peak RSS MB | engine bytes |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '| managed (`healthwatch invoke`) | %s | %s | %s | %s | %.1f | %s (HealthWatch.Runtime + Engines.Managed) |\n' \
  "$m_wall" "$m_compile" "$m_inst" "$m_first" "$(echo "$m_rss / 1024" | bc -l)" "$managed_bytes"
printf '| managed, ReadyToRun (`dotnet publish -r %s`) | %s | %s | %s | %s | %.1f | %s |\n' \
  "$rid" "$p_wall" "$p_compile" "$p_inst" "$p_first" "$(echo "$p_rss / 1024" | bc -l)" "$r2r_bytes"
printf '| node/V8 (`eng/bench-v8.mjs`) | %s | %s | %s | %s | %.1f | %s (the node binary) |\n' \
  "$v_wall" "$v_compile" "$v_inst" "$v_first" "$(echo "$v_rss / 1024" | bc -l)" "$node_bytes"
