using Microsoft.Extensions.Logging;

namespace HealthWatch.Runtime.Probes;

/// <summary>The runtime's log messages. Event ids are fixed: dashboards and alerts may key on them.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "ModuleCompiled", Level = LogLevel.Information,
        Message = "Compiled probe module {Sha256} ({SizeBytes} bytes) in {CompileMs:F1} ms")]
    public static partial void ModuleCompiled(ILogger logger, string sha256, long sizeBytes, double compileMs);

    [LoggerMessage(EventId = 2, EventName = "ModuleCacheHit", Level = LogLevel.Debug,
        Message = "Probe module {Sha256} came from the module cache")]
    public static partial void ModuleCacheHit(ILogger logger, string sha256);

    [LoggerMessage(EventId = 3, EventName = "ModuleEvicted", Level = LogLevel.Debug,
        Message = "Evicted probe module {Sha256} from the module cache")]
    public static partial void ModuleEvicted(ILogger logger, string sha256);

    [LoggerMessage(EventId = 4, EventName = "ProbeFinished", Level = LogLevel.Debug,
        Message = "Probe {Sha256} finished: success {Success} in {LatencyMs:F1} ms")]
    public static partial void ProbeFinished(ILogger logger, string sha256, bool success, double latencyMs);

    [LoggerMessage(EventId = 5, EventName = "ProbeFailed", Level = LogLevel.Warning,
        Message = "Probe {Sha256} failed ({Kind}) after {LatencyMs:F1} ms: {Reason}")]
    public static partial void ProbeFailed(ILogger logger, string sha256, ProbeErrorKind kind, double latencyMs, string reason);

    [LoggerMessage(EventId = 6, EventName = "CapabilityNotGranted", Level = LogLevel.Warning,
        Message = "Probe {Sha256} refused: capability not granted: {Capability}")]
    public static partial void CapabilityNotGranted(ILogger logger, string sha256, string capability);
}
