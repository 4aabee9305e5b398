using System.Text.Json;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// What the <c>http</c> capability lets a probe do. In a manifest:
/// <c>{"allow": ["api.example.com", "*.example.net:8443"], "methods": ["GET"], "maxRequestBytes": 65536,
/// "maxResponseBytes": 1048576, "timeoutMs": 10000, "maxRedirects": 5, "maxInFlight": 16}</c>.
/// Whatever the allow list says, loopback, private, link-local and metadata addresses stay closed unless a
/// pattern names the address itself (or <c>localhost</c>, for loopback).
/// </summary>
public sealed record HttpGrant
{
    /// <summary>
    /// The hosts a probe may send requests to, and be redirected to: <c>host</c>, <c>host:port</c>,
    /// <c>*.example.com</c> (names below example.com), <c>*.example.com:8443</c>, <c>192.0.2.1:8080</c>,
    /// <c>[2001:db8::1]:8080</c>. A pattern without a port matches every port.
    /// </summary>
    public required IReadOnlyList<string> Allow { get; init; }

    /// <summary>The HTTP methods a probe may use (compared in upper case).</summary>
    /// <value>The default is <c>GET</c> and <c>HEAD</c>.</value>
    public IReadOnlyList<string> Methods { get; init; } = ["GET", "HEAD"];

    /// <summary>The most bytes of request JSON (URL, headers and body together) <c>http_send</c> accepts.</summary>
    /// <value>The default is 65,536 (64 KiB).</value>
    public int MaxRequestBytes { get; init; } = 64 * 1024;

    /// <summary>The most bytes of response body kept; a longer body fails the request with <c>HW_ETOOLARGE</c>.</summary>
    /// <value>The default is 1,048,576 (1 MiB).</value>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>The most time one request may take, redirects and body included; a request's own <c>timeoutMs</c> can only shorten it.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The most redirects followed for one request; the response after the last one is returned as it is, even a redirect.</summary>
    /// <value>The default is 5.</value>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>The most requests a run may hold at once, sent and not yet closed with <c>http_close</c>; past it <c>http_send</c> returns <c>HW_ELIMIT</c>.</summary>
    /// <value>The default is 16.</value>
    public int MaxInFlight { get; init; } = 16;

    /// <summary>Reads the grant JSON; a bad field throws <see cref="ProbeConfigurationException"/> naming it.</summary>
    internal static HttpGrant Parse(JsonElement json)
    {
        var grant = new HttpGrant { Allow = [] };
        var allow = GrantJson.ReadObject(json, HttpCapability.CapabilityName, (property, field) =>
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "methods": grant = grant with { Methods = GrantJson.ReadStrings(value, field) }; break;
                case "maxRequestBytes": grant = grant with { MaxRequestBytes = GrantJson.ReadInt32(value, field, 1) }; break;
                case "maxResponseBytes": grant = grant with { MaxResponseBytes = GrantJson.ReadInt32(value, field, 0) }; break;
                case "timeoutMs": grant = grant with { Timeout = GrantJson.ReadMilliseconds(value, field) }; break;
                case "maxRedirects": grant = grant with { MaxRedirects = GrantJson.ReadInt32(value, field, 0) }; break;
                case "maxInFlight": grant = grant with { MaxInFlight = GrantJson.ReadInt32(value, field, 1) }; break;
                default: return false;
            }

            return true;
        });
        grant = grant with { Allow = allow };
        grant.Compile();
        return grant;
    }

    /// <summary>Validates the grant (also one built in code) and parses its patterns for a run.</summary>
    /// <exception cref="ProbeConfigurationException">A field is out of range or a pattern or method is malformed.</exception>
    internal HttpPolicy Compile()
    {
        const string Field = "grants.http";
        var allow = HostAllowList.Parse(Allow, $"{Field}.allow", portsAllowed: true);
        if (Methods is null)
        {
            throw new ProbeConfigurationException($"{Field}.methods", "must be a list of HTTP methods.");
        }

        var methods = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Methods.Count; i++)
        {
            methods.Add(HttpRequestSpec.IsToken(Methods[i])
                ? Methods[i].ToUpperInvariant()
                : throw new ProbeConfigurationException($"{Field}.methods[{i}]", "is not an HTTP method."));
        }

        CheckAtLeast(MaxRequestBytes, 1, $"{Field}.maxRequestBytes");
        CheckAtLeast(MaxResponseBytes, 0, $"{Field}.maxResponseBytes");
        CheckAtLeast(MaxRedirects, 0, $"{Field}.maxRedirects");
        CheckAtLeast(MaxInFlight, 1, $"{Field}.maxInFlight");
        GrantJson.ValidateTimeout(Timeout, $"{Field}.timeoutMs");
        return new HttpPolicy(this, allow, methods);
    }

    private static void CheckAtLeast(int value, int minimum, string field)
    {
        if (value < minimum)
        {
            throw new ProbeConfigurationException(field, $"must be at least {minimum}.");
        }
    }
}

/// <summary>An <see cref="HttpGrant"/> checked and ready for a run.</summary>
internal sealed record HttpPolicy(HttpGrant Grant, HostAllowList Allow, IReadOnlySet<string> Methods);
