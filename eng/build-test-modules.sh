#!/usr/bin/env bash
# Rebuilds every test module under tests/modules and the .wat modules of tests/HealthWatch.Runtime.Tests from their
# sources, and regenerates tests/modules/expected.json by running the cases of tests/modules/cases.json under node.
# Deterministic: the same tools give the same bytes.
# C: clang-19 -c then wasm-ld-19 directly, because the clang driver would run wasm-opt (if installed) after
# linking, which strips the name section the backtrace tests need and ties the output to binaryen's version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
modules="$root/tests/modules"
"$root/eng/install-tools.sh"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cd "$modules/c"
for source in *.c; do
  name=${source%.c}
  # A module's extra flags sit in its source as "build-flags: ..." (e.g. -mbulk-memory).
  flags=$(sed -n 's/.*build-flags: //p' "$source")
  # shellcheck disable=SC2086
  clang-19 --target=wasm32 -O2 -nostdlib -ffreestanding -Wall -Wextra -Wtype-limits -Werror $flags -c -o "$scratch/$name.o" "$source"
  wasm-ld-19 --no-entry -o "$name.wasm" "$scratch/$name.o"
  echo "built c/$name.wasm ($(stat -c %s "$name.wasm") bytes)"
done

cd "$modules/wat"
for source in *.wat; do
  wat2wasm --debug-names -o "${source%.wat}.wasm" "$source"
  echo "built wat/${source%.wat}.wasm"
done

# The runtime tests' own modules: engine behaviour and capabilities with their name sections (backtraces, messages),
# the probe runtime's test probes without.
for folder in Modules:--debug-names Capabilities/Modules:--debug-names Probes/Modules:; do
  cd "$root/tests/HealthWatch.Runtime.Tests/${folder%%:*}"
  for source in *.wat; do
    # shellcheck disable=SC2086 # the flags are one word or none
    wat2wasm ${folder#*:} -o "${source%.wat}.wasm" "$source"
    echo "built HealthWatch.Runtime.Tests/${folder%%:*}/${source%.wat}.wasm"
  done
done

# The managed engine's unit-test modules: --no-check for the invalid modules of Validation, plus any flags a source
# names as "build-flags: ...".
cd "$root/tests/HealthWatch.Runtime.Engines.Managed.Tests/Modules"
for source in */*.wat; do
  flags=$(sed -n 's/.*build-flags: //p' "$source")
  case "$source" in Validation/*) flags="--no-check $flags" ;; esac
  # shellcheck disable=SC2086
  wat2wasm $flags -o "${source%.wat}.wasm" "$source"
  echo "built HealthWatch.Runtime.Engines.Managed.Tests/Modules/${source%.wat}.wasm"
done

node "$modules/node-invoke.mjs" "$modules/cases.json" > "$scratch/expected.json"
mv "$scratch/expected.json" "$modules/expected.json"
echo "wrote tests/modules/expected.json ($(grep -c '"export"' "$modules/expected.json") cases)"
