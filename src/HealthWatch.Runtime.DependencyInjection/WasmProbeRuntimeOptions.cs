using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Engines.Wasmtime;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.DependencyInjection;

/// <summary>
/// The probe runtime's settings in the options pattern (<c>services.AddWasmProbeRuntime(options => ...)</c>, or
/// bound from configuration). Validated when the host starts; the runtime gets an immutable
/// <see cref="ProbeRuntimeOptions"/> built from it.
/// </summary>
public sealed class WasmProbeRuntimeOptions
{
    /// <summary>The limits of a run that is given none.</summary>
    /// <value>The default value is <see cref="ProbeLimits.Default"/>.</value>
    public ProbeLimits DefaultLimits { get; set; } = ProbeRuntimeOptions.Default.DefaultLimits;

    /// <summary>The most compiled modules the module cache keeps.</summary>
    /// <value>The default value is 256.</value>
    public int ModuleCacheMaxEntries { get; set; } = ProbeRuntimeOptions.Default.ModuleCacheMaxEntries;

    /// <summary>The most module bytes the module cache keeps.</summary>
    /// <value>The default value is 256 MiB.</value>
    public long ModuleCacheMaxBytes { get; set; } = ProbeRuntimeOptions.Default.ModuleCacheMaxBytes;

    /// <summary>Which engine runs probes; <see cref="WasmEngineKind.Auto"/> logs which one it chose and why.</summary>
    /// <value>The default value is <see cref="WasmEngineKind.Auto"/>.</value>
    public WasmEngineKind Engine { get; set; } = WasmEngineKind.Auto;

    /// <summary>Settings of the Wasmtime engine, when it is the one chosen (e.g. its compiled-module disk cache).</summary>
    /// <value>The default value is <see cref="WasmtimeEngineOptions.Default"/>.</value>
    public WasmtimeEngineOptions Wasmtime { get; set; } = WasmtimeEngineOptions.Default;

    /// <summary>
    /// Settings of the managed engine, when it is the one chosen (e.g. <see cref="ManagedEngineOptions.Tiering"/>).
    /// Fuel metering must stay on: the runtime gives every run a fuel limit.
    /// </summary>
    /// <value>The default value is <see cref="ManagedEngineOptions.Default"/>.</value>
    public ManagedEngineOptions Managed { get; set; } = ManagedEngineOptions.Default;

    /// <summary>Every engine setting out of range, one sentence each (the runtime's own are checked by <see cref="ProbeRuntimeOptions"/>).</summary>
    internal IEnumerable<string> GetEngineProblems()
    {
        if (!Enum.IsDefined(Engine))
        {
            yield return $"Engine must be Auto, Managed or Wasmtime (was {(int)Engine}).";
        }

        var managed = Managed is null
            ? ["Managed must not be null."]
            : EngineProblems(nameof(Managed), Managed.ConsumeFuel, Managed.GetProblems());
        var wasmtime = Wasmtime is null
            ? ["Wasmtime must not be null."]
            : EngineProblems(nameof(Wasmtime), Wasmtime.ConsumeFuel, Wasmtime.GetProblems());
        foreach (var problem in managed.Concat(wasmtime))
        {
            yield return problem;
        }
    }

    /// <summary>One engine's problems, each named after its property: every probe run has a fuel limit, so metering must be on.</summary>
    private static IEnumerable<string> EngineProblems(string property, bool consumeFuel, IReadOnlyList<string> problems)
    {
        if (!consumeFuel)
        {
            yield return $"{property}.ConsumeFuel must be true: every probe run has a fuel limit.";
        }

        foreach (var problem in problems)
        {
            yield return $"{property}.{problem}";
        }
    }

    /// <summary>The runtime's options with these values.</summary>
    public ProbeRuntimeOptions ToRuntimeOptions() => new()
    {
        DefaultLimits = DefaultLimits,
        ModuleCacheMaxEntries = ModuleCacheMaxEntries,
        ModuleCacheMaxBytes = ModuleCacheMaxBytes,
    };
}
