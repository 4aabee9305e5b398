using System.Text.Json;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// What the <c>tcp</c> capability lets a probe connect to. In a manifest:
/// <c>{"allow": ["db.example.com:5432", "127.0.0.1:6379"], "timeoutMs": 10000}</c>. The address rules of
/// <see cref="HttpGrant"/> apply: restricted addresses stay closed unless a pattern names them.
/// </summary>
public sealed record TcpGrant
{
    /// <summary>
    /// The hosts and ports a probe may connect to: <c>host:port</c>, <c>*.example.com:5432</c>, <c>192.0.2.1:22</c>,
    /// <c>[2001:db8::1]:443</c>; a pattern without a port matches every port.
    /// </summary>
    public required IReadOnlyList<string> Allow { get; init; }

    /// <summary>The most time one connection attempt may take, name resolution included; a shorter <c>timeout_ms</c> wins.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads the grant JSON; a bad field throws <see cref="ProbeConfigurationException"/> naming it.</summary>
    internal static TcpGrant Parse(JsonElement json)
    {
        var (allow, timeout) = GrantJson.ReadAllowAndTimeout(json, TcpCapability.CapabilityName);
        var grant = new TcpGrant { Allow = allow };
        if (timeout is { } given)
        {
            grant = grant with { Timeout = given };
        }

        grant.Compile();
        return grant;
    }

    /// <summary>Validates the grant (also one built in code) and parses its patterns.</summary>
    /// <exception cref="ProbeConfigurationException">The timeout is out of range or a pattern is malformed.</exception>
    internal HostAllowList Compile()
    {
        GrantJson.ValidateTimeout(Timeout, "grants.tcp.timeoutMs");
        return HostAllowList.Parse(Allow, "grants.tcp.allow", portsAllowed: true);
    }
}
