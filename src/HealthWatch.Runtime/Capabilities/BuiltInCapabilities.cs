using HealthWatch.Runtime.Capabilities.Network;

namespace HealthWatch.Runtime.Capabilities;

/// <summary>The capabilities every default registry has.</summary>
internal static class BuiltInCapabilities
{
    public static IEnumerable<ProbeCapability> Create() => [.. BasicCapabilities.Create(), .. NetworkCapabilities.Create()];
}
