using System.Globalization;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>How much Cranelift optimises generated code (Wasmtime's <c>wasmtime_opt_level_t</c>).</summary>
public enum WasmtimeOptimizationLevel
{
    /// <summary>No optimisation: fastest compile.</summary>
    None = 0,

    /// <summary>Optimise for speed (Wasmtime's default).</summary>
    Speed = 1,

    /// <summary>Optimise for speed, leaving out what makes code much larger.</summary>
    SpeedAndSize = 2,
}

/// <summary>
/// Settings of a <see cref="WasmtimeEngine"/>. They shape the compiled code, so they are fixed per engine. Immutable;
/// use <c>with</c> to derive.
/// </summary>
public sealed record WasmtimeEngineOptions
{
    /// <summary>The most native stack a call into WebAssembly may use.</summary>
    public const int MaxWasmStackLimit = 64 * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static WasmtimeEngineOptions Default { get; } = new();

    /// <summary>
    /// Whether compiled code meters fuel, so that <see cref="WasmStoreLimits.Fuel"/> can bound execution; stores of an
    /// engine without it reject a fuel limit.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ConsumeFuel { get; init; } = true;

    /// <summary>
    /// How often the engine's epoch advances. Cancellation and timeouts take effect at the next tick, so this bounds
    /// how late a cancelled call stops; each tick costs running code one check.
    /// </summary>
    /// <value>The default value is 10 ms.</value>
    public TimeSpan EpochInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The most native stack, in bytes, that WebAssembly code may use before it traps with
    /// <see cref="TrapCode.CallStackExhausted"/>. Wasmtime has no call-depth count, so this stands in for
    /// <see cref="WasmStoreLimits.MaxCallDepth"/>; it must be less than the stack of the threads calling in.
    /// </summary>
    /// <value>The default value is 512 KiB (Wasmtime's default).</value>
    public int MaxWasmStackBytes { get; init; } = 512 * 1024;

    /// <summary>How much Cranelift optimises.</summary>
    /// <value>The default value is <see cref="WasmtimeOptimizationLevel.Speed"/>.</value>
    public WasmtimeOptimizationLevel OptimizationLevel { get; init; } = WasmtimeOptimizationLevel.Speed;

    /// <summary>
    /// A folder for compiled modules, reused across processes: a module compiled once loads from here next time.
    /// Entries are keyed by the module's SHA-256, these settings and the Wasmtime version, and checked against a
    /// SHA-256 of their contents before Wasmtime reads them; a damaged or foreign file is ignored and rebuilt.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no disk cache.</value>
    public string? CacheDirectory { get; init; }

    /// <summary>Throws if any setting is out of range; the message lists every problem.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        var problems = GetProblems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid Wasmtime engine options: {string.Join(" ", problems)}");
        }
    }

    /// <summary>The settings that shape compiled code, as stable text (for <see cref="IWasmEngine.Settings"/>).</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"fuel={ConsumeFuel} opt={OptimizationLevel} stack={MaxWasmStackBytes} simd=False");

    /// <summary>Every setting out of range, one sentence each.</summary>
    internal IReadOnlyList<string> GetProblems()
    {
        var problems = new List<string>();
        if (EpochInterval < TimeSpan.FromMilliseconds(1) || EpochInterval > TimeSpan.FromSeconds(1))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"EpochInterval must be from 1 ms to 1 s (was {EpochInterval.TotalMilliseconds} ms)."));
        }

        if (MaxWasmStackBytes is < 64 * 1024 or > MaxWasmStackLimit)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MaxWasmStackBytes must be from 65536 to {MaxWasmStackLimit} (was {MaxWasmStackBytes})."));
        }

        if (!Enum.IsDefined(OptimizationLevel))
        {
            problems.Add($"OptimizationLevel must be None, Speed or SpeedAndSize (was {(int)OptimizationLevel}).");
        }

        if (CacheDirectory is { } directory && (directory.Length == 0 || directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            problems.Add("CacheDirectory must be null or a folder path.");
        }

        return problems;
    }
}
