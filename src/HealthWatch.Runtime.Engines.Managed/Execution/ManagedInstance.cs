namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>An instance as the host sees it: its exports. Holds the <see cref="ModuleInstance"/> and so its code.</summary>
internal sealed class ManagedInstance(ModuleInstance instance, ModuleTypes types, IWasmExtern[] values) : IWasmInstance
{
    public ModuleInstance Instance { get; } = instance;

    public IReadOnlyList<ExportDescriptor> Exports => types.Exports;

    public IWasmExtern? GetExport(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return types.ExportIndex.TryGetValue(name, out var index) ? values[index] : null;
    }
}
