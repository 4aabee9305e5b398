using System.Text;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Capabilities.Basic;

/// <summary>The <c>log</c> capability's <c>healthwatch.log(level, ptr, len)</c>.</summary>
internal static class LogFunctions
{
    public static HostImport Log { get; } = new(
        HostFunctions.HealthWatch,
        "log",
        new FuncType(HostFunctions.I32s(3), []),
        context => (a, _) => Write(context, a[0].AsInt32(), a[1].AsInt32(), a[2].AsInt32()));

    private static void Write(ProbeContext context, int level, int pointer, int length)
    {
        if (!context.Memory.TryGetSpan(pointer, length, out var text))
        {
            context.Log(ProbeLogLevel.Debug, $"log: the buffer ({pointer}, {length}) is outside memory");
            return;
        }

        context.Log((ProbeLogLevel)Math.Clamp(level, (int)ProbeLogLevel.Trace, (int)ProbeLogLevel.Error), Decode(text, context.Limits.MaxLogBytes));
    }

    /// <summary>
    /// Decodes UTF-8, replacing invalid sequences with U+FFFD. Decodes at most <paramref name="maxBytes"/> + 1 bytes:
    /// replacement never shortens text, so a longer line still decodes to more than the log can hold and is dropped
    /// as too long, without decoding megabytes first.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> text, int maxBytes) =>
        Encoding.UTF8.GetString(text[..Math.Min(text.Length, maxBytes + 1)]);
}
