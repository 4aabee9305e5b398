using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>Conversions between the core's types (<see cref="FuncType"/>, <see cref="MemoryType"/>, ...) and wasm.h's type objects.</summary>
internal static unsafe class NativeTypes
{
    /// <summary>The core type of a borrowed <c>wasm_externtype_t</c>.</summary>
    public static ExternType FromExternType(nint type) => NativeMethods.ExternTypeKind(type) switch
    {
        0 => FromFuncType(NativeMethods.ExternTypeAsFuncType(type)),
        1 => FromGlobalType(NativeMethods.ExternTypeAsGlobalType(type)),
        2 => FromTableType(NativeMethods.ExternTypeAsTableType(type)),
        3 => FromMemoryType(NativeMethods.ExternTypeAsMemoryType(type)),
        var kind => throw new NotSupportedException($"Wasmtime extern kind {kind} is not supported."),
    };

    public static FuncType FromFuncType(nint type) =>
        new(ValTypes(NativeMethods.FuncTypeParams(type)), ValTypes(NativeMethods.FuncTypeResults(type)));

    public static GlobalType FromGlobalType(nint type) =>
        new(FromValType(NativeMethods.GlobalTypeContent(type)), NativeMethods.GlobalTypeMutability(type) == 1);

    public static TableType FromTableType(nint type) =>
        new(FromValType(NativeMethods.TableTypeElement(type)), FromLimits(NativeMethods.TableTypeLimits(type)));

    public static MemoryType FromMemoryType(nint type) => new(FromLimits(NativeMethods.MemoryTypeLimits(type)));

    /// <summary>A new <c>wasm_functype_t</c>, owned by the caller.</summary>
    public static nint NewFuncType(FuncType type)
    {
        var parameters = NewValTypeVec(type.Parameters);
        var results = NewValTypeVec(type.Results);
        return NativeMethods.FuncTypeNew(ref parameters, ref results);
    }

    /// <summary>A new <c>wasm_globaltype_t</c>, owned by the caller.</summary>
    public static nint NewGlobalType(GlobalType type) =>
        NativeMethods.GlobalTypeNew(NativeMethods.ValTypeNew(ToTypeKind(type.ValueType)), type.Mutable ? (byte)1 : (byte)0);

    /// <summary>A new <c>wasm_tabletype_t</c>, owned by the caller.</summary>
    public static nint NewTableType(TableType type) =>
        NativeMethods.TableTypeNew(NativeMethods.ValTypeNew(ToTypeKind(type.ElementType)), ToLimits(type.Limits));

    /// <summary>A new <c>wasm_memorytype_t</c>, owned by the caller.</summary>
    public static nint NewMemoryType(MemoryType type) => NativeMethods.MemoryTypeNew(ToLimits(type.Limits));

    public static byte ToTypeKind(ValType type) => type switch
    {
        ValType.I32 => TypeKinds.I32,
        ValType.I64 => TypeKinds.I64,
        ValType.F32 => TypeKinds.F32,
        ValType.F64 => TypeKinds.F64,
        ValType.FuncRef => TypeKinds.FuncRef,
        ValType.ExternRef => TypeKinds.ExternRef,
        _ => throw new NotSupportedException($"{type.ToWatName()} values are not supported by the wasmtime engine."),
    };

    public static ValType FromTypeKind(byte kind) => kind switch
    {
        TypeKinds.I32 => ValType.I32,
        TypeKinds.I64 => ValType.I64,
        TypeKinds.F32 => ValType.F32,
        TypeKinds.F64 => ValType.F64,
        TypeKinds.FuncRef => ValType.FuncRef,
        TypeKinds.ExternRef => ValType.ExternRef,
        _ => throw new NotSupportedException($"Wasmtime value type kind {kind} is not supported."),
    };

    public static NativeLimits ToLimits(Limits limits) => new() { Min = limits.Minimum, Max = limits.Maximum ?? NativeLimits.NoMaximum };

    public static Limits FromLimits(NativeLimits* limits) =>
        new(limits->Min, limits->Max == NativeLimits.NoMaximum ? null : limits->Max);

    // wasm_valtype_kind aborts the process on v128 and typed references; the engine's configuration turns off the
    // proposals that bring them (SIMD, function references, GC), so every type read here is one of the six.
    private static ValType FromValType(nint type) => FromTypeKind(NativeMethods.ValTypeKind(type));

    private static ValType[] ValTypes(NativeVec* vec)
    {
        var result = new ValType[(int)vec->Size];
        var items = (nint*)vec->Data;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = FromValType(items[i]);
        }

        return result;
    }

    private static NativeVec NewValTypeVec(IReadOnlyList<ValType> types)
    {
        var items = stackalloc nint[Math.Max(types.Count, 1)];
        for (var i = 0; i < types.Count; i++)
        {
            items[i] = NativeMethods.ValTypeNew(ToTypeKind(types[i]));
        }

        // wasm_valtype_vec_new takes ownership of the valtypes.
        NativeMethods.ValTypeVecNew(out var vec, (nuint)types.Count, items);
        return vec;
    }
}
