namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Resolves imports with the spec's matching rules (https://webassembly.github.io/spec/core/exec/modules.html#import-subtyping).</summary>
internal static class Linker
{
    public static IWasmExtern Resolve(ManagedStore store, ImportDescriptor import, WasmImports imports)
    {
        if (!imports.TryGet(import.Module, import.Name, out var value))
        {
            throw new WasmLinkException(import.Module, import.Name, "unknown import");
        }

        if (!store.Owns(value))
        {
            throw new WasmLinkException(import.Module, import.Name, "import from another store");
        }

        return Matches(value, import.Type) ? value : throw new WasmLinkException(import.Module, import.Name, "incompatible import type");
    }

    private static bool Matches(IWasmExtern value, ExternType expected) => (value, expected) switch
    {
        (FunctionInstance f, FuncType type) => f.FunctionType.Equals(type),
        (TableInstance t, TableType type) => t.ElementType == type.ElementType && LimitsMatch(t.Size, t.DeclaredMaximum, type.Limits),
        (MemoryInstance m, MemoryType type) => LimitsMatch(m.Pages, m.DeclaredMaximum, type.Limits),
        (GlobalInstance g, GlobalType type) => g.GlobalType.Equals(type),
        _ => false,
    };

    // The provided extern's current size and declared maximum against the import's limits.
    private static bool LimitsMatch(uint size, uint? maximum, Limits expected) =>
        size >= expected.Minimum && (expected.Maximum is not { } limit || maximum <= limit);
}
