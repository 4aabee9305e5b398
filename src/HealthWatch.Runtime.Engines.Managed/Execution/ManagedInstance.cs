namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>An instance as the host sees it: its exports. Holds the <see cref="ModuleInstance"/> and so its code.</summary>
internal sealed class ManagedInstance(ModuleInstance instance, ExportDescriptor[] exports, IWasmExtern[] values) : IWasmInstance
{
    private readonly Dictionary<string, IWasmExtern> _byName = exports.Zip(values).ToDictionary(p => p.First.Name, p => p.Second, StringComparer.Ordinal);

    public ModuleInstance Instance { get; } = instance;

    public IReadOnlyList<ExportDescriptor> Exports { get; } = exports;

    public IWasmExtern? GetExport(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.GetValueOrDefault(name);
    }
}
