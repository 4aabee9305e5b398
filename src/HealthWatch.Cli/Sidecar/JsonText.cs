using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HealthWatch.Cli.Sidecar;

/// <summary>Builds JSON with <see cref="Utf8JsonWriter"/>, which needs no reflection.</summary>
internal static class JsonText
{
    /// <summary>Escapes only what JSON requires: messages stay readable (<c>'</c>, not <c>\u0027</c>); nothing here is embedded in HTML.</summary>
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string WriteString(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(Write(write));
}
