using System.Buffers;
using System.Text;
using System.Text.Json;
using HealthWatch.Runtime.Capabilities;

namespace HealthWatch.Cli.Probes;

/// <summary>
/// Grants from <c>--allow NAME[=JSON]</c> and <c>--allow-http HOSTS</c>. Both become a capability's grant JSON and go
/// through that capability's own parser, so the command line accepts exactly what a manifest does.
/// </summary>
internal static class ProbeGrantFlags
{
    private const string Http = "http";

    /// <summary>Adds the grants to <paramref name="grants"/>, replacing any of the same capability.</summary>
    /// <param name="grants">The grants so far (empty, or a manifest's).</param>
    /// <param name="capabilities">The capabilities that can be granted, each with its grant parser.</param>
    /// <param name="allow">Values of <c>--allow</c>: <c>log</c>, or <c>tcp={"allow":["127.0.0.1:5432"]}</c>.</param>
    /// <param name="allowHttp">The value of <c>--allow-http</c>: <c>host[:port],...</c>; it wins over <c>--allow http</c>.</param>
    /// <exception cref="ProbeConfigurationException">An unknown capability, malformed JSON, or options its capability refuses.</exception>
    public static void Apply(ProbeGrants grants, CapabilityRegistry capabilities, IEnumerable<string> allow, string? allowHttp)
    {
        foreach (var value in allow)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? value : value[..equals]).Trim();
            Grant(grants, capabilities, name, equals < 0 ? "{}" : value[(equals + 1)..]);
        }

        if (allowHttp is not null)
        {
            Grant(grants, capabilities, Http, AllowListJson(allowHttp.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }
    }

    private static void Grant(ProbeGrants grants, CapabilityRegistry capabilities, string name, string json)
    {
        if (!capabilities.TryGetCapability(name, out var capability))
        {
            var known = string.Join(", ", capabilities.Capabilities.Select(c => c.Name).Order(StringComparer.Ordinal));
            throw new ProbeConfigurationException($"grants.{name}", $"is not a known capability (known: {known}).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ProbeConfigurationException($"grants.{name}", $"is not valid JSON: {e.Message}");
        }

        using (document)
        {
            grants.Grant(capability.Name, capability.ParseGrant(document.RootElement));
        }
    }

    private static string AllowListJson(IEnumerable<string> hosts)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("allow");
            foreach (var host in hosts)
            {
                writer.WriteStringValue(host);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
