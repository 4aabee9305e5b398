#!/usr/bin/env bash
# Differential fuzzing against V8: generates N random valid modules with binaryen (`wasm-opt -ttf` over seeded
# random bytes), runs every export under node (eng/fuzz/run-v8.mjs) and under the managed engine
# (eng/fuzz/HealthWatch.Fuzz), with the same fuzzing-support log imports on both sides, and compares the traces:
# results, trap or not, logged values bit for bit (any NaN equals any NaN) and a hash of memory after each call.
# binaryen's hang limit ends every call; a timeout on both sides (30 s per module in node, 10 s per call here)
# guards the rest, and both timing out agrees. Prints `fuzz: N modules, D divergences, C crashes`; each divergence or crash is saved, module and
# description, under $FUZZ_DIVERGENCES (default eng/fuzz/divergences, ignored by git).
# Usage: eng/fuzz-diff.sh [N=100] [seed=1]
#   Needs wasm-opt (binaryen) and node (eng/install-tools.sh). Work files go to $FUZZ_WORK (default /tmp/healthwatch-fuzz),
#   the build to $FUZZ_ARTIFACTS_PATH (default /tmp/art-fuzz).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-100}"
seed="${2:-1}"
work="${FUZZ_WORK:-/tmp/healthwatch-fuzz}"
divergences="${FUZZ_DIVERGENCES:-$root/eng/fuzz/divergences}"
artifacts="${FUZZ_ARTIFACTS_PATH:-/tmp/art-fuzz}"
features=(--enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory --enable-multivalue)

dotnet build eng/fuzz/HealthWatch.Fuzz -c Release -nologo -v quiet --artifacts-path "$artifacts" >&2
rm -rf "$work" && mkdir -p "$work" "$divergences"
results="$work/results.txt"
: > "$results"

# Seeded random bytes (xorshift32), 1-32 KiB per module: binaryen turns them into a module, so the seed fixes the module.
node -e '
  const [count, seed, dir] = [+process.argv[1], +process.argv[2], process.argv[3]];
  for (let i = 0; i < count; i++) {
    let x = (Math.imul(seed, 0x9E3779B1) ^ Math.imul(i + 1, 0x85EBCA6B)) | 1;
    const next = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return x >>> 0; };
    const bytes = Buffer.alloc(1024 + (next() % 31744));
    for (let j = 0; j < bytes.length; j++) bytes[j] = next() & 0xff;
    require("fs").writeFileSync(`${dir}/fuzz-${seed}-${i}.bin`, bytes);
  }' "$count" "$seed" "$work"

# One module: generate it, then trace it under node; a node failure other than a timeout is a crash.
run_v8() {
  local bin="$1" wasm="${1%.bin}.wasm" status=0
  # --denan keeps NaNs out of memory and integers: their payloads are nondeterministic, and the traces hash memory.
  wasm-opt -ttf "$bin" -o "$wasm" "${features[@]}" --denan 2>/dev/null
  timeout 30 node "$root/eng/fuzz/run-v8.mjs" "$wasm" > "$wasm.v8.txt" 2> "$wasm.v8.err" || status=$?
  if [ "$status" = 124 ]; then
    echo timeout > "$wasm.v8.txt"
  elif [ "$status" != 0 ]; then
    cp "$wasm" "$divergences/" && { echo "crash: node exited with $status"; cat "$wasm.v8.err"; } > "$divergences/${wasm##*/}.txt"
    echo "${wasm##*/} crash" >> "$results"
  fi
}
export -f run_v8
export root results divergences
export features_list="${features[*]}"
# shellcheck disable=SC2016 # expanded by the inner shell
find "$work" -name '*.bin' -print0 | xargs -0 -P "$(nproc)" -n 1 bash -c 'features=($features_list); run_v8 "$1"' _

# The managed side runs all modules in one process and records a verdict per module, so a module that kills the
# process is recorded as a crash and the rest run in a new process.
while :; do
  mapfile -t remaining < <(find "$work" -name '*.wasm' -printf '%f\n' | sort -V | grep -vxFf <(cut -d' ' -f1 "$results") | sed "s|^|$work/|")
  [ "${#remaining[@]}" -eq 0 ] && break
  if dotnet "$artifacts/bin/HealthWatch.Fuzz/release/HealthWatch.Fuzz.dll" diff "$results" "$divergences" "${remaining[@]}" 2> "$work/runner.err"; then
    break
  fi
  # The first module without a verdict is the one that was running when the process died.
  for wasm in "${remaining[@]}"; do
    name="${wasm##*/}"
    grep -q "^$name " "$results" && continue
    cp "$wasm" "$divergences/" && { echo "crash: the managed runner process died"; cat "$work/runner.err"; } > "$divergences/$name.txt"
    echo "$name crash" >> "$results"
    break
  done
done

echo "fuzz: $count modules, $(grep -c ' divergence$' "$results" || true) divergences, $(grep -c ' crash$' "$results" || true) crashes"
