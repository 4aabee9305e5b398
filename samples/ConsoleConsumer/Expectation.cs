using HealthWatch.Runtime.Probes;

namespace ConsoleConsumer;

/// <summary>What the sample expects of a check: success, the probe's own failed verdict, or a run error of one kind.</summary>
internal sealed record Expectation(bool Success, ProbeErrorKind? ErrorKind)
{
    public static Expectation Pass { get; } = new(true, null);

    /// <summary>The probe ran and reported failure: the service is unhealthy, and the probe says so.</summary>
    public static Expectation Fail { get; } = new(false, null);

    /// <summary>The run itself failed: the host stopped or refused the probe.</summary>
    public static Expectation Error(ProbeErrorKind kind) => new(false, kind);

    /// <summary>What actually came of a run, in the same words.</summary>
    public static Expectation Of(ProbeResult result) => new(result.Success, result.Error?.Kind);

    public override string ToString() => Success ? "success" : ErrorKind?.ToString() ?? "failure";
}
