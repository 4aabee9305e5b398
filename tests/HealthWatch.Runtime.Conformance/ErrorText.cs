using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance;

/// <summary>How the runner names an exception in a failure message.</summary>
internal static class ErrorText
{
    public static string Describe(Exception error) => error switch
    {
        WasmTrapException trap => $"trap {trap.Code} \"{trap.Message}\"",
        WasmModuleException module => $"{module.Kind} module \"{module.Message}\"",
        WasmLinkException link => $"link error \"{link.Message}\"",
        SpecDataException data => data.Message,
        _ => $"unexpected {error.GetType().FullName}: {error.Message}",
    };

    /// <summary>
    /// The reference interpreter's harness accepts an engine message that starts with the expected text;
    /// anything else is worth a note (never a failure: messages are not part of the spec).
    /// </summary>
    public static string? NoteIfDifferent(string expected, string actual) =>
        actual.StartsWith(expected, StringComparison.Ordinal) ? null : $"engine says \"{actual}\", spec says \"{expected}\"";
}
