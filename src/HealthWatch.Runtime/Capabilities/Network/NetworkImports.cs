using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>The body of a network host function: its arguments in, its i32 result out.</summary>
internal delegate int NetworkCall(ProbeContext context, ReadOnlySpan<WasmValue> arguments);

/// <summary>Shorthands for the network capabilities' imports, all in module <c>healthwatch</c> and all returning an i32.</summary>
internal static class NetworkImports
{
    public const string Module = "healthwatch";

    /// <summary>An import <c>(i32 × <paramref name="parameters"/>) -> i32</c> running <paramref name="call"/>.</summary>
    public static HostImport Define(string name, int parameters, NetworkCall call) =>
        new(Module, name, new FuncType(Enumerable.Repeat(ValType.I32, parameters), [ValType.I32]),
            context => (arguments, results) => results[0] = WasmValue.FromInt32(call(context, arguments)));

    /// <summary>Logs why <paramref name="function"/> failed, at debug level as the ABI promises, and returns <paramref name="code"/>.</summary>
    public static int Fail(ProbeContext context, string function, int code, string reason)
    {
        context.Log(ProbeLogLevel.Debug, $"{function}: {reason}");
        return code;
    }

    /// <summary>The timeout a call asked for, capped by the grant's: <paramref name="milliseconds"/> of 0 or less means the grant's.</summary>
    public static TimeSpan Timeout(int milliseconds, TimeSpan grant) =>
        milliseconds > 0 && TimeSpan.FromMilliseconds(milliseconds) < grant ? TimeSpan.FromMilliseconds(milliseconds) : grant;
}
