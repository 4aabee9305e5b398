namespace HealthWatch.Runtime.Capabilities.Wasi;

/// <summary>
/// The WASI preview1 <c>errno</c> values the host returns
/// (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#errno).
/// </summary>
internal static class WasiErrno
{
    public const int Success = 0;

    /// <summary>Bad file descriptor.</summary>
    public const int Badf = 8;

    /// <summary>Bad address: a pointer or buffer outside memory.</summary>
    public const int Fault = 21;

    /// <summary>Interrupted: the run was cancelled or timed out while the call waited.</summary>
    public const int Intr = 27;

    /// <summary>Invalid argument.</summary>
    public const int Inval = 28;

    /// <summary>Function not supported.</summary>
    public const int Nosys = 52;

    /// <summary>Invalid seek: stdio is a character device.</summary>
    public const int Spipe = 70;
}
