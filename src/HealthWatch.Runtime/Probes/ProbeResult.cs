using System.Collections.ObjectModel;
using System.Text.Json;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Probes;

/// <summary>The verdict of one probe run, with what it cost. A failed run is a result too, never lost.</summary>
public sealed record ProbeResult
{
    /// <summary>Whether the probe ran and reported success.</summary>
    public required bool Success { get; init; }

    /// <summary>Wall-clock time of the run as the host measured it (instantiate + execute), in milliseconds.</summary>
    public required double LatencyMs { get; init; }

    /// <summary>The probe's message, or the error's.</summary>
    public string? Message { get; init; }

    /// <summary>Named numbers the probe reported.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = ReadOnlyDictionary<string, double>.Empty;

    /// <summary>Free-form JSON the probe reported, if any.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>What the probe (and the host, on its behalf) logged, bounded by <see cref="ProbeLimits.MaxLogBytes"/>.</summary>
    public IReadOnlyList<ProbeLogEntry> Logs { get; init; } = [];

    /// <summary>Whether log lines were dropped.</summary>
    public bool LogsTruncated { get; init; }

    /// <summary>Why the run failed, when it did not run to a verdict.</summary>
    public ProbeError? Error { get; init; }

    /// <summary>What the run consumed.</summary>
    public ProbeUsage Usage { get; init; } = ProbeUsage.None;
}

/// <summary>Why a run failed.</summary>
/// <param name="Kind">The family of failure.</param>
/// <param name="Message">What happened.</param>
/// <param name="TrapCode">For traps, the trap code.</param>
public sealed record ProbeError(ProbeErrorKind Kind, string Message, TrapCode? TrapCode = null);

/// <summary>Families of run failures.</summary>
public enum ProbeErrorKind
{
    /// <summary>The probe trapped (see <see cref="ProbeError.TrapCode"/>).</summary>
    Trap,

    /// <summary>The run exceeded its wall-clock timeout.</summary>
    Timeout,

    /// <summary>The run used up its fuel.</summary>
    OutOfFuel,

    /// <summary>The caller cancelled the run.</summary>
    Cancelled,

    /// <summary>The module needs a capability that was not granted.</summary>
    CapabilityNotGranted,

    /// <summary>The module is malformed, invalid or unsupported.</summary>
    InvalidModule,

    /// <summary>The module does not follow the probe ABI (missing export, unknown import, wrong type).</summary>
    AbiViolation,

    /// <summary>The module needs more memory or table space than the limits allow.</summary>
    ResourceLimit,

    /// <summary>The probe finished without reporting a verdict.</summary>
    NoVerdict,

    /// <summary>The probe's verdict is not valid verdict JSON.</summary>
    InvalidVerdict,

    /// <summary>The probe exited with a non-zero exit code (WASI <c>proc_exit</c>).</summary>
    Exit,

    /// <summary>A host function failed unexpectedly.</summary>
    HostError,

    /// <summary>The run's manifest, a grant, the config or a limit is malformed, so nothing ran (reported by hosts such as the CLI).</summary>
    InvalidConfiguration,
}

/// <summary>What a run consumed.</summary>
public sealed record ProbeUsage
{
    /// <summary>Nothing consumed (records are immutable, so one instance serves every result that has no usage).</summary>
    internal static ProbeUsage None { get; } = new();

    /// <summary>Fuel consumed.</summary>
    public long FuelUsed { get; init; }

    /// <summary>The size of the probe's memory at the end of the run, its peak (memory never shrinks).</summary>
    public long PeakMemoryBytes { get; init; }

    /// <summary>Number of host calls.</summary>
    public int HostCalls { get; init; }

    /// <summary>Time spent inside host calls, in milliseconds.</summary>
    public double HostCallMs { get; init; }

    /// <summary>Time to load the module (zero when it came from the cache), in milliseconds.</summary>
    public double CompileMs { get; init; }

    /// <summary>Time to instantiate the module, in milliseconds.</summary>
    public double InstantiateMs { get; init; }

    /// <summary>Time running the probe's entry point, in milliseconds.</summary>
    public double ExecuteMs { get; init; }
}
