using HealthWatch.Runtime.Engines.Managed.Compilation;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>A compiled module. Disposing it drops its code; instances made before keep what they use.</summary>
internal sealed class ManagedModule : IWasmModule
{
    private CompiledModule? _compiled;

    public ManagedModule(ManagedEngine engine, CompiledModule compiled)
    {
        Engine = engine;
        _compiled = compiled;
        Types = new ModuleTypes(compiled.Definition);
        Name = compiled.Definition.Names.ModuleName;
    }

    public ManagedEngine Engine { get; }

    public ModuleTypes Types { get; }

    public string? Name { get; }

    public IReadOnlyList<ImportDescriptor> Imports => Types.Imports;

    public IReadOnlyList<ExportDescriptor> Exports => Types.Exports;

    public CompiledModule Compiled => _compiled ?? throw new ObjectDisposedException(nameof(ManagedModule));

    public void Dispose() => _compiled = null;
}
