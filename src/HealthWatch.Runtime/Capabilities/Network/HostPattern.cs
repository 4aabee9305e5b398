using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// One entry of a grant's allow list: <c>host</c>, <c>host:port</c>, <c>*.example.com</c>, <c>*.example.com:8443</c>,
/// an IPv4 literal with or without a port, or an IPv6 literal (<c>::1</c>, <c>[::1]</c>, <c>[::1]:8080</c>). Without a
/// port it matches every port. <c>*.example.com</c> matches names below <c>example.com</c>, not the name itself.
/// </summary>
internal sealed record HostPattern(string? Name, bool Wildcard, IPAddress? Address, int? Port)
{
    /// <summary>Parses a pattern; null with <paramref name="problem"/> set when it is malformed.</summary>
    public static HostPattern? TryParse(string text, bool portAllowed, out string? problem)
    {
        var pattern = TryParseCore(text, out problem);
        if (pattern?.Port is not null && !portAllowed)
        {
            problem = "takes no port.";
            return null;
        }

        return pattern;
    }

    /// <summary>Whether the pattern matches <paramref name="host"/> on <paramref name="port"/> (null for a DNS name, which has no port).</summary>
    public bool Matches(HostName host, int? port)
    {
        if (Port is { } wanted && port != wanted)
        {
            return false;
        }

        if (Address is not null)
        {
            return host.Address is not null && AddressPolicy.Unmap(host.Address).Equals(Address);
        }

        return host.Address is null && (Wildcard ? host.Name.EndsWith("." + Name, StringComparison.Ordinal) : host.Name == Name);
    }

    private static HostPattern? TryParseCore(string text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "must not be empty.";
            return null;
        }

        string host;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                problem = "is not a valid bracketed IPv6 address ([::1] or [::1]:8080).";
                return null;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : null;
            if (!host.Contains(':', StringComparison.Ordinal))
            {
                problem = $"'{host}' is not an IPv6 address.";
                return null;
            }
        }
        else if (text.Count(c => c == ':') > 1)
        {
            host = text;
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = colon < 0 ? text : text[..colon];
            portText = colon < 0 ? null : text[(colon + 1)..];
        }

        int? port = null;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                problem = $"'{portText}' is not a port (1-65535).";
                return null;
            }

            port = p;
        }

        if (host.Contains(':', StringComparison.Ordinal) || host.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            // Literals must be canonical: Uri turns "127.1" into "127.0.0.1", so a pattern "127.1" would never match.
            if (!IPAddress.TryParse(host, out var address) || host.Contains('%', StringComparison.Ordinal)
                || (address.AddressFamily == AddressFamily.InterNetwork && address.ToString() != host))
            {
                problem = $"'{host}' is not an IP address (IPv4 as a.b.c.d, IPv6 as [::1]).";
                return null;
            }

            return new HostPattern(null, false, AddressPolicy.Unmap(address), port);
        }

        var wildcard = host.StartsWith("*.", StringComparison.Ordinal);
        var name = HostName.NormalizeName(wildcard ? host[2..] : host);
        if (name is null)
        {
            problem = host.Contains('*', StringComparison.Ordinal)
                ? "a wildcard must be a whole leading label followed by a domain, as in *.example.com."
                : $"'{host}' is not a host name.";
            return null;
        }

        return new HostPattern(name, wildcard, null, port);
    }
}

/// <summary>A host as a request names it: an IP address, or a normalised DNS name (lower case, ASCII, no trailing dot).</summary>
internal readonly record struct HostName(string Name, IPAddress? Address)
{
    private static readonly IdnMapping Idn = new();

    /// <summary>Parses a host from a URL or a guest string (IPv6 with or without brackets); null when it is neither an address nor a valid name.</summary>
    public static HostName? Parse(string host)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(bare, out var address) && (bare.Contains(':', StringComparison.Ordinal) || bare.All(c => char.IsAsciiDigit(c) || c == '.')))
        {
            return new HostName(address.ToString(), address);
        }

        return NormalizeName(host) is { } name ? new HostName(name, null) : null;
    }

    /// <summary>The name in lower-case ASCII (IDN as punycode) without a trailing dot, or null if it is not a valid DNS name.</summary>
    public static string? NormalizeName(string name)
    {
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.Length == 0)
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(trimmed).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        if (ascii.Length > 253)
        {
            return null;
        }

        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }

        return ascii;
    }

    /// <inheritdoc />
    public override string ToString() => Address is { AddressFamily: AddressFamily.InterNetworkV6 } ? $"[{Name}]" : Name;
}
