namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>The built-in network capabilities: http, dns, tcp.</summary>
internal static class NetworkCapabilities
{
    public static IEnumerable<ProbeCapability> Create() =>
    [
        new HttpCapability(SafeConnector.SystemResolver),
        new DnsCapability(SafeConnector.SystemResolver),
        new TcpCapability(SafeConnector.SystemResolver),
    ];
}
