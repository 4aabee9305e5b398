#!/usr/bin/env bash
# Mutation fuzzing of the managed engine's decoder, validator, compiler and runtime: mutates (truncation, bit flips,
# section shuffles and duplicates, oversized LEB128s and counts, splices) every .wasm of the spec suite and the
# repository, loads each input, and instantiates and calls what loads under small limits (1,000,000 fuel, 16 pages,
# 2 s). Only WasmException may come out; any other exception, a hang or a working set over 4 GiB is unexpected.
# Prints `mutate: N inputs, U unexpected`; unexpected inputs are saved under $MUTATE_OUT (default /tmp/healthwatch-mutate).
# Usage: eng/mutate.sh [N=100000] [seed=1]
#   The spec suite is read from $HEALTHWATCH_WASM_SPEC_DIR, else ../shared/wasm-spec (it is never copied here).
#   Builds into $FUZZ_ARTIFACTS_PATH (default /tmp/art-fuzz), away from others' builds in the tree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
count="${1:-100000}"
seed="${2:-1}"
spec="${HEALTHWATCH_WASM_SPEC_DIR:-$root/../shared/wasm-spec}"
out="${MUTATE_OUT:-/tmp/healthwatch-mutate}"
artifacts="${FUZZ_ARTIFACTS_PATH:-/tmp/art-fuzz}"
inputs=()
if [ -d "$spec" ]; then inputs+=("$spec"); else echo "mutate: no spec suite at $spec; using the repository's modules only" >&2; fi
mapfile -t own < <(git ls-files '*.wasm')
inputs+=("${own[@]}")
dotnet build eng/fuzz/HealthWatch.Fuzz -c Release -nologo -v quiet --artifacts-path "$artifacts" >&2
exec dotnet "$artifacts/bin/HealthWatch.Fuzz/release/HealthWatch.Fuzz.dll" mutate "$count" "$seed" "$out" "${inputs[@]}"
