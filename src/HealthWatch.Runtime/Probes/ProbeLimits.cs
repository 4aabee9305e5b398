namespace HealthWatch.Runtime.Probes;

/// <summary>What one probe run may consume. Immutable; use <c>with</c> to derive.</summary>
public sealed record ProbeLimits
{
    /// <summary>The defaults: 1,000,000,000 fuel, 30 s, 1,024 pages (64 MiB), 64 KiB of logs, 10,000 host calls.</summary>
    public static ProbeLimits Default { get; } = new();

    /// <summary>Instruction budget (fuel), roughly one unit per WebAssembly instruction.</summary>
    /// <value>The default value is 1,000,000,000.</value>
    public long Fuel { get; init; } = 1_000_000_000;

    /// <summary>Wall-clock budget of a run, including time blocked in host calls.</summary>
    /// <value>The default value is 30 seconds; at most <see cref="int.MaxValue"/> milliseconds.</value>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most 64 KiB pages the probe's memory may grow to.</summary>
    /// <value>The default value is 1,024 (64 MiB); at most 65,536 (4 GiB).</value>
    public uint MemoryPages { get; init; } = 1024;

    /// <summary>The most bytes of log text kept; later lines are dropped and the result says so.</summary>
    /// <value>The default value is 65,536.</value>
    public int MaxLogBytes { get; init; } = 64 * 1024;

    /// <summary>The most host calls a run may make; past it, host calls fail with <c>HW_ELIMIT</c>.</summary>
    /// <value>The default value is 10,000.</value>
    public int MaxHostCalls { get; init; } = 10_000;

    /// <summary>Throws if a limit is out of range, naming the field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public void Validate()
    {
        foreach (var (field, problem) in GetProblems())
        {
            throw new ArgumentOutOfRangeException(field, $"{field} {problem}");
        }
    }

    /// <summary>Every limit out of range, as (manifest field name, problem), so callers can report them all at once.</summary>
    internal IEnumerable<(string Field, string Problem)> GetProblems()
    {
        if (Fuel <= 0)
        {
            yield return ("fuel", "must be positive.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return ("timeoutMs", "must be positive.");
        }
        else if (Timeout.TotalMilliseconds > int.MaxValue)
        {
            // The timer behind the timeout takes at most int.MaxValue milliseconds (about 24 days).
            yield return ("timeoutMs", $"must be at most {int.MaxValue}.");
        }

        if (MemoryPages is 0 or > 65536)
        {
            yield return ("memoryPages", "must be between 1 and 65536.");
        }

        if (MaxLogBytes < 0)
        {
            yield return ("maxLogBytes", "must not be negative.");
        }

        if (MaxHostCalls < 0)
        {
            yield return ("maxHostCalls", "must not be negative.");
        }
    }
}
