#!/usr/bin/env bash
# Packs every project under src/ (the libraries, and the CLI as the dotnet tool `healthwatch`) into artifacts/packages:
# .nupkg with README, license and XML docs, plus .snupkg symbols.
#   eng/pack.sh [-o DIR] [-v VERSION] [-- extra dotnet pack arguments]
# -v overrides Directory.Build.props' Version, e.g. a prerelease 0.1.0-ci.42; every package and its dependencies
# on the others get it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/packages"
version=""
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$(realpath -m "$2")"; shift 2 ;;
    -v) version="$2"; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: eng/pack.sh [-o DIR] [-v VERSION] [-- dotnet pack args]" >&2; exit 2 ;;
  esac
done

# One pack of a solution filter holding the src/ projects, so MSBuild builds them once, in parallel, and a new
# project under src/ is packed without touching this script.
filter="$root/artifacts/pack.slnf"
mkdir -p "$(dirname "$filter")"
projects=$(cd "$root" && find src -mindepth 2 -maxdepth 2 -name '*.csproj' | sort | sed 's/.*/      "&",/' | sed '$ s/,$//')
cat > "$filter" <<JSON
{
  "solution": {
    "path": "../HealthWatch.Runtime.sln",
    "projects": [
$projects
    ]
  }
}
JSON

args=(pack "$filter" -c Release -o "$out" -nologo)
[ -n "$version" ] && args+=("-p:Version=$version")
dotnet "${args[@]}" "$@"
echo "packages in $out:"
ls -1 "$out" | sed 's/^/  /'
