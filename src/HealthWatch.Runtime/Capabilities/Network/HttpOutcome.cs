using System.Buffers;
using System.Text.Json;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>How a request ended: a response (status, metadata JSON and body), or an ABI error code.</summary>
internal sealed class HttpOutcome
{
    private HttpOutcome(int code, byte[] metadata, ReadOnlyMemory<byte> body)
    {
        Code = code;
        Metadata = metadata;
        Body = body;
    }

    /// <summary>The HTTP status, or a negative <see cref="ProbeErrorCodes"/> value.</summary>
    public int Code { get; }

    /// <summary>
    /// The response JSON of docs/probe-abi.md ("HTTP response JSON"); for a failure, <c>"status": 0</c> and an
    /// <c>error</c> saying what happened.
    /// </summary>
    public byte[] Metadata { get; }

    /// <summary>The whole body; empty for a failure.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Whether there is a response (else <see cref="Code"/> is an error).</summary>
    public bool Succeeded => Code >= 0;

    /// <summary>A request that failed after it was sent, at <paramref name="url"/> after <paramref name="redirects"/> redirects.</summary>
    public static HttpOutcome Failed(int code, string error, Uri url, int redirects, ExchangeTimings timings)
    {
        timings.Finish();
        return new(code, Write(0, url, redirects, null, 0, error, timings), ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>A complete response.</summary>
    public static HttpOutcome Completed(HttpResponseMessage response, Uri url, int redirects, ReadOnlyMemory<byte> body, ExchangeTimings timings)
    {
        timings.Finish();
        var status = (int)response.StatusCode;
        return new(status, Write(status, url, redirects, response, body.Length, null, timings), body);
    }

    private static byte[] Write(int status, Uri url, int redirects, HttpResponseMessage? response, int bodyBytes, string? error, ExchangeTimings timings)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("status", status);
            json.WriteString("url", url.AbsoluteUri);
            json.WriteNumber("redirects", redirects);
            json.WriteStartObject("headers");
            if (response is not null)
            {
                WriteHeaders(json, response);
            }

            json.WriteEndObject();
            json.WriteNumber("bodyBytes", bodyBytes);

            // A body over the grant's limit fails the request (HW_ETOOLARGE), so a body that is here is whole.
            json.WriteBoolean("truncated", false);
            if (error is not null)
            {
                json.WriteString("error", error);
            }

            json.WriteStartObject("timings");
            json.WriteNumber("dnsMs", Round(timings.DnsMs));
            json.WriteNumber("connectMs", Round(timings.ConnectMs));
            json.WriteNumber("tlsMs", Round(timings.TlsMs));
            json.WriteNumber("firstByteMs", Round(timings.FirstByteMs));
            json.WriteNumber("totalMs", Round(timings.TotalMs));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // Names in lower case, repeats joined with ", " (ABI). Both collections match names case-insensitively and
    // hold different names (general vs content headers), so no name is written twice.
    private static void WriteHeaders(Utf8JsonWriter json, HttpResponseMessage response)
    {
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            json.WriteString(name.ToLowerInvariant(), string.Join(", ", values));
        }
    }

    private static double Round(double milliseconds) => Math.Round(milliseconds, 3);
}
