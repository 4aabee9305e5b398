using HealthWatch.Runtime.Capabilities;
using Microsoft.Extensions.DependencyInjection;

namespace HealthWatch.Runtime.DependencyInjection;

/// <summary>Configuration of the probe runtime through its builder.</summary>
public static class WasmProbeRuntimeBuilderExtensions
{
    /// <summary>
    /// Adds a capability to the runtime's <see cref="CapabilityRegistry"/>, next to the built-in ones. Adding the same
    /// instance again does nothing; two capabilities with one name fail when the registry is created.
    /// </summary>
    /// <returns>The builder, for chaining.</returns>
    public static IWasmProbeRuntimeBuilder AddCapability(this IWasmProbeRuntimeBuilder builder, ProbeCapability capability)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(capability);
        if (!builder.Services.Any(d => d.ServiceType == typeof(ProbeCapability) && ReferenceEquals(d.ImplementationInstance, capability)))
        {
            builder.Services.AddSingleton(capability);
        }

        return builder;
    }
}
