using System.Net;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// A grant's parsed allow list: which hosts (and ports) a probe may name, and which restricted addresses the
/// grant opens explicitly (an IP literal opens exactly that address; <c>localhost</c> opens loopback).
/// </summary>
internal sealed class HostAllowList
{
    private readonly HostPattern[] _patterns;

    private HostAllowList(HostPattern[] patterns, string field)
    {
        _patterns = patterns;
        Field = field;
    }

    /// <summary>The grant field the list came from, e.g. <c>grants.http.allow</c>, for log lines.</summary>
    public string Field { get; }

    /// <summary>Parses every pattern.</summary>
    /// <param name="patterns">The patterns as written.</param>
    /// <param name="field">The grant field, e.g. <c>grants.http.allow</c>; errors name the entry, <c>grants.http.allow[2]</c>.</param>
    /// <param name="portsAllowed">Whether patterns may carry a port (not for DNS names).</param>
    /// <exception cref="ProbeConfigurationException">A pattern is malformed.</exception>
    public static HostAllowList Parse(IReadOnlyList<string>? patterns, string field, bool portsAllowed)
    {
        if (patterns is null)
        {
            throw new ProbeConfigurationException(field, "must be a list of host patterns.");
        }

        var parsed = new HostPattern[patterns.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            parsed[i] = HostPattern.TryParse(patterns[i], portsAllowed, out var problem)
                ?? throw new ProbeConfigurationException($"{field}[{i}]", problem!);
        }

        return new HostAllowList(parsed, field);
    }

    /// <summary>Whether some pattern matches <paramref name="host"/> on <paramref name="port"/> (null: a DNS name, no port).</summary>
    public bool Allows(HostName host, int? port) => _patterns.Any(p => p.Matches(host, port));

    /// <summary>
    /// Whether the grant names <paramref name="address"/> on <paramref name="port"/> explicitly, which opens it even
    /// when <see cref="AddressPolicy"/> restricts it: an IP-literal pattern for exactly that address, or a
    /// <c>localhost</c> pattern for a loopback address. Wildcards never open a restricted address.
    /// </summary>
    public bool NamesAddress(IPAddress address, int port)
    {
        var target = AddressPolicy.Unmap(address);
        return _patterns.Any(p => (p.Port is null || p.Port == port)
            && (target.Equals(p.Address) || (p is { Name: "localhost", Wildcard: false } && AddressPolicy.IsLoopback(target))));
    }

    /// <summary>Why <paramref name="address"/> may not be reached on <paramref name="port"/>, or null when it may.</summary>
    public string? RefusalReason(IPAddress address, int port) =>
        AddressPolicy.RestrictedRange(address) is { } range && !NamesAddress(address, port)
            ? $"{address} is {range}, which {Field} does not name"
            : null;
}
