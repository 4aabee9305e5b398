namespace HealthWatch.Runtime.Probes;

/// <summary>One line a probe logged.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Message">Its text.</param>
/// <param name="TimestampMs">Milliseconds since the run started.</param>
public sealed record ProbeLogEntry(ProbeLogLevel Level, string Message, double TimestampMs);
