namespace HealthWatch.Runtime.Probes;

/// <summary>What one probe run may consume. Immutable; use <c>with</c> to derive.</summary>
public sealed record ProbeLimits
{
    /// <summary>The defaults: 1,000,000,000 fuel, 30 s, 1,024 pages (64 MiB), 64 KiB of logs, 10,000 host calls.</summary>
    public static ProbeLimits Default { get; } = new();

    /// <summary>Instruction budget (fuel), roughly one unit per WebAssembly instruction.</summary>
    public long Fuel { get; init; } = 1_000_000_000;

    /// <summary>Wall-clock budget of a run, including time blocked in host calls.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most 64 KiB pages the probe's memory may grow to.</summary>
    public uint MemoryPages { get; init; } = 1024;

    /// <summary>The most bytes of log text kept; later lines are dropped and the result says so.</summary>
    public int MaxLogBytes { get; init; } = 64 * 1024;

    /// <summary>The most host calls a run may make; past it, host calls fail with <c>HW_ELIMIT</c>.</summary>
    public int MaxHostCalls { get; init; } = 10_000;

    /// <summary>Throws if a limit is out of range, naming the field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public void Validate()
    {
        if (Fuel <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Fuel), Fuel, "fuel must be positive.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "timeout must be positive.");
        }

        if (MemoryPages == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryPages), MemoryPages, "memoryPages must be positive.");
        }

        if (MaxLogBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLogBytes), MaxLogBytes, "maxLogBytes must not be negative.");
        }

        if (MaxHostCalls < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHostCalls), MaxHostCalls, "maxHostCalls must not be negative.");
        }
    }
}
