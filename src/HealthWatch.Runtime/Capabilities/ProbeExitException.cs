namespace HealthWatch.Runtime.Capabilities;

/// <summary>Thrown by WASI <c>proc_exit</c> to unwind the guest; the runtime reads <see cref="ProbeContext.ExitCode"/>.</summary>
internal sealed class ProbeExitException(int exitCode) : Exception($"The probe exited with code {exitCode}.")
{
    public int ExitCode { get; } = exitCode;
}
