using HealthWatch.Runtime.HealthChecks;
using HealthWatch.Runtime.Probes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds health checks that run WebAssembly probes.</summary>
public static class WasmProbeHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a health check that runs the probe <paramref name="manifest"/> describes (module, config, grants, limits)
    /// through the <see cref="IProbeRuntime"/>, registering the runtime with its defaults unless
    /// <c>AddWasmProbeRuntime</c> already did. The result is <see cref="HealthStatus.Healthy"/> when the probe reports
    /// success and <paramref name="failureStatus"/> otherwise; its description is the probe's message (or the error's),
    /// its data holds <c>latencyMs</c>, <c>metrics</c>, <c>error</c> (the error kind, e.g. <c>timeout</c>) and the
    /// probe's <c>data</c>, where present.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="manifest">The probe run, e.g. from <see cref="ProbeManifest.Load"/>.</param>
    /// <param name="failureStatus">The status of a failed probe; <see cref="HealthStatus.Unhealthy"/> when null.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <param name="timeout">The check's timeout; the manifest's own <c>timeoutMs</c> limit applies as well.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddWasmProbe(
        this IHealthChecksBuilder builder,
        string name,
        ProbeManifest manifest,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return builder.AddWasmProbe(name, _ => manifest, failureStatus, tags, timeout);
    }

    /// <summary>
    /// Adds a health check like <see cref="AddWasmProbe(IHealthChecksBuilder, string, ProbeManifest, HealthStatus?, IEnumerable{string}?, TimeSpan?)"/>,
    /// whose manifest <paramref name="manifestFactory"/> creates at each check: for runs that depend on the app's state,
    /// such as the port it listens on.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="manifestFactory">Creates the manifest from the check's services.</param>
    /// <param name="failureStatus">The status of a failed probe; <see cref="HealthStatus.Unhealthy"/> when null.</param>
    /// <param name="tags">Tags to filter checks by.</param>
    /// <param name="timeout">The check's timeout; the manifest's own <c>timeoutMs</c> limit applies as well.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddWasmProbe(
        this IHealthChecksBuilder builder,
        string name,
        Func<IServiceProvider, ProbeManifest> manifestFactory,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(manifestFactory);

        builder.Services.AddWasmProbeRuntime();
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new WasmProbeHealthCheck(provider.GetRequiredService<IProbeRuntime>(), manifestFactory(provider)),
            failureStatus,
            tags,
            timeout));
    }
}
