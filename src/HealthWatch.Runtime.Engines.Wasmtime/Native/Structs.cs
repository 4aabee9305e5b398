using System.Runtime.InteropServices;

namespace HealthWatch.Runtime.Engines.Wasmtime.Native;

// Layouts from Wasmtime 48.0.0's C API headers (wasm.h, wasmtime/val.h, extern.h, instance.h), for 64-bit targets
// only: every runtime package is 64-bit.

/// <summary>Any <c>wasm_*_vec_t</c>: <c>{ size_t size; T* data; }</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeVec
{
    public nuint Size;
    public nint Data;
}

/// <summary><c>wasm_limits_t</c>; <c>max</c> is <c>wasm_limits_max_default</c> (0xffffffff) when absent.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeLimits
{
    public const uint NoMaximum = 0xffffffff;

    public uint Min;
    public uint Max;
}

/// <summary><c>wasmtime_func_t</c>: <c>{ uint64_t store_id; void* __private; }</c>; null as a funcref when store_id is 0.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeFunc
{
    public ulong StoreId;
    public nint Private;
}

/// <summary>
/// The 24-byte payload of <c>wasmtime_extern_union_t</c> and <c>wasmtime_valunion_t</c>, kept opaque: a
/// <c>wasmtime_memory_t</c>, <c>wasmtime_table_t</c>, <c>wasmtime_global_t</c> or <c>wasmtime_externref_t</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeItem
{
    public ulong A;
    public ulong B;
    public ulong C;

    /// <summary>The <c>store_id</c> every item starts with; zero for a null reference.</summary>
    public readonly ulong StoreId => A;
}

/// <summary><c>wasmtime_val_t</c>: a kind byte, then the 24-byte value union at offset 8.</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct NativeVal
{
    [FieldOffset(0)]
    public byte Kind;

    [FieldOffset(8)]
    public int I32;

    [FieldOffset(8)]
    public long I64;

    [FieldOffset(8)]
    public uint F32Bits;

    [FieldOffset(8)]
    public ulong F64Bits;

    [FieldOffset(8)]
    public NativeFunc FuncRef;

    [FieldOffset(8)]
    public NativeItem ExternRef;
}

/// <summary><c>wasmtime_extern_t</c>: a kind byte, then the 24-byte extern union at offset 8.</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct NativeExtern
{
    [FieldOffset(0)]
    public byte Kind;

    [FieldOffset(8)]
    public NativeFunc Func;

    [FieldOffset(8)]
    public NativeItem Item;
}

/// <summary><c>wasmtime_instance_t</c>: <c>{ uint64_t store_id; size_t __private; }</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeInstance
{
    public ulong StoreId;
    public nuint Private;
}

/// <summary>Discriminants of <c>wasmtime_extern_t</c> (wasmtime/extern.h).</summary>
internal static class ExternKinds
{
    public const byte Func = 0;
    public const byte Global = 1;
    public const byte Table = 2;
    public const byte Memory = 3;
}

/// <summary>Discriminants of <c>wasmtime_val_t</c> (wasmtime/val.h).</summary>
internal static class ValKinds
{
    public const byte I32 = 0;
    public const byte I64 = 1;
    public const byte F32 = 2;
    public const byte F64 = 3;
    public const byte V128 = 4;
    public const byte FuncRef = 5;
    public const byte ExternRef = 6;
}

/// <summary><c>wasm_valkind_t</c> of wasm.h (types, not values: these differ from <see cref="ValKinds"/>).</summary>
internal static class TypeKinds
{
    public const byte I32 = 0;
    public const byte I64 = 1;
    public const byte F32 = 2;
    public const byte F64 = 3;
    public const byte ExternRef = 128;
    public const byte FuncRef = 129;
}
