using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Cli.Probes;

/// <summary>
/// An error that stopped <c>healthwatch run</c> before the probe ran, as a failed <see cref="ProbeResult"/>, so that
/// scripts read every outcome in one JSON shape, and its exit code.
/// </summary>
internal sealed record RunFailure(ProbeResult Result, int ExitCode)
{
    /// <summary>The failure for <paramref name="error"/>, or null when it is not an expected one (a bug).</summary>
    public static RunFailure? From(Exception error) => error switch
    {
        CapabilityNotGrantedException e => Create(ProbeErrorKind.CapabilityNotGranted, e.Message, ExitCodes.CapabilityNotGranted),
        ProbeConfigurationException e => Create(ProbeErrorKind.InvalidConfiguration, e.Message, ExitCodes.BadConfiguration),
        CliException { ExitCode: ExitCodes.BadConfiguration } e => Create(ProbeErrorKind.InvalidConfiguration, e.Message, ExitCodes.BadConfiguration),
        CliException { ExitCode: ExitCodes.BadModule } e => Create(ProbeErrorKind.InvalidModule, e.Message, ExitCodes.BadModule),
        WasmModuleException e => Create(ProbeErrorKind.InvalidModule, $"{ErrorReporter.Describe(e.Kind)}: {e.Message}", ExitCodes.BadModule),
        _ => null,
    };

    private static RunFailure Create(ProbeErrorKind kind, string message, int exitCode) => new(
        new ProbeResult { Success = false, LatencyMs = 0, Message = message, Error = new ProbeError(kind, message) },
        exitCode);
}
