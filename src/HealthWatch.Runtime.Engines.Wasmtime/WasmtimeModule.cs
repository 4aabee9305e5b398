using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>A module compiled by Wasmtime, with its imports and exports read once.</summary>
internal sealed unsafe class WasmtimeModule : IWasmModule
{
    public WasmtimeModule(WasmtimeEngine engine, NativeModuleHandle handle)
    {
        Engine = engine;
        Handle = handle;
        Imports = ReadImports(handle);
        Exports = ReadExports(handle);
    }

    public WasmtimeEngine Engine { get; }

    public NativeModuleHandle Handle { get; }

    /// <summary>Always null: Wasmtime's C API does not expose the name section's module name.</summary>
    public string? Name => null;

    public IReadOnlyList<ImportDescriptor> Imports { get; }

    public IReadOnlyList<ExportDescriptor> Exports { get; }

    public void Dispose() => Handle.Dispose();

    private static ImportDescriptor[] ReadImports(NativeModuleHandle handle)
    {
        NativeMethods.ModuleImports(handle, out var vec);
        try
        {
            var items = (nint*)vec.Data;
            var result = new ImportDescriptor[(int)vec.Size];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = new ImportDescriptor(
                    WasmtimeErrors.ReadName(NativeMethods.ImportTypeModule(items[i])),
                    WasmtimeErrors.ReadName(NativeMethods.ImportTypeName(items[i])),
                    NativeTypes.FromExternType(NativeMethods.ImportTypeType(items[i])));
            }

            return result;
        }
        finally
        {
            NativeMethods.ImportTypeVecDelete(ref vec);
        }
    }

    private static ExportDescriptor[] ReadExports(NativeModuleHandle handle)
    {
        NativeMethods.ModuleExports(handle, out var vec);
        try
        {
            var items = (nint*)vec.Data;
            var result = new ExportDescriptor[(int)vec.Size];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = new ExportDescriptor(
                    WasmtimeErrors.ReadName(NativeMethods.ExportTypeName(items[i])),
                    NativeTypes.FromExternType(NativeMethods.ExportTypeType(items[i])));
            }

            return result;
        }
        finally
        {
            NativeMethods.ExportTypeVecDelete(ref vec);
        }
    }
}
