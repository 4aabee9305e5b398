#!/usr/bin/env bash
# Publishes the healthwatch command (the sidecar an editor extension bundles) self-contained, as one executable per
# RID, into artifacts/sidecar/<rid>/: the extension needs no .NET installed. See docs/sidecar.md, "Bundling".
#   eng/publish-sidecar.sh [RID...]          (default: this machine's RID)
# Compressed (half the size; the runtime inflates the assemblies in memory at start-up) and with invariant
# globalization (probes need no culture data, and the executable then needs no libicu on the machine).
# Not NativeAOT: the managed engine compiles WebAssembly to CIL with Reflection.Emit at run time. Not trimmed: its
# compiler binds runtime helpers by reflection, which the trimmer cannot follow (12 trim warnings, IL2026-IL2090).
# Each RID needs its runtime and apphost packs from the package registry; a RID whose packs it lacks is reported by
# name, the others are still published, and the script exits 1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/sidecar"
if [ $# -eq 0 ]; then
  set -- "$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
fi

failed=()
for rid in "$@"; do
  echo "== $rid"
  log="$(mktemp)"
  if dotnet publish "$root/src/HealthWatch.Cli/HealthWatch.Cli.csproj" -c Release -r "$rid" --self-contained \
      -p:PublishSingleFile=true -p:EnableCompressionInSingleFile=true -p:DebugType=none -p:PublishDocumentationFiles=false -p:InvariantGlobalization=true \
      --artifacts-path "$root/artifacts/sidecar-build" -o "$out/$rid" -nologo >"$log" 2>&1; then
    exe="$out/$rid/healthwatch"
    [ -f "$exe.exe" ] && exe="$exe.exe"
    echo "$rid: $exe ($(( $(stat -c %s "$exe") / 1024 / 1024 )) MiB)"
  else
    if grep -q 'NU1101\|NU1102' "$log"; then
      echo "error: $rid: the package registry has no runtime packs for $rid:" >&2
      grep -o 'Unable to find package [^ ]*' "$log" | sort -u | sed 's/^/  /' >&2
    else
      echo "error: $rid: publish failed:" >&2
      grep -E 'error' "$log" | sort -u | head -n 20 >&2
    fi
    failed+=("$rid")
  fi
  rm -f "$log"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "not published: ${failed[*]}" >&2
  exit 1
fi
