using System.Text.Json;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthWatch.Runtime.HealthChecks;

/// <summary>
/// A health check that runs one probe and reports its verdict. The module is read on every check (the runtime's
/// cache compiles it once per content), so a probe replaced on disk takes effect at the next check.
/// </summary>
internal sealed class WasmProbeHealthCheck(IProbeRuntime runtime, ProbeManifest manifest) : IHealthCheck
{
    /// <summary>The data key of the run's latency in milliseconds (a <see cref="double"/>).</summary>
    public const string LatencyKey = "latencyMs";

    /// <summary>The data key of the probe's metrics (an <see cref="IReadOnlyDictionary{TKey, TValue}"/> of names to numbers).</summary>
    public const string MetricsKey = "metrics";

    /// <summary>The data key of the error kind, camelCase as in the result's JSON (e.g. <c>timeout</c>), when the run failed with one.</summary>
    public const string ErrorKey = "error";

    /// <summary>The data key of the probe's free-form <c>data</c> (a <see cref="JsonElement"/>), when it reported some.</summary>
    public const string DataKey = "data";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ToHealthCheckResult(await RunAsync(cancellationToken).ConfigureAwait(false), context.Registration.FailureStatus);
    }

    /// <summary>
    /// <see cref="HealthStatus.Healthy"/> when the probe reported success, else <paramref name="failureStatus"/>
    /// (the registration's: <see cref="HealthStatus.Unhealthy"/> unless it was registered as
    /// <see cref="HealthStatus.Degraded"/>), whether its own verdict failed or the run did (trap, timeout, ...).
    /// </summary>
    internal static HealthCheckResult ToHealthCheckResult(ProbeResult result, HealthStatus failureStatus)
    {
        var data = new Dictionary<string, object> { [LatencyKey] = result.LatencyMs };
        if (result.Metrics.Count > 0)
        {
            data[MetricsKey] = result.Metrics;
        }

        if (result.Error is { } error)
        {
            data[ErrorKey] = JsonNamingPolicy.CamelCase.ConvertName(error.Kind.ToString());
        }

        if (result.Data is { } probeData)
        {
            data[DataKey] = probeData;
        }

        var description = result.Message ?? result.Error?.Message;
        return new HealthCheckResult(result.Success ? HealthStatus.Healthy : failureStatus, description, exception: null, data);
    }

    /// <summary>Loads and runs the probe; a module or grant that stops it from running is a failed result, as in the CLI.</summary>
    private async Task<ProbeResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var module = await runtime.LoadModuleAsync(manifest.ModulePath, cancellationToken).ConfigureAwait(false);
            return await runtime.ExecuteProbeAsync(module, manifest.ConfigJson, manifest.Grants, manifest.Limits, cancellationToken).ConfigureAwait(false);
        }
        catch (CapabilityNotGrantedException e)
        {
            return Failed(ProbeErrorKind.CapabilityNotGranted, e.Message);
        }
        catch (WasmModuleException e)
        {
            return Failed(ProbeErrorKind.InvalidModule, e.Message);
        }
    }

    private static ProbeResult Failed(ProbeErrorKind kind, string message) =>
        new() { Success = false, LatencyMs = 0, Message = message, Error = new ProbeError(kind, message) };
}
