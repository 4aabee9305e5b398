using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>
/// Import resolution, done here rather than by Wasmtime so that a missing or mismatched import is a
/// <see cref="WasmLinkException"/> in the spec's words, as with the managed engine
/// (https://webassembly.github.io/spec/core/exec/modules.html#import-subtyping).
/// </summary>
internal sealed partial class WasmtimeStore
{
    private NativeExtern[] ResolveImports(WasmtimeModule module, WasmImports imports)
    {
        var externs = new NativeExtern[module.Imports.Count];
        for (var i = 0; i < externs.Length; i++)
        {
            var import = module.Imports[i];
            if (!imports.TryGet(import.Module, import.Name, out var value))
            {
                throw new WasmLinkException(import.Module, import.Name, "unknown import");
            }

            if (value is not IWasmtimeExtern native || native.Store != this)
            {
                throw new WasmLinkException(import.Module, import.Name, "import from another store");
            }

            externs[i] = Matches(value, import.Type) ? native.ToNative() : throw new WasmLinkException(import.Module, import.Name, "incompatible import type");
        }

        return externs;
    }

    private static bool Matches(IWasmExtern value, ExternType expected) => (value, expected) switch
    {
        (WasmtimeFunction f, FuncType type) => f.FunctionType.Equals(type),
        (WasmtimeTable t, TableType type) => ((TableType)t.Type).ElementType == type.ElementType && LimitsMatch(t.Size, ((TableType)t.Type).Limits.Maximum, type.Limits),
        (WasmtimeMemory m, MemoryType type) => LimitsMatch(m.Pages, ((MemoryType)m.Type).Limits.Maximum, type.Limits),
        (WasmtimeGlobal g, GlobalType type) => g.GlobalType.Equals(type),
        _ => false,
    };

    // The provided extern's current size and declared maximum against the import's limits.
    private static bool LimitsMatch(uint size, uint? maximum, Limits expected) =>
        size >= expected.Minimum && (expected.Maximum is not { } limit || maximum <= limit);
}
