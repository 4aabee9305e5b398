using System.Text.Json;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// What the <c>dns</c> capability lets a probe resolve. In a manifest:
/// <c>{"allow": ["db.internal.example", "*.example.com"], "timeoutMs": 5000}</c>.
/// </summary>
public sealed record DnsGrant
{
    /// <summary>The names a probe may resolve: <c>host</c> or <c>*.example.com</c> (names below example.com); no ports.</summary>
    public required IReadOnlyList<string> Allow { get; init; }

    /// <summary>The most time one lookup may take.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads the grant JSON; a bad field throws <see cref="ProbeConfigurationException"/> naming it.</summary>
    internal static DnsGrant Parse(JsonElement json)
    {
        var (allow, timeout) = GrantJson.ReadAllowAndTimeout(json, DnsCapability.CapabilityName);
        var grant = new DnsGrant { Allow = allow };
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
        GrantJson.ValidateTimeout(Timeout, "grants.dns.timeoutMs");
        return HostAllowList.Parse(Allow, "grants.dns.allow", portsAllowed: false);
    }
}
