#!/usr/bin/env bash
# Installs the tools that rebuild the repo's test modules (wabt, binaryen, clang/lld for wasm32, wasi-libc) and
# node, which computes their expected results (eng/build-test-modules.sh); the sample probes
# (eng/build-probes.sh) need the same plus npm.
# The tests themselves need only the .NET SDK: the built .wasm files are committed.
set -euo pipefail
packages=(wabt binaryen clang-19 lld-19 wasi-libc nodejs)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# npm (eng/build-probes.sh runs `npm ci` for the AssemblyScript probes) ships inside some nodejs packages and
# is a package of its own in others (Debian's).
if ! command -v npm >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  dpkg -s npm >/dev/null 2>&1 || { $sudo_cmd apt-get update -qq; DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq npm >/dev/null; }
fi
echo "tools: wat2wasm $(wat2wasm --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(clang-19 --version | head -1), node $(node --version)"
