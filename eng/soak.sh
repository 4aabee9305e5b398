#!/usr/bin/env bash
# Load and soak: for MINUTES, keeps 1,000 probe runs in flight (a mix of good and hostile probes, eng/soak/HealthWatch.Soak/
# ProbeMix.cs) against a loopback server, half through ProbeRuntime in the soak process and half through the sidecar
# (healthwatch serve --stdio, JSON-RPC); reports throughput, p50/p99 latency, thread pool and memory every few
# seconds. At a quarter of the time and at the end it lets the runs drain and measures memory at rest; it fails (exit
# 1) if the GC heap, a working set or the open file descriptors grew past the stated tolerance, if a run was lost or
# answered twice, or if a run ended otherwise than its case expects. Ends with a line `soak: ...: flat, ok`.
# Usage: eng/soak.sh [MINUTES=10]   (SOAK_CONCURRENCY overrides the 1,000 runs in flight)
#   Builds the soak tool and the CLI into $SOAK_ARTIFACTS_PATH (default /tmp/art-soak).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
minutes="${1:-10}"
artifacts="${SOAK_ARTIFACTS_PATH:-/tmp/art-soak}"
dotnet build src/HealthWatch.Cli -c Release -nologo -v quiet --artifacts-path "$artifacts" >&2
dotnet build eng/soak/HealthWatch.Soak -c Release -nologo -v quiet --artifacts-path "$artifacts" >&2
exec dotnet "$artifacts/bin/HealthWatch.Soak/release/HealthWatch.Soak.dll" "$minutes" \
  "$artifacts/bin/HealthWatch.Cli/release/healthwatch.dll" "$root/samples/probes"
