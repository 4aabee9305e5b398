using System.Runtime.InteropServices;
using HealthWatch.Runtime.Engines.Wasmtime.Native;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>
/// Conversions between <see cref="WasmValue"/> and <c>wasmtime_val_t</c>. An externref holds its host object
/// through a <see cref="GCHandle"/> that Wasmtime frees (by <see cref="Callbacks.FreeHandle"/>) when the reference dies.
/// </summary>
internal static unsafe class NativeValues
{
    /// <exception cref="ArgumentException">The value is of another type, or a function of another store.</exception>
    public static NativeVal ToNative(in WasmValue value, ValType expected, WasmtimeStore store, string parameterName)
    {
        if (value.Type != expected)
        {
            throw new ArgumentException($"Expected a {expected.ToWatName()}, got a {value.Type.ToWatName()}.", parameterName);
        }

        var native = default(NativeVal);
        switch (value.Type)
        {
            case ValType.I32:
                native.Kind = ValKinds.I32;
                native.I32 = value.AsInt32();
                break;
            case ValType.I64:
                native.Kind = ValKinds.I64;
                native.I64 = value.AsInt64();
                break;
            case ValType.F32:
                native.Kind = ValKinds.F32;
                native.F32Bits = (uint)value.Bits;
                break;
            case ValType.F64:
                native.Kind = ValKinds.F64;
                native.F64Bits = value.Bits;
                break;
            case ValType.FuncRef:
                native.Kind = ValKinds.FuncRef;
                if (value.AsReference() is { } function)
                {
                    native.FuncRef = function is WasmtimeFunction f && f.Store == store
                        ? f.Native
                        : throw new ArgumentException("The function belongs to another store or engine.", parameterName);
                }

                break;
            case ValType.ExternRef:
                native.Kind = ValKinds.ExternRef;
                if (value.AsReference() is { } target)
                {
                    native.ExternRef = NewExternRef(store, target);
                }

                break;
            default:
                throw new NotSupportedException($"{value.Type.ToWatName()} values are not supported by the wasmtime engine.");
        }

        return native;
    }

    public static WasmValue FromNative(in NativeVal value, WasmtimeStore store) => value.Kind switch
    {
        ValKinds.I32 => WasmValue.FromInt32(value.I32),
        ValKinds.I64 => WasmValue.FromInt64(value.I64),
        ValKinds.F32 => WasmValue.FromSingleBits(value.F32Bits),
        ValKinds.F64 => WasmValue.FromDoubleBits(value.F64Bits),
        ValKinds.FuncRef => WasmValue.FromFuncRef(value.FuncRef.StoreId == 0 ? null : store.FunctionFor(value.FuncRef, null)),
        ValKinds.ExternRef => WasmValue.FromExternRef(value.ExternRef.StoreId == 0 ? null : ExternRefTarget(store, value.ExternRef)),
        var kind => throw new NotSupportedException($"Wasmtime value kind {kind} is not supported."),
    };

    /// <summary>Releases the root of a value this engine created or received; a no-op for other kinds.</summary>
    public static void Unroot(ref NativeVal value)
    {
        if (value.Kind == ValKinds.ExternRef && value.ExternRef.StoreId != 0)
        {
            NativeMethods.ValUnroot(ref value);
        }
    }

    private static NativeItem NewExternRef(WasmtimeStore store, object target)
    {
        var handle = GCHandle.Alloc(target);
        if (!NativeMethods.ExternRefNew(store.Context, GCHandle.ToIntPtr(handle), &Callbacks.FreeHandle, out var reference))
        {
            handle.Free();
            throw new InvalidOperationException("Wasmtime could not allocate an externref (its GC heap is full).");
        }

        return reference;
    }

    private static object? ExternRefTarget(WasmtimeStore store, in NativeItem reference)
    {
        var data = NativeMethods.ExternRefData(store.Context, reference);
        return data == 0 ? null : GCHandle.FromIntPtr(data).Target;
    }
}
