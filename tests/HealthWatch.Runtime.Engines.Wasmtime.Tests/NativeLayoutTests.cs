using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime.Tests;

/// <summary>
/// The structs passed to Wasmtime keep the sizes and offsets of the C API's types on 64-bit targets, as a C compiler
/// lays them out from the 48.0.0 headers (sizeof/offsetof of wasmtime_val_t, wasmtime_extern_t, ...).
/// </summary>
public class NativeLayoutTests
{
    [Test]
    public void NativeVal_IsWasmtimeValT_KindThenTheUnionAtEight()
    {
        Unsafe.SizeOf<NativeVal>().Should().Be(32);
        Marshal.OffsetOf<NativeVal>(nameof(NativeVal.I64)).Should().Be(8);
        Marshal.OffsetOf<NativeVal>(nameof(NativeVal.FuncRef)).Should().Be(8);
        Marshal.OffsetOf<NativeVal>(nameof(NativeVal.ExternRef)).Should().Be(8);
    }

    [Test]
    public void NativeExtern_IsWasmtimeExternT_KindThenTheUnionAtEight()
    {
        Unsafe.SizeOf<NativeExtern>().Should().Be(32);
        Marshal.OffsetOf<NativeExtern>(nameof(NativeExtern.Func)).Should().Be(8);
        Marshal.OffsetOf<NativeExtern>(nameof(NativeExtern.Item)).Should().Be(8);
    }

    [Test]
    public void ItemsAndVectors_HaveTheHeadersSizes()
    {
        Unsafe.SizeOf<NativeFunc>().Should().Be(16, "wasmtime_func_t");
        Unsafe.SizeOf<NativeItem>().Should().Be(24, "wasmtime_memory_t, wasmtime_table_t, wasmtime_global_t and wasmtime_externref_t");
        Unsafe.SizeOf<NativeInstance>().Should().Be(16, "wasmtime_instance_t");
        Unsafe.SizeOf<NativeVec>().Should().Be(16, "wasm_byte_vec_t and the other vectors");
        Marshal.OffsetOf<NativeVec>(nameof(NativeVec.Data)).Should().Be(8);
        Unsafe.SizeOf<NativeLimits>().Should().Be(8, "wasm_limits_t");
    }
}
