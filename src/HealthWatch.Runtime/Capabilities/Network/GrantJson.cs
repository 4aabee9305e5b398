using System.Text.Json;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>Reads grant JSON for the network capabilities; every error names its field, e.g. <c>grants.http.allow[2]</c>.</summary>
internal static class GrantJson
{
    /// <summary>
    /// Reads a network grant object: its required <c>allow</c> list, then every other property through
    /// <paramref name="read"/>, which returns false for a property it does not know (an unknown option).
    /// </summary>
    /// <returns>The <c>allow</c> list, as written.</returns>
    /// <exception cref="ProbeConfigurationException">The grant is not an object, lacks <c>allow</c>, or has an unknown or bad field.</exception>
    public static string[] ReadObject(JsonElement grant, string capability, Func<JsonProperty, string, bool> read)
    {
        var field = $"grants.{capability}";
        if (grant.ValueKind != JsonValueKind.Object)
        {
            throw new ProbeConfigurationException(field, "must be an object with an \"allow\" list.");
        }

        string[]? allow = null;
        foreach (var property in grant.EnumerateObject())
        {
            var name = $"{field}.{property.Name}";
            if (property.Name == "allow")
            {
                allow = ReadStrings(property.Value, name);
            }
            else if (!read(property, name))
            {
                throw new ProbeConfigurationException(name, "is not a known option.");
            }
        }

        return allow ?? throw new ProbeConfigurationException($"{field}.allow", "is required.");
    }

    /// <summary>Reads a grant whose only options are <c>allow</c> and <c>timeoutMs</c> (the dns and tcp grants).</summary>
    /// <returns>The <c>allow</c> list, and the timeout if the grant gives one.</returns>
    /// <exception cref="ProbeConfigurationException">As <see cref="ReadObject"/>.</exception>
    public static (string[] Allow, TimeSpan? Timeout) ReadAllowAndTimeout(JsonElement grant, string capability)
    {
        TimeSpan? timeout = null;
        var allow = ReadObject(grant, capability, (property, field) =>
        {
            if (property.Name != "timeoutMs")
            {
                return false;
            }

            timeout = ReadMilliseconds(property.Value, field);
            return true;
        });
        return (allow, timeout);
    }

    /// <summary>A list of strings.</summary>
    public static string[] ReadStrings(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ProbeConfigurationException(field, "must be a list of strings.");
        }

        var result = new string[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new ProbeConfigurationException($"{field}[{i}]", "must be a string.");
            i++;
        }

        return result;
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <see cref="int.MaxValue"/>].</summary>
    public static int ReadInt32(JsonElement value, string field, int minimum)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < minimum)
        {
            throw new ProbeConfigurationException(field, $"must be a whole number from {minimum} to {int.MaxValue}.");
        }

        return number;
    }

    /// <summary>A duration in whole milliseconds, at least 1.</summary>
    public static TimeSpan ReadMilliseconds(JsonElement value, string field) =>
        TimeSpan.FromMilliseconds(ReadInt32(value, field, 1));

    /// <summary>Checks a duration set in code, as <see cref="ReadMilliseconds"/> would have.</summary>
    public static void ValidateTimeout(TimeSpan timeout, string field)
    {
        if (timeout <= TimeSpan.Zero || timeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ProbeConfigurationException(field, $"must be from 1 ms to {int.MaxValue} ms.");
        }
    }
}
