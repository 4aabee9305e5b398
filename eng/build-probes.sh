#!/usr/bin/env bash
# Rebuilds every probe under samples/probes from its source, then prints each probe's size and imports.
# Deterministic: the same tools (eng/install-tools.sh, and the AssemblyScript version pinned in
# samples/probes/assemblyscript/package-lock.json) give the same bytes.
#
#   samples/probes/*.c           freestanding C (include/healthwatch.h)       -> samples/probes/NAME.wasm
#   samples/probes/wasi-*.c      C with wasi-libc, as a WASI reactor          -> samples/probes/NAME.wasm
#   samples/probes/assemblyscript/*.ts (all but healthwatch.ts)               -> samples/probes/NAME-as.wasm
#   samples/probes/hostile/*.wat                                              -> samples/probes/hostile/NAME.wasm
#
# C: clang-19 -c then wasm-ld-19 directly (as eng/build-test-modules.sh does), because the clang driver would
# run wasm-opt (if installed) after linking, which strips the name section that backtraces need and ties the
# output to binaryen's version. -mbulk-memory lets clang lower memcpy/memset (struct copies, zeroing) to
# memory.copy/fill instead of calls to a libc the freestanding probes do not have.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
probes="$root/samples/probes"
"$root/eng/install-tools.sh"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cflags=(-O2 -mbulk-memory -Wall -Wextra -Werror -I"$probes/include")

cd "$probes"
for source in *.c; do
  name=${source%.c}
  case "$name" in
  wasi-*)
    # A reactor: crt1-reactor.o provides _initialize (libc constructors), which the host calls once before
    # hw_alloc. --strip-debug drops the DWARF Debian's libc.a carries; the name section stays.
    clang-19 --target=wasm32-wasi "${cflags[@]}" -c -o "$scratch/$name.o" "$source"
    wasm-ld-19 -L/usr/lib/wasm32-wasi /usr/lib/wasm32-wasi/crt1-reactor.o "$scratch/$name.o" -lc \
      --entry _initialize --strip-debug -o "$name.wasm"
    ;;
  *)
    clang-19 --target=wasm32 -nostdlib -ffreestanding "${cflags[@]}" -c -o "$scratch/$name.o" "$source"
    wasm-ld-19 --no-entry -o "$name.wasm" "$scratch/$name.o"
    ;;
  esac
done

# AssemblyScript: --runtime stub is a bump allocator without GC (a probe runs once); --use abort=... swaps the
# default env.abort import, which the host would refuse, for healthwatch.ts's hwAbort; --debug keeps the name
# section (the code is the same as without it).
cd "$probes/assemblyscript"
npm ci --no-audit --no-fund --loglevel=error
for source in *.ts; do
  [ "$source" = healthwatch.ts ] && continue
  name=${source%.ts}
  npx --no-install asc "$source" -O3 --debug --runtime stub --use abort=healthwatch/hwAbort -o "$probes/$name-as.wasm"
done

# Hostile WAT. A line ";; @locals N T" is expanded to (local T T ... T) with N entries, so that
# deep-recursion-large-frames.wat can declare 50,000 locals without 50,000 words in its source.
cd "$probes/hostile"
for source in *.wat; do
  name=${source%.wat}
  awk '{ if (match($0, /;; @locals [0-9]+ [a-z0-9]+/)) { split(substr($0, RSTART, RLENGTH), w, " ");
           line = "(local"; for (i = 0; i < w[3]; i++) line = line " " w[4]; print line ")" } else print }' \
    "$source" > "$scratch/$source"
  wat2wasm --enable-all --debug-names -o "$name.wasm" "$scratch/$source"
done

# Report: size and imports of every probe. wasm-validate uses wabt's default features (WebAssembly 2.0:
# bulk memory, sign extension, ...), so a probe that needs anything newer fails the build here.
cd "$probes"
printf '%-44s %8s  %s\n' probe bytes imports
for wasm in *.wasm hostile/*.wasm; do
  wasm-validate "$wasm"
  # wasm-objdump fails on a module without an Import section; that is "(none)", not an error.
  imports=$( (wasm-objdump -x -j Import "$wasm" 2>/dev/null || true) | sed -n 's/.* <- \(.*\)$/\1/p' | paste -sd' ' -)
  printf '%-44s %8s  %s\n' "$wasm" "$(stat -c %s "$wasm")" "${imports:-(none)}"
done
