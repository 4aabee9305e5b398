using HealthWatch.Runtime.Capabilities;

namespace HealthWatch.Runtime.Probes;

/// <summary>Loads probes and runs them with exactly the capabilities granted. Thread-safe.</summary>
public interface IProbeRuntime
{
    /// <summary>Loads (or takes from the cache) a probe module.</summary>
    /// <exception cref="HealthWatch.Runtime.Engines.WasmModuleException">The module is malformed, invalid or unsupported.</exception>
    Task<ProbeModule> LoadModuleAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <summary>Loads (or takes from the cache) a probe module read from <paramref name="stream"/>.</summary>
    Task<ProbeModule> LoadModuleAsync(Stream stream, CancellationToken cancellationToken = default);

    /// <summary>Loads (or takes from the cache) a probe module from a file.</summary>
    Task<ProbeModule> LoadModuleAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Runs a probe.</summary>
    /// <param name="module">A module loaded by this runtime.</param>
    /// <param name="configJson">The probe's config, as JSON text (null: <c>{}</c>).</param>
    /// <param name="grants">What the probe may use.</param>
    /// <param name="limits">Its limits; the runtime's defaults when null.</param>
    /// <param name="cancellationToken">Cancels the run; the result then says so.</param>
    /// <returns>The result; failures of the probe itself are results with <see cref="ProbeResult.Success"/> false.</returns>
    /// <exception cref="CapabilityNotGrantedException">The module imports something of a capability not granted; nothing ran.</exception>
    Task<ProbeResult> ExecuteProbeAsync(ProbeModule module, string? configJson, ProbeGrants grants, ProbeLimits? limits = null, CancellationToken cancellationToken = default);
}
