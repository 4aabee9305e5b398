using HealthWatch.Runtime.Engines;

namespace HealthWatch.Cli;

/// <summary>Turns a failure into a message on stderr and an exit code (see <see cref="ExitCodes"/>).</summary>
internal static class ErrorReporter
{
    /// <summary>Backtrace lines shown: a stack overflow has thousands of frames, and the innermost tell the story.</summary>
    private const int MaxFrames = 32;

    /// <param name="error">What went wrong.</param>
    /// <param name="stderr">Where the message goes.</param>
    /// <param name="helpCommand">The command line that shows usage, suggested after usage errors.</param>
    /// <returns>The exit code for <paramref name="error"/>.</returns>
    public static int Report(Exception error, TextWriter stderr, string helpCommand)
    {
        switch (error)
        {
            case CliException { ExitCode: ExitCodes.Usage } e:
                stderr.WriteLine($"error: {e.Message}");
                stderr.WriteLine($"Run '{helpCommand}' for usage.");
                return e.ExitCode;
            case CliException e:
                stderr.WriteLine($"error: {e.Message}");
                return e.ExitCode;
            case WasmTrapException e:
                WriteTrap(e, stderr);
                return ExitCodes.Trap;
            case WasmModuleException e:
                stderr.WriteLine($"error: {Describe(e.Kind)}: {e.Message}");
                return ExitCodes.BadModule;
            case WasmLinkException e:
                stderr.WriteLine($"error: cannot instantiate: {e.Message}");
                return ExitCodes.LinkError;
            default:
                // A bug: keep the stack trace, it is what a bug report needs.
                stderr.WriteLine($"internal error: {error}");
                return ExitCodes.InternalError;
        }
    }

    private static void WriteTrap(WasmTrapException trap, TextWriter stderr)
    {
        stderr.WriteLine(trap.InnerException is { } inner ? $"trap: {trap.Message}: {inner.Message}" : $"trap: {trap.Message}");
        if (trap.Frames.Count == 0)
        {
            return;
        }

        stderr.WriteLine("wasm backtrace:");
        var shown = Math.Min(trap.Frames.Count, MaxFrames);
        for (var i = 0; i < shown; i++)
        {
            stderr.WriteLine($"  {i}: {trap.Frames[i]}");
        }

        if (shown < trap.Frames.Count)
        {
            stderr.WriteLine($"  ... {trap.Frames.Count - shown} more");
        }
    }

    public static string Describe(ModuleErrorKind kind) => kind switch
    {
        ModuleErrorKind.Malformed => "malformed module",
        ModuleErrorKind.Invalid => "invalid module",
        ModuleErrorKind.Unsupported => "unsupported module",
        ModuleErrorKind.LimitExceeded => "module exceeds an implementation limit",
        _ => "bad module",
    };
}
