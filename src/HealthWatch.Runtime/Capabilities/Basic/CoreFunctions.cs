using HealthWatch.Runtime.Capabilities.Json;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities.Basic;

/// <summary>The ABI's <i>always</i> imports of module <c>healthwatch</c>: <c>set_result</c> and <c>json_get</c>.</summary>
internal static class CoreFunctions
{
    /// <summary>The largest verdict kept; a verdict is a summary, and the host holds it in memory after the run.</summary>
    public const int MaxVerdictBytes = 1024 * 1024;

    public static IReadOnlyList<HostImport> Imports { get; } =
    [
        HostFunctions.Returning(HostFunctions.HealthWatch, "set_result", HostFunctions.I32s(2), (context, a) => SetResult(context, a[0].AsInt32(), a[1].AsInt32())),
        HostFunctions.Returning(HostFunctions.HealthWatch, "json_get", HostFunctions.I32s(6), JsonGet),
    ];

    private static int SetResult(ProbeContext context, int pointer, int length)
    {
        if (!context.Memory.TryGetSpan(pointer, length, out var verdict))
        {
            return context.Fail("set_result", ProbeErrorCodes.InvalidArgument, $"the buffer ({pointer}, {length}) is outside memory");
        }

        if (length > MaxVerdictBytes)
        {
            return context.Fail("set_result", ProbeErrorCodes.TooLarge, $"the verdict is {length} bytes; the limit is {MaxVerdictBytes}");
        }

        // A copy: the guest may reuse the buffer, and the memory is gone after the run.
        context.Verdict = verdict.ToArray();
        return 0;
    }

    private static int JsonGet(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        const string Function = "json_get";
        var (jsonPointer, jsonLength) = (a[0].AsInt32(), a[1].AsInt32());
        if (!context.Memory.TryGetSpan(jsonPointer, jsonLength, out var json))
        {
            return context.Fail(Function, ProbeErrorCodes.InvalidArgument, $"the JSON buffer ({jsonPointer}, {jsonLength}) is outside memory");
        }

        if (context.Memory.ReadString(a[2].AsInt32(), a[3].AsInt32()) is not { } path)
        {
            return context.Fail(Function, ProbeErrorCodes.InvalidArgument, "the path is outside memory or not UTF-8");
        }

        if (!JsonPath.TryQuery(json, path, out var value, out var error))
        {
            return context.Fail(Function, error, error == ProbeErrorCodes.NotFound ? $"no value at path '{path}'" : $"malformed JSON or path '{path}'");
        }

        var written = context.Memory.WriteOutput(a[4].AsInt32(), a[5].AsInt32(), value);
        return written < 0 ? context.Fail(Function, written, "the output buffer is outside memory") : written;
    }
}
