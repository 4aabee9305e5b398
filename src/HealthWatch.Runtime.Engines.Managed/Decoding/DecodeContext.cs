using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>State shared by the section decoders while one module is decoded.</summary>
internal sealed class DecodeContext(ModuleDefinition module, CancellationToken cancellationToken)
{
    public ModuleDefinition Module { get; } = module;

    public CodeScanner Scanner { get; } = new();

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public bool CodeSectionSeen { get; set; }

    public bool DataSectionSeen { get; set; }

    public bool NameSectionSeen { get; set; }

    /// <summary>Offset of the first <c>memory.init</c> or <c>data.drop</c> in a function body, or -1.</summary>
    public int FirstDataIndexUse { get; set; } = -1;
}
