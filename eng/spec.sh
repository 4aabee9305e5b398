#!/usr/bin/env bash
# Runs the WebAssembly core spec suite against an engine (Release build): --engine managed (the default), managed-compiled, managed-interpreted, managed-tierup (promotion at the second call or loop iteration) or wasmtime.
# Prints one line per .wast file, then `spec: N passed, M failed, K skipped`; with wasmtime and no libwasmtime
# (docs/wasmtime.md) one line `spec (wasmtime): skipped: libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB)`.
# Usage: eng/spec.sh [DIR] [--engine managed|managed-compiled|managed-interpreted|managed-tierup|wasmtime] [--file NAME]... [--verbose] [--jobs N]
#   DIR defaults to $HEALTHWATCH_WASM_SPEC_DIR, else ../shared/wasm-spec next to the repository.
#   Set SPEC_ARTIFACTS_PATH to build into a private folder (e.g. when others build in the same tree).
# Exit code is the runner's: 0 every failure is in known-failures.txt (or the engine is skipped), 1 otherwise,
# 2 suite not found.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
project=tests/HealthWatch.Runtime.Conformance
artifacts=()
if [ -n "${SPEC_ARTIFACTS_PATH:-}" ]; then
  artifacts=(--artifacts-path "$SPEC_ARTIFACTS_PATH")
fi
# Build output goes to stderr so that stdout holds only the report.
dotnet build "$project" -c Release -nologo -v quiet "${artifacts[@]}" >&2
exec dotnet run --project "$project" -c Release --no-build "${artifacts[@]}" -- "$@"
