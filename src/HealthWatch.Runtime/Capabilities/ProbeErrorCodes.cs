namespace HealthWatch.Runtime.Capabilities;

/// <summary>The error codes host functions return to probes (see docs/probe-abi.md).</summary>
public static class ProbeErrorCodes
{
    /// <summary>The grant does not allow it (host, port, method, or a refused address).</summary>
    public const int NotAllowed = -1;

    /// <summary>Bad argument: malformed JSON, a bad value, a pointer out of bounds.</summary>
    public const int InvalidArgument = -2;

    /// <summary>The operation did not finish in time.</summary>
    public const int TimedOut = -3;

    /// <summary>A network failure: refused, reset, DNS, TLS, malformed response.</summary>
    public const int Network = -4;

    /// <summary>Over a size limit.</summary>
    public const int TooLarge = -5;

    /// <summary>No such JSON path, environment variable or header.</summary>
    public const int NotFound = -6;

    /// <summary>A per-probe limit was reached.</summary>
    public const int Limit = -7;

    /// <summary>No such handle, or it was closed.</summary>
    public const int BadHandle = -8;
}
