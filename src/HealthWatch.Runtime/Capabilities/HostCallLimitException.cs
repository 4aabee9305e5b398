namespace HealthWatch.Runtime.Capabilities;

/// <summary>
/// Thrown by a host function that has no result to return <see cref="ProbeErrorCodes.Limit"/> in, once the run has
/// made <see cref="Probes.ProbeLimits.MaxHostCalls"/> host calls; the runtime reports it as a resource limit.
/// </summary>
internal sealed class HostCallLimitException(int maxHostCalls)
    : Exception($"Host call limit reached: the probe made more than {maxHostCalls} host calls.");
