using System.Diagnostics;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities.Basic;

/// <summary>The <c>clock</c> capability's <c>healthwatch</c> imports, and the clocks WASI's share.</summary>
internal static class ClockFunctions
{
    // Monotonic time counts from when this class was first used, not from boot, so probes do not learn the host's uptime.
    private static readonly long Origin = Stopwatch.GetTimestamp();

    public static IReadOnlyList<HostImport> Imports { get; } =
    [
        new(HostFunctions.HealthWatch, "clock_now_ms", new FuncType([], [ValType.I64]), _ => (_, r) => r[0] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
        new(HostFunctions.HealthWatch, "clock_monotonic_ns", new FuncType([], [ValType.I64]), _ => (_, r) => r[0] = MonotonicNanoseconds()),
    ];

    /// <summary>Nanoseconds since the Unix epoch (100 ns resolution).</summary>
    public static long RealtimeNanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Nanoseconds since an arbitrary start; never goes back.</summary>
    public static long MonotonicNanoseconds()
    {
        var ticks = Stopwatch.GetTimestamp() - Origin;
        // Whole seconds and the remainder apart, so that neither overflows nor loses precision.
        return (ticks / Stopwatch.Frequency * 1_000_000_000) + (ticks % Stopwatch.Frequency * 1_000_000_000 / Stopwatch.Frequency);
    }

    /// <summary>The monotonic clock's resolution in nanoseconds.</summary>
    public static long MonotonicResolution() => Math.Max(1, 1_000_000_000 / Stopwatch.Frequency);
}
