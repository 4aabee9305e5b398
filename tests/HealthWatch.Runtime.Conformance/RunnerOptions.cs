namespace HealthWatch.Runtime.Conformance;

/// <summary>Time limits of a spec run.</summary>
internal sealed record RunnerOptions
{
    public static RunnerOptions Default { get; } = new();

    /// <summary>Cancellation deadline passed to every LoadModule, Instantiate and Invoke; generous so that slow CI never trips it.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When one command has run this long the engine ignored its cancellation: the file is abandoned (the command
    /// and the rest of the file fail) so that the run goes on.
    /// </summary>
    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(30);
}
