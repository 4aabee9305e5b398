namespace HealthWatch.Runtime.Engines.Managed;

/// <summary>Settings of a <see cref="ManagedEngine"/>. They shape the generated code, so they are fixed per engine.</summary>
public sealed record ManagedEngineOptions
{
    /// <summary>The defaults: fuel metering on, adaptive tiering.</summary>
    public static ManagedEngineOptions Default { get; } = new();

    /// <summary>
    /// Whether compiled code meters fuel, so that <see cref="WasmStoreLimits.Fuel"/> can bound execution.
    /// Off makes code slightly faster; stores then reject a fuel limit. Default: on.
    /// </summary>
    public bool ConsumeFuel { get; init; } = true;

    /// <summary>
    /// How functions run: <see cref="ManagedTiering.Adaptive"/> (interpreted first, compiled once hot; the default),
    /// <see cref="ManagedTiering.CompiledOnly"/> or <see cref="ManagedTiering.InterpretedOnly"/>. Results, traps and
    /// fuel are the same in every mode; only speed differs.
    /// </summary>
    public ManagedTiering Tiering { get; init; } = ManagedTiering.Adaptive;

    /// <summary>
    /// With <see cref="ManagedTiering.Adaptive"/>: the calls plus loop iterations after which a function runs as
    /// compiled code; a call that has itself run this many loop iterations moves over at a loop header. Lower values
    /// compile sooner and more; higher values interpret longer. Default: 2,000; at least 1.
    /// </summary>
    public int TierUpThreshold { get; init; } = DefaultTierUpThreshold;

    /// <summary>The default of <see cref="TierUpThreshold"/>: well above what one-off initialisation code reaches, so that code is never JIT-compiled.</summary>
    public const int DefaultTierUpThreshold = 2_000;

    /// <summary>Every setting out of range, one sentence each (the engine and the DI start-up check both use these).</summary>
    internal IReadOnlyList<string> GetProblems()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Tiering))
        {
            problems.Add($"Tiering must be Adaptive, CompiledOnly or InterpretedOnly (was {(int)Tiering}).");
        }

        if (TierUpThreshold < 1)
        {
            problems.Add($"TierUpThreshold must be at least 1 (was {TierUpThreshold}).");
        }

        return problems;
    }
}
