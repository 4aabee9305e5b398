#!/usr/bin/env bash
# Compares two builds of our engine on the workloads of eng/bench-workloads.txt. The builds run process by process
# in turn (A, B, A, B, ...), so that both see the same machine; each process times R calls after W warm-up calls
# (healthwatch invoke --repeat R --warmup W), and each build's figure is its lowest median over N processes, the
# one least disturbed by other work. Differences under about 3% between two such runs are noise; code placement
# alone moves single workloads by 5-15% (docs/performance.md, "Tried and not kept").
# A build is a git revision or the path of a built healthwatch.dll. A revision is built in a worktree under /tmp
# (hw-ab-src-<commit>, kept for the next comparison; remove it with git worktree remove).
# Usage: eng/bench-ab.sh [--rounds N] [--repeat R] [--warmup W] [--unmetered] <A> <B>   (defaults 5, 21, 10)
# Without --unmetered the code meters fuel (a limit too large to reach), as under the probe runtime.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=5
repeat=21
warmup=10
fuel=(--fuel 1000000000000000000)
builds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --unmetered) fuel=(); shift ;;
    -*) echo "usage: eng/bench-ab.sh [--rounds N] [--repeat R] [--warmup W] [--unmetered] <A> <B>" >&2; exit 2 ;;
    *) builds+=("$1"); shift ;;
  esac
done
if [ ${#builds[@]} -ne 2 ]; then
  echo "usage: eng/bench-ab.sh [--rounds N] [--repeat R] [--warmup W] [--unmetered] <A> <B>" >&2
  exit 2
fi

# The CLI of a revision, built once into a directory named after its commit.
cli_of() {
  if [ -f "$1" ]; then echo "$1"; return; fi
  local commit source artifacts
  commit=$(git -C "$root" rev-parse --verify "$1^{commit}")
  source=/tmp/hw-ab-src-$commit
  artifacts=/tmp/hw-ab-art-$commit
  if [ ! -f "$artifacts/bin/HealthWatch.Cli/release/healthwatch.dll" ]; then
    [ -d "$source" ] || git -C "$root" worktree add --detach "$source" "$commit" >&2
    dotnet build "$source/src/HealthWatch.Cli" -c Release --artifacts-path "$artifacts" -v quiet -nologo >&2
  fi
  echo "$artifacts/bin/HealthWatch.Cli/release/healthwatch.dll"
}
cli_a=$(cli_of "${builds[0]}")
cli_b=$(cli_of "${builds[1]}")

median_ms() {
  # shellcheck disable=SC2086
  dotnet "$1" invoke "$root/tests/modules/c/$2" "$3" $4 --engine managed --repeat "$repeat" --warmup "$warmup" "${fuel[@]}" 2>&1 >/dev/null \
    | sed -n 's/^timing: .* median_call_ms=\([0-9.]*\)$/\1/p'
}

printf '%-22s %10s %10s %7s\n' export A_ms B_ms B/A
log_sum=0
count=0
while IFS='|' read -r _ module export args; do
  best_a=; best_b=
  for _ in $(seq "$rounds"); do
    a=$(median_ms "$cli_a" "$module" "$export" "$args" </dev/null)
    b=$(median_ms "$cli_b" "$module" "$export" "$args" </dev/null)
    if [ -z "$a" ] || [ -z "$b" ]; then echo "$module $export $args: no timing line" >&2; exit 1; fi
    best_a=$(awk -v x="$a" -v y="${best_a:-$a}" 'BEGIN { print (x < y) ? x : y }')
    best_b=$(awk -v x="$b" -v y="${best_b:-$b}" 'BEGIN { print (x < y) ? x : y }')
  done
  awk -v e="$export" -v a="$best_a" -v b="$best_b" 'BEGIN { printf "%-22s %10.3f %10.3f %7.3f\n", e, a, b, b / a }'
  log_sum=$(awk -v s="$log_sum" -v a="$best_a" -v b="$best_b" 'BEGIN { print s + log(b / a) }')
  count=$((count + 1))
done < <(grep -v '^#' "$root/eng/bench-workloads.txt")
awk -v s="$log_sum" -v n="$count" 'BEGIN { printf "%-22s %10s %10s %7.3f\n", "geometric mean", "", "", exp(s / n) }'
