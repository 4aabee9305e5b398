using Microsoft.Extensions.DependencyInjection;

namespace HealthWatch.Runtime.DependencyInjection;

/// <summary>Configures the probe runtime registered by <c>AddWasmProbeRuntime</c>, e.g. with more capabilities.</summary>
public interface IWasmProbeRuntimeBuilder
{
    /// <summary>The services the runtime is registered in.</summary>
    IServiceCollection Services { get; }
}
