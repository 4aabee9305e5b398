using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.DependencyInjection;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HealthWatch probe runtime.</summary>
public static class WasmProbeRuntimeServiceCollectionExtensions
{
    /// <summary>Registers the probe runtime with default options. See <see cref="AddWasmProbeRuntime(IServiceCollection, Action{WasmProbeRuntimeOptions})"/>.</summary>
    /// <returns>A builder to configure the runtime further.</returns>
    public static IWasmProbeRuntimeBuilder AddWasmProbeRuntime(this IServiceCollection services) =>
        services.AddWasmProbeRuntime(static _ => { });

    /// <summary>
    /// Registers the probe runtime: <see cref="IProbeRuntime"/> and <see cref="ProbeRuntime"/> (one singleton),
    /// <see cref="IWasmEngine"/> (the one <see cref="WasmProbeRuntimeOptions.Engine"/> names, see <see cref="WasmEngineFactory"/>; the choice is logged) and <see cref="CapabilityRegistry"/> (the built-in
    /// capabilities plus those added through the builder), unless already registered. The options are validated when
    /// the host starts. Safe to call more than once: each call adds only its <paramref name="configure"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder to configure the runtime further.</returns>
    public static IWasmProbeRuntimeBuilder AddWasmProbeRuntime(this IServiceCollection services, Action<WasmProbeRuntimeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        var options = services.AddOptions<WasmProbeRuntimeOptions>().Configure(configure);

        // ValidateOnStart registers a little more on every call; once is enough.
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<WasmProbeRuntimeOptions>) && d.ImplementationType == typeof(WasmProbeRuntimeOptionsValidator)))
        {
            services.AddSingleton<IValidateOptions<WasmProbeRuntimeOptions>, WasmProbeRuntimeOptionsValidator>();
            options.ValidateOnStart();
        }

        services.TryAddSingleton(static provider =>
        {
            var options = provider.GetRequiredService<IOptions<WasmProbeRuntimeOptions>>().Value;
            var selection = WasmEngineFactory.Create(options.Engine, options.Wasmtime, options.Managed);
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(WasmEngineFactory).FullName!);
            if (logger is not null)
            {
                EngineLog.EngineSelected(logger, selection.Engine.Name, selection.Reason);
            }

            return selection.Engine;
        });
        services.TryAddSingleton(static provider =>
        {
            var registry = CapabilityRegistry.CreateDefault();
            foreach (var capability in provider.GetServices<ProbeCapability>())
            {
                registry.Register(capability);
            }

            return registry;
        });
        services.TryAddSingleton(static provider => new ProbeRuntime(
            provider.GetRequiredService<IWasmEngine>(),
            provider.GetRequiredService<IOptions<WasmProbeRuntimeOptions>>().Value.ToRuntimeOptions(),
            provider.GetRequiredService<CapabilityRegistry>(),
            provider.GetService<ILogger<ProbeRuntime>>()));
        services.TryAddSingleton<IProbeRuntime>(static provider => provider.GetRequiredService<ProbeRuntime>());
        return new WasmProbeRuntimeBuilder(services);
    }

    private sealed class WasmProbeRuntimeBuilder(IServiceCollection services) : IWasmProbeRuntimeBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
