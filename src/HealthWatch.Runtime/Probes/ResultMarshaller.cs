using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Unicode;

namespace HealthWatch.Runtime.Probes;

/// <summary>
/// Turns a probe's verdict JSON (docs/probe-abi.md, "The verdict") into the fields of its result. The verdict is
/// untrusted: whatever is wrong with it becomes an <see cref="ProbeErrorKind.InvalidVerdict"/> error, never an exception.
/// </summary>
internal static class ResultMarshaller
{
    /// <summary>The largest verdict accepted, in bytes.</summary>
    public const int MaxVerdictBytes = 1024 * 1024;

    /// <summary>
    /// The deepest nesting accepted. Half the serializer's default of 64, so that the verdict's data still fits
    /// when it is written nested inside a result.
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary><paramref name="result"/> with the verdict's success, message, metrics and data, or with an error saying what is wrong with the verdict.</summary>
    public static ProbeResult Apply(ProbeResult result, ReadOnlyMemory<byte> verdict)
    {
        var parsed = Parse(verdict);
        return result with { Success = parsed.Success, Message = parsed.Message, Metrics = parsed.Metrics, Data = parsed.Data, Error = parsed.Error };
    }

    /// <summary>The verdict's fields, or an <see cref="ProbeErrorKind.InvalidVerdict"/> error saying what is wrong with it.</summary>
    public static Verdict Parse(ReadOnlyMemory<byte> verdict)
    {
        if (verdict.Length > MaxVerdictBytes)
        {
            return Invalid($"the verdict is {verdict.Length} bytes, more than {MaxVerdictBytes}.");
        }

        if (!Utf8.IsValid(verdict.Span))
        {
            return Invalid("the verdict is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(verdict, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException e)
        {
            return Invalid($"the verdict is not valid JSON: {e.Message}");
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    private static Verdict Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("the verdict must be a JSON object.");
        }

        if (!root.TryGetProperty("success", out var success))
        {
            return Invalid("the verdict has no 'success'.");
        }

        if (success.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Invalid("'success' must be true or false.");
        }

        string? message = null;
        if (root.TryGetProperty("message", out var messageElement) && messageElement.ValueKind != JsonValueKind.Null)
        {
            if (messageElement.ValueKind != JsonValueKind.String)
            {
                return Invalid("'message' must be a string.");
            }

            message = messageElement.GetString();
        }

        IReadOnlyDictionary<string, double> metrics = ReadOnlyDictionary<string, double>.Empty;
        if (root.TryGetProperty("metrics", out var metricsElement) && metricsElement.ValueKind != JsonValueKind.Null)
        {
            if (metricsElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid("'metrics' must be an object of names to numbers.");
            }

            var named = new Dictionary<string, double>(StringComparer.Ordinal);
            metrics = named;
            foreach (var metric in metricsElement.EnumerateObject())
            {
                if (metric.Value.ValueKind != JsonValueKind.Number || !metric.Value.TryGetDouble(out var value) || !double.IsFinite(value))
                {
                    return Invalid($"metric '{metric.Name}' must be a finite number.");
                }

                named[metric.Name] = value;
            }
        }

        JsonElement? data = root.TryGetProperty("data", out var dataElement) && dataElement.ValueKind != JsonValueKind.Null
            ? dataElement.Clone()
            : null;

        return new Verdict(success.GetBoolean(), message, metrics, data, null);
    }

    private static Verdict Invalid(string problem)
    {
        var message = $"Invalid verdict: {problem}";
        return new Verdict(false, message, ReadOnlyDictionary<string, double>.Empty, null, new ProbeError(ProbeErrorKind.InvalidVerdict, message));
    }
}

/// <summary>What a verdict sets in a result: its fields, or (for a verdict that is not valid) the error and its message.</summary>
internal readonly record struct Verdict(bool Success, string? Message, IReadOnlyDictionary<string, double> Metrics, JsonElement? Data, ProbeError? Error);
