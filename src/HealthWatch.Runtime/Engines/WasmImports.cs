namespace HealthWatch.Runtime.Engines;

/// <summary>The values a module's imports are resolved against, by module name and field name.</summary>
public sealed class WasmImports
{
    private readonly Dictionary<(string Module, string Name), IWasmExtern> _items = [];

    /// <summary>Defines (or replaces) the value of import <paramref name="module"/>.<paramref name="name"/>.</summary>
    /// <returns>This collection, for chaining.</returns>
    public WasmImports Define(string module, string name, IWasmExtern value)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        _items[(module, name)] = value;
        return this;
    }

    /// <summary>Defines every export of <paramref name="instance"/> under the module name <paramref name="module"/>.</summary>
    /// <returns>This collection, for chaining.</returns>
    public WasmImports DefineInstance(string module, IWasmInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var export in instance.Exports)
        {
            Define(module, export.Name, instance.GetExport(export.Name)!);
        }

        return this;
    }

    /// <summary>Looks up the value defined for an import.</summary>
    public bool TryGet(string module, string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IWasmExtern? value) =>
        _items.TryGetValue((module, name), out value);
}
