using System.Security.Cryptography;
using System.Text;
using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Engines;
using static HealthWatch.Runtime.Engines.ValType;

namespace HealthWatch.Runtime.Capabilities.Wasi;

/// <summary>WASI's process functions: arguments, environment, exit, clocks and randomness.</summary>
internal static class WasiSystem
{
    private const int Realtime = 0;
    private const int Monotonic = 1;

    /// <summary>What every run has: no arguments, the <c>env</c> grant's variables, <c>proc_exit</c>, <c>sched_yield</c>.</summary>
    public static IReadOnlyList<HostImport> Always { get; } =
    [
        HostFunctions.Returning(HostFunctions.Wasi, "args_sizes_get", [I32, I32], (context, a) =>
            WriteSizes(context, "args_sizes_get", a, 0, 0)),
        HostFunctions.Returning(HostFunctions.Wasi, "args_get", [I32, I32], (_, _) => WasiErrno.Success),
        HostFunctions.Returning(HostFunctions.Wasi, "environ_sizes_get", [I32, I32], (context, a) =>
        {
            var entries = Environment(context);
            return WriteSizes(context, "environ_sizes_get", a, (uint)entries.Count, (uint)entries.Sum(e => e.Length));
        }),
        HostFunctions.Returning(HostFunctions.Wasi, "environ_get", [I32, I32], EnvironGet),
        new(HostFunctions.Wasi, "proc_exit", new FuncType([I32], []), context => (a, _) =>
        {
            context.ExitCode = a[0].AsInt32();
            throw new ProbeExitException(a[0].AsInt32());
        }),
        HostFunctions.Returning(HostFunctions.Wasi, "sched_yield", [], (_, _) => WasiErrno.Success),
    ];

    /// <summary>The clocks, which the <c>clock</c> capability provides.</summary>
    public static IReadOnlyList<HostImport> Clocks { get; } =
    [
        HostFunctions.Returning(HostFunctions.Wasi, "clock_time_get", [I32, I64, I32], (context, a) =>
            a[0].AsInt32() switch
            {
                Realtime => WriteTime(context, "clock_time_get", a[2].AsInt32(), ClockFunctions.RealtimeNanoseconds()),
                Monotonic => WriteTime(context, "clock_time_get", a[2].AsInt32(), ClockFunctions.MonotonicNanoseconds()),
                _ => context.Fail("clock_time_get", WasiErrno.Inval, $"clock {a[0]} is not supported (only realtime and monotonic)"),
            }),
        HostFunctions.Returning(HostFunctions.Wasi, "clock_res_get", [I32, I32], (context, a) =>
            a[0].AsInt32() switch
            {
                Realtime => WriteTime(context, "clock_res_get", a[1].AsInt32(), TimeSpan.NanosecondsPerTick),
                Monotonic => WriteTime(context, "clock_res_get", a[1].AsInt32(), ClockFunctions.MonotonicResolution()),
                _ => context.Fail("clock_res_get", WasiErrno.Inval, $"clock {a[0]} is not supported (only realtime and monotonic)"),
            }),
    ];

    /// <summary><c>random_get</c>, which the <c>random</c> capability provides.</summary>
    public static HostImport RandomGet { get; } = HostFunctions.Returning(HostFunctions.Wasi, "random_get", [I32, I32], (context, a) =>
    {
        if (!context.Memory.TryGetSpan(a[0].AsInt32(), a[1].AsInt32(), out var buffer))
        {
            return context.Fail("random_get", WasiErrno.Fault, $"the buffer ({a[0]}, {a[1]}) is outside memory");
        }

        RandomNumberGenerator.Fill(buffer);
        return WasiErrno.Success;
    });

    /// <summary>The environment as WASI hands it over: <c>NAME=value\0</c> in UTF-8, in ordinal order of names.</summary>
    private static List<byte[]> Environment(ProbeContext context) =>
        [.. EnvFunctions.Variables(context).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => Encoding.UTF8.GetBytes($"{v.Key}={v.Value}\0"))];

    private static int EnvironGet(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        var (pointers, buffer) = (a[0].AsInt32(), a[1].AsInt32());
        var entries = Environment(context);
        if (!context.Memory.TryGetArray(pointers, entries.Count, sizeof(uint), out _) || !context.Memory.TryGetSpan(buffer, entries.Sum(e => e.Length), out var strings))
        {
            return context.Fail("environ_get", WasiErrno.Fault, "the pointer array or the string buffer is outside memory");
        }

        var offset = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            context.Memory.TryWriteUInt32(pointers + (i * sizeof(uint)), (uint)(buffer + offset));
            entries[i].CopyTo(strings[offset..]);
            offset += entries[i].Length;
        }

        return WasiErrno.Success;
    }

    private static int WriteSizes(ProbeContext context, string function, ReadOnlySpan<WasmValue> a, uint count, uint bytes) =>
        context.Memory.TryWriteUInt32(a[0].AsInt32(), count) && context.Memory.TryWriteUInt32(a[1].AsInt32(), bytes)
            ? WasiErrno.Success
            : context.Fail(function, WasiErrno.Fault, "a result pointer is outside memory");

    private static int WriteTime(ProbeContext context, string function, int pointer, long nanoseconds) =>
        context.Memory.TryWriteUInt64(pointer, (ulong)nanoseconds)
            ? WasiErrno.Success
            : context.Fail(function, WasiErrno.Fault, "the result pointer is outside memory");
}
