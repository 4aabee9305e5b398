using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace HealthWatch.Runtime.Capabilities.Json;

/// <summary>
/// The ABI's JSON paths (docs/probe-abi.md, "JSON paths"): <c>status</c>, <c>data.items[0].name</c>,
/// <c>$.data["key with.dots"]</c>. Evaluated in one forward pass of a <see cref="Utf8JsonReader"/> over the bytes,
/// so nothing is parsed into a tree and the value comes back as a slice of the input: its raw JSON text.
/// </summary>
internal static class JsonPath
{
    /// <summary>The deepest JSON nesting read, and the most segments a path may have.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Finds the value at <paramref name="path"/> in <paramref name="json"/>. The whole document is read, so
    /// malformed JSON fails the same way wherever the value is.
    /// </summary>
    /// <param name="json">
    /// UTF-8 JSON text: one value, valid UTF-8 throughout, no comments or trailing commas, nested at most
    /// <see cref="MaxDepth"/> deep.
    /// </param>
    /// <param name="path">The path; empty or <c>$</c> selects the whole document.</param>
    /// <param name="value">The value's JSON text (a string with its quotes), a slice of <paramref name="json"/>.</param>
    /// <param name="error">
    /// On failure, <see cref="ProbeErrorCodes.InvalidArgument"/> (malformed path or JSON) or
    /// <see cref="ProbeErrorCodes.NotFound"/> (a missing key, an index past the end, or a key or index into a value
    /// that is not an object or array).
    /// </param>
    public static bool TryQuery(ReadOnlySpan<byte> json, string path, out ReadOnlySpan<byte> value, out int error)
    {
        ArgumentNullException.ThrowIfNull(path);
        value = default;

        // The reader checks structure but not the UTF-8 inside strings, so check that first (vectorised, cheap).
        if (!TryParse(path, out var segments) || !Utf8.IsValid(json))
        {
            error = ProbeErrorCodes.InvalidArgument;
            return false;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            reader.Read();
            var found = Find(ref reader, segments);
            if (found)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                value = json[start..(int)reader.BytesConsumed];
            }

            // Read to the end: trailing garbage or a malformed later part is still malformed JSON.
            while (reader.Read())
            {
            }

            error = found ? 0 : ProbeErrorCodes.NotFound;
            return found;
        }
        catch (JsonException)
        {
            value = default;
            error = ProbeErrorCodes.InvalidArgument;
            return false;
        }
    }

    /// <summary>Splits a path into its keys and indexes.</summary>
    private static bool TryParse(string path, out List<Segment> segments)
    {
        segments = [];
        var i = path.StartsWith("$.", StringComparison.Ordinal) ? 2 : path.StartsWith('$') && (path.Length == 1 || path[1] == '[') ? 1 : 0;
        var dotted = i == 2;
        if (dotted && path.Length == 2)
        {
            return false;
        }

        while (i < path.Length)
        {
            Segment segment;
            if (path[i] == '[' && !dotted)
            {
                if (!TryParseBracket(path, ref i, out segment))
                {
                    return false;
                }
            }
            else
            {
                // A key follows a dot, except the path's first key.
                if (segments.Count > 0 && !dotted)
                {
                    return false;
                }

                var end = path.AsSpan(i).IndexOfAny('.', '[');
                end = end < 0 ? path.Length : i + end;
                if (end == i || path.AsSpan(i, end - i).IndexOfAny(']', '"') >= 0)
                {
                    return false;
                }

                segment = new Segment(path[i..end], -1);
                i = end;
            }

            segments.Add(segment);
            if (segments.Count > MaxDepth)
            {
                return false;
            }

            dotted = i < path.Length && path[i] == '.';
            if (dotted && ++i == path.Length)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseBracket(string path, ref int i, out Segment segment)
    {
        segment = default;
        i++;
        if (i < path.Length && path[i] == '"')
        {
            // ["key"]: a quoted key, where \" and \\ stand for " and \.
            var key = new StringBuilder();
            for (i++; i < path.Length && path[i] != '"'; i++)
            {
                if (path[i] == '\\')
                {
                    if (++i == path.Length || path[i] is not ('"' or '\\'))
                    {
                        return false;
                    }
                }

                key.Append(path[i]);
            }

            if (i + 1 >= path.Length || path[i + 1] != ']')
            {
                return false;
            }

            i += 2;
            segment = new Segment(key.ToString(), -1);
            return true;
        }

        var close = path.IndexOf(']', i);
        if (close <= i || path.AsSpan(i, close - i).ContainsAnyExceptInRange('0', '9') || !int.TryParse(path.AsSpan(i, close - i), out var index))
        {
            return false;
        }

        i = close + 1;
        segment = new Segment(null, index);
        return true;
    }

    /// <summary>Moves the reader from the root value's first token to the first token of the value at the path.</summary>
    private static bool Find(ref Utf8JsonReader reader, List<Segment> segments)
    {
        foreach (var segment in segments)
        {
            var found = segment.Key is null ? FindElement(ref reader, segment.Index) : FindProperty(ref reader, segment.Key);
            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FindElement(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        for (var n = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; n++)
        {
            if (n == index)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>The first property named <paramref name="name"/> (escapes in the JSON name are decoded).</summary>
    private static bool FindProperty(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(name);
            reader.Read();
            if (match)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>One step of a path: an object key, or (when <paramref name="Key"/> is null) an array index.</summary>
    private readonly record struct Segment(string? Key, int Index);
}
