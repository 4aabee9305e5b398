#!/usr/bin/env bash
# Rebuilds every probe under samples/probes from its source, then prints each probe's size and imports.
# Deterministic: the same tools (eng/install-tools.sh, and the AssemblyScript version pinned in
# samples/probes/assemblyscript/package-lock.json) give the same bytes.
#
#   samples/probes/*.c           freestanding C (include/healthwatch.h)       -> samples/probes/NAME.wasm
#   samples/probes/wasi-*.c      C with wasi-libc, as a WASI reactor          -> samples/probes/NAME.wasm
#   samples/probes/assemblyscript/*.ts (all but healthwatch.ts)               -> samples/probes/NAME-as.wasm
#   samples/probes/hostile/*.wat                                              -> samples/probes/hostile/NAME.wasm
#   samples/probes/hostile/*.c   freestanding C, as above                     -> samples/probes/hostile/NAME.wasm
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
# deep-recursion-large-frames.wat can declare 50,000 locals without 50,000 words in its source; a line
# ";; @repeat N TEXT" to N lines of TEXT (many-tables.wat's 1,000 tables).
cd "$probes/hostile"
for source in *.wat; do
  name=${source%.wat}
  awk '{ if (match($0, /;; @locals [0-9]+ [a-z0-9]+/)) { split(substr($0, RSTART, RLENGTH), w, " ");
           line = "(local"; for (i = 0; i < w[3]; i++) line = line " " w[4]; print line ")" }
         else if (match($0, /;; @repeat [0-9]+ /)) { split(substr($0, RSTART, RLENGTH), w, " ");
           text = substr($0, RSTART + RLENGTH); for (i = 0; i < w[3]; i++) print text }
         else print }' \
    "$source" > "$scratch/$source"
  wat2wasm --enable-all --debug-names -o "$name.wasm" "$scratch/$source"
done
# Hostile C: freestanding, like the samples.
for source in *.c; do
  name=${source%.c}
  clang-19 --target=wasm32 -nostdlib -ffreestanding "${cflags[@]}" -c -o "$scratch/$name.o" "$source"
  wasm-ld-19 --no-entry -o "$name.wasm" "$scratch/$name.o"
done

# The ABI's signatures (docs/probe-abi.md), as wasm-objdump prints them. check_abi fails the build when a probe
# exports hw_alloc/hw_probe/memory wrongly, or imports a healthwatch or WASI function with another type.
abi_signatures='
export hw_alloc (i32) -> i32
export hw_probe (i32, i32) -> i32
healthwatch.set_result (i32, i32) -> i32
healthwatch.log (i32, i32, i32) -> nil
healthwatch.clock_now_ms () -> i64
healthwatch.clock_monotonic_ns () -> i64
healthwatch.random_fill (i32, i32) -> i32
healthwatch.env_get (i32, i32, i32, i32) -> i32
healthwatch.json_get (i32, i32, i32, i32, i32, i32) -> i32
healthwatch.http_send (i32, i32) -> i32
healthwatch.http_wait (i32, i32) -> i32
healthwatch.http_response (i32, i32, i32) -> i32
healthwatch.http_body (i32, i32, i32, i32) -> i32
healthwatch.http_body_json (i32, i32, i32, i32, i32) -> i32
healthwatch.http_close (i32) -> i32
healthwatch.dns_resolve (i32, i32, i32, i32) -> i32
healthwatch.tcp_connect (i32, i32, i32, i32) -> i32
wasi_snapshot_preview1.fd_write (i32, i32, i32, i32) -> i32
wasi_snapshot_preview1.fd_close (i32) -> i32
wasi_snapshot_preview1.fd_seek (i32, i64, i32, i32) -> i32
wasi_snapshot_preview1.fd_fdstat_get (i32, i32) -> i32
wasi_snapshot_preview1.path_open (i32, i32, i32, i32, i32, i64, i64, i32, i32) -> i32
'
check_abi() {
  wasm-objdump -x "$1" | ABI="$abi_signatures" awk -v file="$1" '
    function index_of(field) { gsub(/^[a-z]+\[|\]$/, "", field); return field }
    BEGIN {
      n = split(ENVIRON["ABI"], lines, "\n")
      for (i = 1; i <= n; i++) if (lines[i] != "") {
        key = lines[i]; sub(/ \(.*/, "", key); sig = lines[i]; sub(/^[^(]*/, "", sig); want[key] = sig
      }
    }
    /^[A-Za-z]+\[[0-9]+\]:$/ { section = $1; sub(/\[.*/, "", section); next }
    section == "Type" && $2 ~ /^type\[/ { sig = $0; sub(/^ - type\[[0-9]+\] /, "", sig); type[index_of($2)] = sig }
    (section == "Import" || section == "Function") && $3 ~ /^sig=/ {
      sig = $3; sub(/^sig=/, "", sig); funcsig[index_of($2)] = type[sig]
      if (section == "Import" && $NF ~ /^healthwatch\./ && !($NF in want)) { print file ": " $NF " is not in the ABI"; bad = 1 }
      if (section == "Import" && ($NF in want) && want[$NF] != type[sig]) {
        print file ": import " $NF " is " type[sig] ", the ABI says " want[$NF]; bad = 1
      }
    }
    section == "Export" && $2 ~ /^(func|memory)\[/ {
      name = $NF; gsub(/"/, "", name); exported[name] = $2
      if (("export " name) in want && funcsig[index_of($2)] != want["export " name]) {
        print file ": export " name " is " funcsig[index_of($2)] ", the ABI says " want["export " name]; bad = 1
      }
    }
    END {
      if (exported["memory"] !~ /^memory/) { print file ": no memory export"; bad = 1 }
      if (exported["hw_alloc"] !~ /^func/) { print file ": no hw_alloc export"; bad = 1 }
      if (exported["hw_probe"] !~ /^func/) { print file ": no hw_probe export"; bad = 1 }
      exit bad
    }'
}

# Report: size and imports of every probe. wasm-validate uses wabt's default features (WebAssembly 2.0:
# bulk memory, sign extension, ...), so a probe that needs anything newer fails the build here.
cd "$probes"
printf '%-44s %8s  %s\n' probe bytes imports
for wasm in *.wasm hostile/*.wasm; do
  wasm-validate "$wasm"
  check_abi "$wasm"
  # wasm-objdump fails on a module without an Import section; that is "(none)", not an error.
  imports=$( (wasm-objdump -x -j Import "$wasm" 2>/dev/null || true) | sed -n 's/.* <- \(.*\)$/\1/p' | paste -sd' ' -)
  printf '%-44s %8s  %s\n' "$wasm" "$(stat -c %s "$wasm")" "${imports:-(none)}"
done
