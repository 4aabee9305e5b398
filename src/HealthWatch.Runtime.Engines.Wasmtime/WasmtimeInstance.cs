using System.Text;
using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>An instance in a Wasmtime store. Each export is wrapped once, so asking twice gives the same object.</summary>
internal sealed unsafe class WasmtimeInstance(WasmtimeStore store, NativeInstance native, WasmtimeModule module) : IWasmInstance
{
    private readonly Dictionary<string, IWasmExtern> _exports = new(StringComparer.Ordinal);

    public IReadOnlyList<ExportDescriptor> Exports => module.Exports;

    public IWasmExtern? GetExport(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_exports.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var descriptor = module.Exports.FirstOrDefault(e => e.Name == name);
        if (descriptor is null)
        {
            return null;
        }

        var utf8 = Encoding.UTF8.GetBytes(name);
        var item = store.Use(() =>
        {
            fixed (byte* p = utf8)
            {
                return NativeMethods.InstanceExportGet(store.Context, native, p, (nuint)utf8.Length, out var found)
                    ? found
                    : throw new InvalidOperationException($"The instance lacks the export '{name}' its module declares.");
            }
        });

        IWasmExtern value = item.Kind switch
        {
            ExternKinds.Func => store.FunctionFor(item.Func, (FuncType)descriptor.Type),
            ExternKinds.Memory => new WasmtimeMemory(store, item.Item),
            ExternKinds.Table => new WasmtimeTable(store, item.Item, (TableType)descriptor.Type),
            ExternKinds.Global => new WasmtimeGlobal(store, item.Item, (GlobalType)descriptor.Type),
            var kind => throw new NotSupportedException($"Wasmtime extern kind {kind} is not supported."),
        };
        _exports[name] = value;
        return value;
    }
}
