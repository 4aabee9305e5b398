namespace HealthWatch.Runtime.Capabilities;

/// <summary>A module imports a function of a capability that the run did not grant; nothing of the module ran.</summary>
public sealed class CapabilityNotGrantedException : Exception
{
    /// <summary>Creates the exception for <paramref name="capability"/>.</summary>
    /// <param name="capability">The capability's name, e.g. <c>filesystem</c>.</param>
    /// <param name="import">The import that needs it, as <c>module.name</c>, if known.</param>
    public CapabilityNotGrantedException(string capability, string? import = null)
        : base($"Capability not granted: {capability}")
    {
        Capability = capability;
        Import = import;
    }

    /// <summary>The capability that was not granted.</summary>
    public string Capability { get; }

    /// <summary>The import that needs it, as <c>module.name</c>, if known.</summary>
    public string? Import { get; }
}
