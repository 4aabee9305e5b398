namespace HealthWatch.Runtime.Capabilities;

/// <summary>
/// The capabilities granted to one probe run, each with its typed options (from
/// <see cref="ProbeCapability.ParseGrant"/>, or built in code). Anything not granted is refused.
/// </summary>
public sealed class ProbeGrants
{
    private readonly Dictionary<string, object> _grants = new(StringComparer.Ordinal);

    /// <summary>No capability at all.</summary>
    public static ProbeGrants None => new();

    /// <summary>The names of the granted capabilities.</summary>
    public IReadOnlyCollection<string> Names => _grants.Keys;

    /// <summary>Grants <paramref name="capability"/> with <paramref name="options"/> (its typed options, or none).</summary>
    /// <returns>This object, for chaining.</returns>
    public ProbeGrants Grant(string capability, object? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(capability);
        _grants[capability] = options ?? EmptyGrant.Instance;
        return this;
    }

    /// <summary>Whether <paramref name="capability"/> is granted.</summary>
    public bool IsGranted(string capability) => _grants.ContainsKey(capability);

    /// <summary>The options <paramref name="capability"/> was granted with.</summary>
    public bool TryGet(string capability, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? options) =>
        _grants.TryGetValue(capability, out options);
}
