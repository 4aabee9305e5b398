using System.Runtime.InteropServices;

namespace HealthWatch.Runtime.Engines.Wasmtime.Native;

/// <summary>
/// The Wasmtime C API functions this engine uses. Every signature is taken from the headers of Wasmtime 48.0.0
/// (crates/c-api/include: wasm.h and wasmtime/*.h); <c>bool</c> is C's one-byte bool, <c>size_t</c> is
/// <see cref="nuint"/>. The library is found by <see cref="WasmtimeLibrary"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    public const string Library = "wasmtime";

    // wasm.h: configuration and engine.
    [LibraryImport(Library, EntryPoint = "wasm_config_new")]
    public static partial nint ConfigNew();

    [LibraryImport(Library, EntryPoint = "wasm_config_delete")]
    public static partial void ConfigDelete(nint config);

    [LibraryImport(Library, EntryPoint = "wasm_engine_new_with_config")]
    public static partial EngineHandle EngineNewWithConfig(nint config);

    [LibraryImport(Library, EntryPoint = "wasm_engine_delete")]
    public static partial void EngineDelete(nint engine);

    // wasmtime/config.h: WASMTIME_CONFIG_PROP(void, name, ty) declares void wasmtime_config_<name>_set(wasm_config_t*, ty).
    [LibraryImport(Library, EntryPoint = "wasmtime_config_consume_fuel_set")]
    public static partial void ConfigConsumeFuel(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_epoch_interruption_set")]
    public static partial void ConfigEpochInterruption(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_max_wasm_stack_set")]
    public static partial void ConfigMaxWasmStack(nint config, nuint bytes);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_cranelift_opt_level_set")]
    public static partial void ConfigCraneliftOptLevel(nint config, byte level);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_wasm_threads_set")]
    public static partial void ConfigWasmThreads(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_wasm_simd_set")]
    public static partial void ConfigWasmSimd(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_wasm_relaxed_simd_set")]
    public static partial void ConfigWasmRelaxedSimd(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_wasm_function_references_set")]
    public static partial void ConfigWasmFunctionReferences(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_wasm_gc_set")]
    public static partial void ConfigWasmGc(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_wasm_exceptions_set")]
    public static partial void ConfigWasmExceptions(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "wasmtime_config_wasm_memory64_set")]
    public static partial void ConfigWasmMemory64(nint config, [MarshalAs(UnmanagedType.U1)] bool value);

    // wasmtime/engine.h
    [LibraryImport(Library, EntryPoint = "wasmtime_engine_increment_epoch")]
    public static partial void EngineIncrementEpoch(EngineHandle engine);

    // wasmtime/store.h
    [LibraryImport(Library, EntryPoint = "wasmtime_store_new")]
    public static partial StoreHandle StoreNew(EngineHandle engine, nint data, nint finalizer);

    [LibraryImport(Library, EntryPoint = "wasmtime_store_delete")]
    public static partial void StoreDelete(nint store);

    [LibraryImport(Library, EntryPoint = "wasmtime_store_context")]
    public static partial nint StoreContext(StoreHandle store);

    [LibraryImport(Library, EntryPoint = "wasmtime_store_limiter")]
    public static partial void StoreLimiter(StoreHandle store, long memorySize, long tableElements, long instances, long tables, long memories);

    [LibraryImport(Library, EntryPoint = "wasmtime_context_set_fuel")]
    public static partial nint ContextSetFuel(nint context, ulong fuel);

    [LibraryImport(Library, EntryPoint = "wasmtime_context_get_fuel")]
    public static partial nint ContextGetFuel(nint context, out ulong fuel);

    [LibraryImport(Library, EntryPoint = "wasmtime_context_set_epoch_deadline")]
    public static partial void ContextSetEpochDeadline(nint context, ulong ticksBeyondCurrent);

    /// <summary>
    /// <c>callback</c>: <c>wasmtime_error_t* (*)(wasmtime_context_t*, void* data, uint64_t* epoch_deadline_delta,
    /// wasmtime_update_deadline_kind_t* update_kind)</c>; <c>finalizer</c>: <c>void (*)(void*)</c> or null.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_store_epoch_deadline_callback")]
    public static partial void StoreEpochDeadlineCallback(
        StoreHandle store,
        delegate* unmanaged[Cdecl]<nint, nint, ulong*, byte*, nint> callback,
        nint data,
        nint finalizer);

    // wasmtime/error.h
    [LibraryImport(Library, EntryPoint = "wasmtime_error_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ErrorNew(string message);

    [LibraryImport(Library, EntryPoint = "wasmtime_error_delete")]
    public static partial void ErrorDelete(nint error);

    [LibraryImport(Library, EntryPoint = "wasmtime_error_message")]
    public static partial void ErrorMessage(nint error, out NativeVec message);

    [LibraryImport(Library, EntryPoint = "wasmtime_error_wasm_trace")]
    public static partial void ErrorWasmTrace(nint error, out NativeVec frames);

    // wasm.h and wasmtime/trap.h: traps and frames.
    [LibraryImport(Library, EntryPoint = "wasm_trap_delete")]
    public static partial void TrapDelete(nint trap);

    [LibraryImport(Library, EntryPoint = "wasm_trap_message")]
    public static partial void TrapMessage(nint trap, out NativeVec message);

    [LibraryImport(Library, EntryPoint = "wasm_trap_trace")]
    public static partial void TrapTrace(nint trap, out NativeVec frames);

    [LibraryImport(Library, EntryPoint = "wasmtime_trap_code")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool TrapCode(nint trap, out byte code);

    [LibraryImport(Library, EntryPoint = "wasmtime_trap_new")]
    public static partial nint TrapNew(byte* message, nuint length);

    [LibraryImport(Library, EntryPoint = "wasm_frame_vec_delete")]
    public static partial void FrameVecDelete(ref NativeVec frames);

    [LibraryImport(Library, EntryPoint = "wasm_frame_func_index")]
    public static partial uint FrameFuncIndex(nint frame);

    /// <summary>Returns a <c>const wasm_name_t*</c> owned by the frame, or null.</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_frame_func_name")]
    public static partial NativeVec* FrameFuncName(nint frame);

    /// <summary>Returns a <c>const wasm_name_t*</c> owned by the frame, or null.</summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_frame_module_name")]
    public static partial NativeVec* FrameModuleName(nint frame);

    [LibraryImport(Library, EntryPoint = "wasm_byte_vec_delete")]
    public static partial void ByteVecDelete(ref NativeVec bytes);

    // wasmtime/module.h
    [LibraryImport(Library, EntryPoint = "wasmtime_module_new")]
    public static partial nint ModuleNew(EngineHandle engine, byte* wasm, nuint length, out NativeModuleHandle module);

    [LibraryImport(Library, EntryPoint = "wasmtime_module_delete")]
    public static partial void ModuleDelete(nint module);

    [LibraryImport(Library, EntryPoint = "wasmtime_module_imports")]
    public static partial void ModuleImports(NativeModuleHandle module, out NativeVec imports);

    [LibraryImport(Library, EntryPoint = "wasmtime_module_exports")]
    public static partial void ModuleExports(NativeModuleHandle module, out NativeVec exports);

    [LibraryImport(Library, EntryPoint = "wasmtime_module_serialize")]
    public static partial nint ModuleSerialize(NativeModuleHandle module, out NativeVec bytes);

    [LibraryImport(Library, EntryPoint = "wasmtime_module_deserialize")]
    public static partial nint ModuleDeserialize(EngineHandle engine, byte* bytes, nuint length, out NativeModuleHandle module);

    // wasm.h: import and export types.
    [LibraryImport(Library, EntryPoint = "wasm_importtype_vec_delete")]
    public static partial void ImportTypeVecDelete(ref NativeVec imports);

    [LibraryImport(Library, EntryPoint = "wasm_exporttype_vec_delete")]
    public static partial void ExportTypeVecDelete(ref NativeVec exports);

    [LibraryImport(Library, EntryPoint = "wasm_importtype_module")]
    public static partial NativeVec* ImportTypeModule(nint import);

    [LibraryImport(Library, EntryPoint = "wasm_importtype_name")]
    public static partial NativeVec* ImportTypeName(nint import);

    [LibraryImport(Library, EntryPoint = "wasm_importtype_type")]
    public static partial nint ImportTypeType(nint import);

    [LibraryImport(Library, EntryPoint = "wasm_exporttype_name")]
    public static partial NativeVec* ExportTypeName(nint export);

    [LibraryImport(Library, EntryPoint = "wasm_exporttype_type")]
    public static partial nint ExportTypeType(nint export);

    // wasm.h: extern, function, global, table, memory and value types.
    [LibraryImport(Library, EntryPoint = "wasm_externtype_kind")]
    public static partial byte ExternTypeKind(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_externtype_delete")]
    public static partial void ExternTypeDelete(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_externtype_as_functype_const")]
    public static partial nint ExternTypeAsFuncType(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_externtype_as_globaltype_const")]
    public static partial nint ExternTypeAsGlobalType(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_externtype_as_tabletype_const")]
    public static partial nint ExternTypeAsTableType(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_externtype_as_memorytype_const")]
    public static partial nint ExternTypeAsMemoryType(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_valtype_new")]
    public static partial nint ValTypeNew(byte kind);

    [LibraryImport(Library, EntryPoint = "wasm_valtype_kind")]
    public static partial byte ValTypeKind(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_valtype_vec_new")]
    public static partial void ValTypeVecNew(out NativeVec vec, nuint size, nint* types);

    [LibraryImport(Library, EntryPoint = "wasm_functype_new")]
    public static partial nint FuncTypeNew(ref NativeVec parameters, ref NativeVec results);

    [LibraryImport(Library, EntryPoint = "wasm_functype_delete")]
    public static partial void FuncTypeDelete(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_functype_params")]
    public static partial NativeVec* FuncTypeParams(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_functype_results")]
    public static partial NativeVec* FuncTypeResults(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_globaltype_new")]
    public static partial nint GlobalTypeNew(nint content, byte mutability);

    [LibraryImport(Library, EntryPoint = "wasm_globaltype_delete")]
    public static partial void GlobalTypeDelete(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_globaltype_content")]
    public static partial nint GlobalTypeContent(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_globaltype_mutability")]
    public static partial byte GlobalTypeMutability(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_tabletype_new")]
    public static partial nint TableTypeNew(nint element, in NativeLimits limits);

    [LibraryImport(Library, EntryPoint = "wasm_tabletype_delete")]
    public static partial void TableTypeDelete(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_tabletype_element")]
    public static partial nint TableTypeElement(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_tabletype_limits")]
    public static partial NativeLimits* TableTypeLimits(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_memorytype_new")]
    public static partial nint MemoryTypeNew(in NativeLimits limits);

    [LibraryImport(Library, EntryPoint = "wasm_memorytype_delete")]
    public static partial void MemoryTypeDelete(nint type);

    [LibraryImport(Library, EntryPoint = "wasm_memorytype_limits")]
    public static partial NativeLimits* MemoryTypeLimits(nint type);

    // wasmtime/func.h
    /// <summary>
    /// <c>callback</c>: <c>wasm_trap_t* (*)(void* env, wasmtime_caller_t*, const wasmtime_val_t* args, size_t nargs,
    /// wasmtime_val_t* results, size_t nresults)</c>; <c>finalizer</c>: <c>void (*)(void*)</c>.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_func_new")]
    public static partial void FuncNew(
        nint context,
        nint type,
        delegate* unmanaged[Cdecl]<nint, nint, NativeVal*, nuint, NativeVal*, nuint, nint> callback,
        nint env,
        delegate* unmanaged[Cdecl]<nint, void> finalizer,
        out NativeFunc func);

    [LibraryImport(Library, EntryPoint = "wasmtime_func_type")]
    public static partial nint FuncType(nint context, in NativeFunc func);

    [LibraryImport(Library, EntryPoint = "wasmtime_func_call")]
    public static partial nint FuncCall(nint context, in NativeFunc func, NativeVal* args, nuint argCount, NativeVal* results, nuint resultCount, out nint trap);

    // wasmtime/instance.h
    [LibraryImport(Library, EntryPoint = "wasmtime_instance_new")]
    public static partial nint InstanceNew(nint context, NativeModuleHandle module, NativeExtern* imports, nuint importCount, out NativeInstance instance, out nint trap);

    [LibraryImport(Library, EntryPoint = "wasmtime_instance_export_get")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool InstanceExportGet(nint context, in NativeInstance instance, byte* name, nuint nameLength, out NativeExtern item);

    // wasmtime/memory.h
    [LibraryImport(Library, EntryPoint = "wasmtime_memory_new")]
    public static partial nint MemoryNew(nint context, nint type, out NativeItem memory);

    [LibraryImport(Library, EntryPoint = "wasmtime_memory_type")]
    public static partial nint MemoryType(nint context, in NativeItem memory);

    [LibraryImport(Library, EntryPoint = "wasmtime_memory_data")]
    public static partial byte* MemoryData(nint context, in NativeItem memory);

    [LibraryImport(Library, EntryPoint = "wasmtime_memory_data_size")]
    public static partial nuint MemoryDataSize(nint context, in NativeItem memory);

    [LibraryImport(Library, EntryPoint = "wasmtime_memory_size")]
    public static partial ulong MemorySize(nint context, in NativeItem memory);

    [LibraryImport(Library, EntryPoint = "wasmtime_memory_grow")]
    public static partial nint MemoryGrow(nint context, in NativeItem memory, ulong delta, out ulong previousSize);

    // wasmtime/table.h
    [LibraryImport(Library, EntryPoint = "wasmtime_table_new")]
    public static partial nint TableNew(nint context, nint type, in NativeVal init, out NativeItem table);

    [LibraryImport(Library, EntryPoint = "wasmtime_table_type")]
    public static partial nint TableType(nint context, in NativeItem table);

    [LibraryImport(Library, EntryPoint = "wasmtime_table_get")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool TableGet(nint context, in NativeItem table, ulong index, out NativeVal value);

    [LibraryImport(Library, EntryPoint = "wasmtime_table_set")]
    public static partial nint TableSet(nint context, in NativeItem table, ulong index, in NativeVal value);

    [LibraryImport(Library, EntryPoint = "wasmtime_table_size")]
    public static partial ulong TableSize(nint context, in NativeItem table);

    [LibraryImport(Library, EntryPoint = "wasmtime_table_grow")]
    public static partial nint TableGrow(nint context, in NativeItem table, ulong delta, in NativeVal init, out ulong previousSize);

    // wasmtime/global.h
    [LibraryImport(Library, EntryPoint = "wasmtime_global_new")]
    public static partial nint GlobalNew(nint context, nint type, in NativeVal value, out NativeItem global);

    [LibraryImport(Library, EntryPoint = "wasmtime_global_type")]
    public static partial nint GlobalType(nint context, in NativeItem global);

    [LibraryImport(Library, EntryPoint = "wasmtime_global_get")]
    public static partial void GlobalGet(nint context, in NativeItem global, out NativeVal value);

    [LibraryImport(Library, EntryPoint = "wasmtime_global_set")]
    public static partial nint GlobalSet(nint context, in NativeItem global, in NativeVal value);

    // wasmtime/externref.h and val.h
    [LibraryImport(Library, EntryPoint = "wasmtime_externref_new")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool ExternRefNew(nint context, nint data, delegate* unmanaged[Cdecl]<nint, void> finalizer, out NativeItem reference);

    [LibraryImport(Library, EntryPoint = "wasmtime_externref_data")]
    public static partial nint ExternRefData(nint context, in NativeItem reference);

    [LibraryImport(Library, EntryPoint = "wasmtime_val_unroot")]
    public static partial void ValUnroot(ref NativeVal value);
}
