using System.Text.Json;
using System.Text.Json.Serialization;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Probes;

/// <summary>
/// The JSON form of a <see cref="ProbeResult"/> that the CLI prints and the sidecar returns: camelCase names,
/// enums as camelCase strings, null members left out.
/// </summary>
public static class ProbeResultJson
{
    private static readonly ProbeResultJsonContext Indented = new(new JsonSerializerOptions(ProbeResultJsonContext.Default.Options) { WriteIndented = true });

    /// <summary>Serializes <paramref name="result"/>.</summary>
    /// <param name="result">The result.</param>
    /// <param name="indented">Whether to indent the JSON for people to read.</param>
    public static string Serialize(ProbeResult result, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, (indented ? Indented : ProbeResultJsonContext.Default).ProbeResult);
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(CamelCaseEnumConverter<ProbeErrorKind>), typeof(CamelCaseEnumConverter<ProbeLogLevel>), typeof(CamelCaseEnumConverter<TrapCode>)])]
[JsonSerializable(typeof(ProbeResult))]
internal sealed partial class ProbeResultJsonContext : JsonSerializerContext;

/// <summary>Writes an enum as its camelCase name (<c>outOfFuel</c>), without reflection.</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
