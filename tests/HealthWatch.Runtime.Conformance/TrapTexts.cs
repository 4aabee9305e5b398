using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance;

/// <summary>Maps the reference interpreter's trap text to the <see cref="TrapCode"/> an engine must report.</summary>
internal static class TrapTexts
{
    private static readonly (string Message, TrapCode Code)[] Messages =
        [.. Enum.GetValues<TrapCode>().Select(c => (c.ToMessage(), c)).OrderByDescending(m => m.Item1.Length)];

    /// <summary>
    /// The code whose message starts <paramref name="text"/>, longest first: the suite sometimes appends a
    /// detail (<c>"uninitialized element 2"</c>).
    /// </summary>
    public static TrapCode? ToCode(string? text)
    {
        foreach (var (message, code) in Messages)
        {
            if (text is not null && text.StartsWith(message, StringComparison.Ordinal))
            {
                return code;
            }
        }

        return null;
    }
}
