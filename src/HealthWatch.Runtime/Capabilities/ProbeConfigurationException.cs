namespace HealthWatch.Runtime.Capabilities;

/// <summary>A manifest, grant, config or limit is malformed; the message names the field.</summary>
public sealed class ProbeConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The path of the bad field, e.g. <c>grants.http.allow[2]</c>.</param>
    /// <param name="problem">What is wrong with it.</param>
    public ProbeConfigurationException(string field, string problem)
        : base($"{field}: {problem}")
    {
        Field = field;
    }

    /// <summary>The path of the bad field.</summary>
    public string Field { get; }
}
