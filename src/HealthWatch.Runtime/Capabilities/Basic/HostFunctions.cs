using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities.Basic;

/// <summary>The body of a host function that returns one i32: the arguments in, the result out.</summary>
internal delegate int HostCall(ProbeContext context, ReadOnlySpan<WasmValue> arguments);

/// <summary>Shorthands for declaring the built-in host imports.</summary>
internal static class HostFunctions
{
    /// <summary>The module of the probe ABI's own imports.</summary>
    public const string HealthWatch = "healthwatch";

    /// <summary>The module of WASI preview1's imports.</summary>
    public const string Wasi = "wasi_snapshot_preview1";

    /// <summary>An import of type <c>(<paramref name="parameters"/>) -> i32</c>.</summary>
    public static HostImport Returning(string module, string name, ValType[] parameters, HostCall call) =>
        new(module, name, new FuncType(parameters, [ValType.I32]), context => (arguments, results) => results[0] = call(context, arguments)) { Body = call };

    /// <summary><paramref name="count"/> i32 parameters.</summary>
    public static ValType[] I32s(int count) => [.. Enumerable.Repeat(ValType.I32, count)];
}
