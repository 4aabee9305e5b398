#!/usr/bin/env bash
# Builds the runtime packages HealthWatch.Runtime.Native.<rid> from the official Wasmtime C API release archives.
# For each RID: download the archive named in wasmtime-archives.txt (or take it from --archive-dir), check its
# SHA-256 against the one pinned there, take lib/<libwasmtime> out of it, and pack it under runtimes/<rid>/native/.
# Nothing else in the build depends on this script.
#
# Usage: eng/native/pack-native.sh [RID|all] [--out DIR] [--archive-dir DIR] [--list FILE]
#   RID          one of the RIDs in the list (default: all)
#   --out        where the .nupkg files go (default: artifacts/native)
#   --archive-dir  take <archive> from DIR instead of downloading it (offline builds)
#   --list       another archive list (default: eng/native/wasmtime-archives.txt)
# Exit codes: 0 packed, 2 usage, 3 download failed, 4 SHA-256 not pinned or mismatched, 5 archive lacks the library.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
list="$here/wasmtime-archives.txt"
out="$root/artifacts/native"
archive_dir=""
target="all"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --archive-dir) archive_dir="$2"; shift 2 ;;
    --list) list="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "error: unknown option $1" >&2; exit 2 ;;
    *) target="$1"; shift ;;
  esac
done

version="$(awk '$1 == "version" { print $2 }' "$list")"
entries="$(grep -v '^#' "$list" | awk 'NF == 3 && $1 != "version"')"
if [ "$target" != "all" ] && ! awk -v r="$target" '$1 == r { found = 1 } END { exit !found }' <<< "$entries"; then
  echo "error: unknown RID $target; known: $(awk '{ printf "%s ", $1 }' <<< "$entries")" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

pack_one() {
  local rid="$1" archive="$2" pinned="$3"
  local url="https://github.com/bytecodealliance/wasmtime/releases/download/v$version/$archive"
  local file="$work/$archive"
  if [ -n "$archive_dir" ]; then
    cp "$archive_dir/$archive" "$file"
  else
    echo "downloading $url" >&2
    if ! curl -fsSL --connect-timeout 10 --max-time 600 -o "$file" "$url"; then
      echo "error: could not download $url: this machine cannot reach Wasmtime's releases (no network beyond the package registries?). Download $archive elsewhere and pass --archive-dir DIR." >&2
      return 3
    fi
  fi

  local actual
  actual="$(sha256sum "$file" | awk '{ print $1 }')"
  if [ "$pinned" = "-" ]; then
    echo "error: no SHA-256 is pinned for $archive in $list (it is $actual here); verify the archive out of band, pin the hash, then pack." >&2
    return 4
  fi
  if [ "$actual" != "$pinned" ]; then
    echo "error: SHA-256 mismatch for $archive: pinned $pinned, got $actual; refusing to pack it." >&2
    return 4
  fi

  local name
  case "$rid" in
    win-*) name="wasmtime.dll" ;;
    osx-*) name="libwasmtime.dylib" ;;
    *) name="libwasmtime.so" ;;
  esac
  local unpacked="$work/$rid"
  mkdir -p "$unpacked"
  case "$archive" in
    *.zip) unzip -q "$file" -d "$unpacked" ;;
    *) tar -xf "$file" -C "$unpacked" ;;
  esac
  local dir="$unpacked/${archive%.tar.xz}"
  dir="${dir%.zip}"
  if [ ! -f "$dir/lib/$name" ]; then
    echo "error: $archive has no lib/$name" >&2
    return 5
  fi

  mkdir -p "$out"
  dotnet pack "$here/HealthWatch.Runtime.Native.csproj" -c Release -nologo -v quiet -o "$out" \
    --artifacts-path "$work/artifacts-$rid" \
    "-p:Rid=$rid" "-p:NativeFile=$dir/lib/$name" "-p:LicenseFile=$dir/LICENSE" "-p:WasmtimeVersion=$version" >&2
  echo "packed HealthWatch.Runtime.Native.$rid $version into $out"
}

status=0
while read -r rid archive pinned; do
  if [ "$target" = "all" ] || [ "$target" = "$rid" ]; then
    pack_one "$rid" "$archive" "$pinned" || status=$?
    if [ "$status" -ne 0 ]; then
      exit "$status"
    fi
  fi
done <<< "$entries"
