using Microsoft.Extensions.Logging;

namespace HealthWatch.Runtime.DependencyInjection;

/// <summary>The registration's log messages; event ids are fixed (the runtime's own use 1 to 99).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 100, EventName = "EngineSelected", Level = LogLevel.Information,
        Message = "Probes run on the {Engine} engine: {Reason}")]
    public static partial void EngineSelected(ILogger logger, string engine, string reason);
}
