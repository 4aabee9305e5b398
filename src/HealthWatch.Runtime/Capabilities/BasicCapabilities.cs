namespace HealthWatch.Runtime.Capabilities;

/// <summary>The built-in capabilities that need no network: always-available imports, log, clock, random, env, filesystem, WASI.</summary>
internal static class BasicCapabilities
{
    public static IEnumerable<ProbeCapability> Create() => [];
}
