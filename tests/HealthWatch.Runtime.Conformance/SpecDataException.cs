namespace HealthWatch.Runtime.Conformance;

/// <summary>
/// The runner cannot carry out a command as written (bad value, missing export or module). The command fails;
/// the message says why. Never thrown by an engine, so it can't be confused with an engine error.
/// </summary>
internal sealed class SpecDataException : Exception
{
    public SpecDataException()
    {
    }

    public SpecDataException(string message)
        : base(message)
    {
    }

    public SpecDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
