using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Engines.Wasmtime;

namespace HealthWatch.Runtime.DependencyInjection;

/// <summary>An engine and why it was chosen.</summary>
/// <param name="Engine">The engine; the caller owns it.</param>
/// <param name="Reason">Why this engine, for logs: e.g. where libwasmtime was loaded from, or why it was not.</param>
public sealed record WasmEngineSelection(IWasmEngine Engine, string Reason);

/// <summary>Creates the engine a <see cref="WasmEngineKind"/> names: the one place that knows every engine.</summary>
public static class WasmEngineFactory
{
    /// <summary>Creates the engine <paramref name="kind"/> names.</summary>
    /// <param name="kind">Which engine.</param>
    /// <param name="wasmtimeOptions">Settings of a Wasmtime engine; its defaults when null.</param>
    /// <param name="managedOptions">Settings of a managed engine; its defaults when null.</param>
    /// <exception cref="DllNotFoundException"><see cref="WasmEngineKind.Wasmtime"/> without the native library; the message names the RID, the package to add and <c>HEALTHWATCH_WASMTIME_LIB</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value, or an option is out of range.</exception>
    public static WasmEngineSelection Create(WasmEngineKind kind, WasmtimeEngineOptions? wasmtimeOptions = null, ManagedEngineOptions? managedOptions = null) =>
        Create(kind, WasmtimeEngine.IsAvailable, () => new WasmtimeEngine(wasmtimeOptions), () => new ManagedEngine(managedOptions));

    /// <summary>The selection logic, with the library probe and the engines injectable for tests.</summary>
    internal static WasmEngineSelection Create(WasmEngineKind kind, TryProbe wasmtimeAvailable, Func<IWasmEngine> createWasmtime, Func<IWasmEngine> createManaged)
    {
        switch (kind)
        {
            case WasmEngineKind.Managed:
                return new(createManaged(), "the managed engine was asked for");
            case WasmEngineKind.Wasmtime:
                return wasmtimeAvailable(out var found)
                    ? new(createWasmtime(), $"the wasmtime engine was asked for; {found}")
                    : throw new DllNotFoundException(found);
            case WasmEngineKind.Auto:
                return wasmtimeAvailable(out var description)
                    ? new(createWasmtime(), $"auto: {description}")
                    : new(createManaged(), $"auto fell back to the managed engine: {description}");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected Auto, Managed or Wasmtime.");
        }
    }

    /// <summary>Whether the Wasmtime library loads, with where it came from or why not.</summary>
    internal delegate bool TryProbe(out string description);
}
