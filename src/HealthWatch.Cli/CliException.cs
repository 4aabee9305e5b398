namespace HealthWatch.Cli;

/// <summary>An expected failure: <see cref="CliApp"/> prints the message (no stack trace) and exits with the code.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException BadModule(string message) => new(ExitCodes.BadModule, message);

    public static CliException BadConfiguration(string message) => new(ExitCodes.BadConfiguration, message);
}
