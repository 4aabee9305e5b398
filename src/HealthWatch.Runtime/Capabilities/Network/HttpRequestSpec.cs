using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>A probe's request JSON (docs/probe-abi.md, "HTTP request JSON"), checked but not yet against the grant.</summary>
internal sealed class HttpRequestSpec
{
    // The handler owns message framing and the connection; a probe setting these could desynchronise it.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private HttpRequestSpec(string method, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, byte[]? body, TimeSpan? timeout)
    {
        Method = method;
        Url = url;
        Headers = headers;
        Body = body;
        Timeout = timeout;
    }

    /// <summary>The method, in upper case.</summary>
    public string Method { get; }

    /// <summary>The absolute http or https URL.</summary>
    public Uri Url { get; }

    /// <summary>The request headers, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body as UTF-8, if any.</summary>
    public byte[]? Body { get; }

    /// <summary>The request's own timeout, if it set one.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>Parses the request JSON; null with <paramref name="problem"/> set when it is malformed.</summary>
    public static HttpRequestSpec? TryParse(byte[] json, out string? problem)
    {
        // The reader checks structure but not the UTF-8 inside strings, which reading a string would then throw on.
        if (!Utf8.IsValid(json))
        {
            problem = "request is not valid UTF-8";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return TryRead(document.RootElement, out problem);
        }
        catch (JsonException ex)
        {
            problem = $"request is not valid JSON: {ex.Message}";
            return null;
        }
        catch (EncoderFallbackException)
        {
            problem = "\"body\" is not valid Unicode";
            return null;
        }
    }

    /// <summary>Whether <paramref name="text"/> is an HTTP token (RFC 9110 §5.6.2), as methods and header names must be.</summary>
    public static bool IsToken(string? text) =>
        !string.IsNullOrEmpty(text) && text.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

    /// <summary>Builds a request message; null with the reason when the handler will not take a header.</summary>
    public static HttpRequestMessage? CreateMessage(string method, Uri url, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body, out string? problem)
    {
        problem = null;
        var message = new HttpRequestMessage(new HttpMethod(method), url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (message.Headers.TryAddWithoutValidation(name, value))
            {
                continue;
            }

            // Content headers (Content-Type, ...) live on the content, which a bodiless request then gets, empty.
            message.Content ??= new ByteArrayContent([]);
            if (!message.Content.Headers.TryAddWithoutValidation(name, value))
            {
                problem = $"header \"{name}\" may not be set";
                message.Dispose();
                return null;
            }
        }

        return message;
    }

    /// <summary>Why <paramref name="url"/> cannot be requested (not absolute http/https, user info, no valid host), or null.</summary>
    public static string? UrlProblem(Uri url) =>
        !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) ? $"'{url}' is not an absolute http or https URL"
        : url.UserInfo.Length > 0 ? $"'{url}' has user info, which probes may not send"
        : HostName.Parse(url.IdnHost) is null ? $"'{url}' has no valid host"
        : null;

    private static HttpRequestSpec? TryRead(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "request must be a JSON object";
            return null;
        }

        string method = "GET";
        Uri? url = null;
        var headers = new List<KeyValuePair<string, string>>();
        byte[]? body = null;
        TimeSpan? timeout = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            problem = property.Name switch
            {
                "method" => value.ValueKind == JsonValueKind.String && IsToken(value.GetString())
                    ? Set(out method, value.GetString()!.ToUpperInvariant())
                    : "\"method\" must be an HTTP method",
                "url" => value.ValueKind == JsonValueKind.String && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var parsed)
                    ? UrlProblem(parsed) ?? Set(out url, parsed)
                    : "\"url\" must be an absolute URL",
                "headers" => ReadHeaders(value, headers),
                "body" => value.ValueKind == JsonValueKind.String
                    ? Set(out body, StrictUtf8.GetBytes(value.GetString()!))
                    : "\"body\" must be a string",
                "timeoutMs" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var ms) && ms > 0
                    ? Set(out timeout, TimeSpan.FromMilliseconds(ms))
                    : "\"timeoutMs\" must be a whole number of milliseconds, at least 1",
                _ => $"unknown field \"{property.Name}\"",
            };
            if (problem is not null)
            {
                return null;
            }
        }

        if (url is null)
        {
            problem = "\"url\" is required";
            return null;
        }

        return new HttpRequestSpec(method, url, headers, body, timeout);
    }

    private static string? ReadHeaders(JsonElement value, List<KeyValuePair<string, string>> headers)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return "\"headers\" must be an object of strings";
        }

        foreach (var header in value.EnumerateObject())
        {
            var text = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString()! : null;
            if (!IsToken(header.Name) || ReservedHeaders.Contains(header.Name))
            {
                return $"header \"{header.Name}\" may not be set";
            }

            if (text is null || text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                return $"header \"{header.Name}\" must be a string without CR, LF or NUL";
            }

            headers.Add(new(header.Name, text));
        }

        return null;
    }

    /// <summary>Assigns <paramref name="value"/> and reports no problem, so that each field's arm above is one expression.</summary>
    private static string? Set<T>(out T target, T value)
    {
        target = value;
        return null;
    }
}
