namespace HealthWatch.Runtime.Conformance.Values;

/// <summary>The host object behind the test's <c>ref.extern N</c>; compared by identity, never by <see cref="Id"/>.</summary>
internal sealed class HostReference(ulong id)
{
    public ulong Id { get; } = id;

    public override string ToString() => $"ref.extern {Id}";
}

/// <summary>One distinct <see cref="HostReference"/> per id, for the length of one .wast file.</summary>
internal sealed class HostReferences
{
    private readonly Dictionary<ulong, HostReference> _byId = [];

    public HostReference Get(ulong id)
    {
        if (!_byId.TryGetValue(id, out var reference))
        {
            reference = new HostReference(id);
            _byId.Add(id, reference);
        }

        return reference;
    }
}
