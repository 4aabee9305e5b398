namespace HealthWatch.Runtime.Probes;

/// <summary>The level of a probe's log line (the numbers are the ABI's).</summary>
public enum ProbeLogLevel
{
    /// <summary>Very detailed tracing.</summary>
    Trace = 0,

    /// <summary>Debugging detail; the host logs why a host call failed at this level.</summary>
    Debug = 1,

    /// <summary>Normal information (WASI stdout).</summary>
    Information = 2,

    /// <summary>Something unexpected (WASI stderr).</summary>
    Warning = 3,

    /// <summary>A failure.</summary>
    Error = 4,
}
