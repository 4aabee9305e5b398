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

    /// <summary>The runtime's options with these values.</summary>
    public ProbeRuntimeOptions ToRuntimeOptions() => new()
    {
        DefaultLimits = DefaultLimits,
        ModuleCacheMaxEntries = ModuleCacheMaxEntries,
        ModuleCacheMaxBytes = ModuleCacheMaxBytes,
    };
}
