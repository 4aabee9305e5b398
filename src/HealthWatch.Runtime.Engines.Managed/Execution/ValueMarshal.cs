using System.Reflection;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// Conversions between <see cref="WasmValue"/> and the CLR values of the calling convention, called by entry
/// stubs and host trampolines. Values reaching the "To" methods have been checked against the function type.
/// </summary>
internal static class ValueMarshal
{
    public static int ToI32(in WasmValue value) => (int)(uint)value.Bits;

    public static long ToI64(in WasmValue value) => (long)value.Bits;

    public static float ToF32(in WasmValue value) => BitConverter.UInt32BitsToSingle((uint)value.Bits);

    public static double ToF64(in WasmValue value) => BitConverter.UInt64BitsToDouble(value.Bits);

    public static FunctionInstance? ToFuncRef(in WasmValue value) => (FunctionInstance?)value.AsReference();

    public static object? ToExternRef(in WasmValue value) => value.AsReference();

    public static WasmValue FromI32(int value) => WasmValue.FromInt32(value);

    public static WasmValue FromI64(long value) => WasmValue.FromInt64(value);

    public static WasmValue FromF32(float value) => WasmValue.FromSingleBits(BitConverter.SingleToUInt32Bits(value));

    public static WasmValue FromF64(double value) => WasmValue.FromDoubleBits(BitConverter.DoubleToUInt64Bits(value));

    public static WasmValue FromFuncRef(FunctionInstance? value) => WasmValue.FromFuncRef(value);

    public static WasmValue FromExternRef(object? value) => WasmValue.FromExternRef(value);

    /// <summary>The method converting a <see cref="WasmValue"/> (by reference) to the CLR value of <paramref name="type"/>.</summary>
    public static MethodInfo To(ValType type) => Method(type switch
    {
        ValType.I32 => nameof(ToI32),
        ValType.I64 => nameof(ToI64),
        ValType.F32 => nameof(ToF32),
        ValType.F64 => nameof(ToF64),
        ValType.FuncRef => nameof(ToFuncRef),
        _ => nameof(ToExternRef),
    });

    /// <summary>The method converting the CLR value of <paramref name="type"/> to a <see cref="WasmValue"/>.</summary>
    public static MethodInfo From(ValType type) => Method(type switch
    {
        ValType.I32 => nameof(FromI32),
        ValType.I64 => nameof(FromI64),
        ValType.F32 => nameof(FromF32),
        ValType.F64 => nameof(FromF64),
        ValType.FuncRef => nameof(FromFuncRef),
        _ => nameof(FromExternRef),
    });

    /// <summary>The value as a table element or global reference: the function or host object, or null.</summary>
    public static object? ToReference(in WasmValue value) => value.AsReference();

    /// <summary>A table element or global reference as a value of <paramref name="type"/>.</summary>
    public static WasmValue FromReference(ValType type, object? reference) =>
        type == ValType.FuncRef ? WasmValue.FromFuncRef((FunctionInstance?)reference) : WasmValue.FromExternRef(reference);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="value"/> is a <paramref name="type"/> usable in <paramref name="store"/>.</summary>
    public static void Check(in WasmValue value, ManagedStore? store, ValType type, string parameterName)
    {
        if (value.Type != type)
        {
            throw new ArgumentException($"Expected a {type.ToWatName()}, got a {value.Type.ToWatName()}.", parameterName);
        }

        if (type == ValType.FuncRef && value.AsReference() is { } function && (store is null || !store.Owns(function)))
        {
            throw new ArgumentException("The function belongs to another store or engine.", parameterName);
        }
    }

    private static MethodInfo Method(string name) => typeof(ValueMarshal).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
}
