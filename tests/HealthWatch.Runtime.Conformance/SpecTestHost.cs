using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance;

/// <summary>The <c>spectest</c> module the suite imports, as the reference interpreter defines it.</summary>
internal static class SpecTestHost
{
    public const string ModuleName = "spectest";

    /// <summary>Creates fresh spectest objects in <paramref name="store"/> and defines them in <paramref name="imports"/>.</summary>
    public static void Define(IWasmStore store, WasmImports imports)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(imports);
        DefinePrint(store, imports, "print");
        DefinePrint(store, imports, "print_i32", ValType.I32);
        DefinePrint(store, imports, "print_i64", ValType.I64);
        DefinePrint(store, imports, "print_f32", ValType.F32);
        DefinePrint(store, imports, "print_f64", ValType.F64);
        DefinePrint(store, imports, "print_i32_f32", ValType.I32, ValType.F32);
        DefinePrint(store, imports, "print_f64_f64", ValType.F64, ValType.F64);
        DefineGlobal(store, imports, "global_i32", WasmValue.FromInt32(666));
        DefineGlobal(store, imports, "global_i64", WasmValue.FromInt64(666));
        DefineGlobal(store, imports, "global_f32", WasmValue.FromSingle(666.6f));
        DefineGlobal(store, imports, "global_f64", WasmValue.FromDouble(666.6));
        imports.Define(ModuleName, "table", store.CreateTable(new TableType(ValType.FuncRef, new Limits(10, 20)), WasmValue.Null(ValType.FuncRef)));
        imports.Define(ModuleName, "memory", store.CreateMemory(new MemoryType(new Limits(1, 2))));
    }

    // The tests only need the calls to link and return; printing would flood the output.
    private static void DefinePrint(IWasmStore store, WasmImports imports, string name, params ValType[] parameters) =>
        imports.Define(ModuleName, name, store.CreateFunction(new FuncType(parameters, []), static (_, _) => { }));

    private static void DefineGlobal(IWasmStore store, WasmImports imports, string name, WasmValue value) =>
        imports.Define(ModuleName, name, store.CreateGlobal(new GlobalType(value.Type, mutable: false), value));
}
