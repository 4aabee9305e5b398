using System.Globalization;

namespace HealthWatch.Runtime.Engines;

/// <summary>
/// A WebAssembly value with its type. Floats are stored as their bit patterns, so NaN payloads and signed
/// zeros survive a round trip unchanged.
/// </summary>
public readonly struct WasmValue : IEquatable<WasmValue>
{
    private readonly ulong _bits;
    private readonly object? _reference;

    private WasmValue(ValType type, ulong bits, object? reference)
    {
        Type = type;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The value's type.</summary>
    public ValType Type { get; }

    /// <summary>The raw bits of a numeric value (zero-extended for 32-bit types).</summary>
    public ulong Bits => _bits;

    /// <summary>Whether this is a null reference.</summary>
    public bool IsNull => Type.IsReference() && _reference is null;

    /// <summary>Creates an <c>i32</c> value.</summary>
    public static WasmValue FromInt32(int value) => new(ValType.I32, (uint)value, null);

    /// <summary>Creates an <c>i64</c> value.</summary>
    public static WasmValue FromInt64(long value) => new(ValType.I64, (ulong)value, null);

    /// <summary>Creates an <c>f32</c> value.</summary>
    public static WasmValue FromSingle(float value) => new(ValType.F32, BitConverter.SingleToUInt32Bits(value), null);

    /// <summary>Creates an <c>f32</c> value from its IEEE 754 bit pattern.</summary>
    public static WasmValue FromSingleBits(uint bits) => new(ValType.F32, bits, null);

    /// <summary>Creates an <c>f64</c> value.</summary>
    public static WasmValue FromDouble(double value) => new(ValType.F64, BitConverter.DoubleToUInt64Bits(value), null);

    /// <summary>Creates an <c>f64</c> value from its IEEE 754 bit pattern.</summary>
    public static WasmValue FromDoubleBits(ulong bits) => new(ValType.F64, bits, null);

    /// <summary>Creates an <c>externref</c> value holding a host object (or null).</summary>
    public static WasmValue FromExternRef(object? value) => new(ValType.ExternRef, 0, value);

    /// <summary>Creates a <c>funcref</c> value (or null).</summary>
    public static WasmValue FromFuncRef(IWasmFunction? function) => new(ValType.FuncRef, 0, function);

    /// <summary>The null reference of a reference type.</summary>
    public static WasmValue Null(ValType referenceType) => referenceType.IsReference()
        ? new(referenceType, 0, null)
        : throw new ArgumentException($"{referenceType.ToWatName()} is not a reference type.", nameof(referenceType));

    /// <summary>The default (zero or null) value of a type.</summary>
    public static WasmValue Default(ValType type) => type switch
    {
        ValType.I32 or ValType.I64 or ValType.F32 or ValType.F64 => new(type, 0, null),
        ValType.FuncRef or ValType.ExternRef => new(type, 0, null),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unsupported value type."),
    };

    /// <summary>Converts an <see cref="int"/> to an <c>i32</c> value.</summary>
    public static implicit operator WasmValue(int value) => FromInt32(value);

    /// <summary>Converts a <see cref="long"/> to an <c>i64</c> value.</summary>
    public static implicit operator WasmValue(long value) => FromInt64(value);

    /// <summary>Converts a <see cref="float"/> to an <c>f32</c> value.</summary>
    public static implicit operator WasmValue(float value) => FromSingle(value);

    /// <summary>Converts a <see cref="double"/> to an <c>f64</c> value.</summary>
    public static implicit operator WasmValue(double value) => FromDouble(value);

    /// <summary>Compares two values by type and bits (references by identity).</summary>
    public static bool operator ==(WasmValue left, WasmValue right) => left.Equals(right);

    /// <summary>Compares two values by type and bits (references by identity).</summary>
    public static bool operator !=(WasmValue left, WasmValue right) => !left.Equals(right);

    /// <summary>The value as an <c>i32</c>.</summary>
    public int AsInt32() => Type == ValType.I32 ? (int)(uint)_bits : throw Mismatch(ValType.I32);

    /// <summary>The value as an <c>i64</c>.</summary>
    public long AsInt64() => Type == ValType.I64 ? (long)_bits : throw Mismatch(ValType.I64);

    /// <summary>The value as an <c>f32</c>.</summary>
    public float AsSingle() => Type == ValType.F32 ? BitConverter.UInt32BitsToSingle((uint)_bits) : throw Mismatch(ValType.F32);

    /// <summary>The value as an <c>f64</c>.</summary>
    public double AsDouble() => Type == ValType.F64 ? BitConverter.UInt64BitsToDouble(_bits) : throw Mismatch(ValType.F64);

    /// <summary>The referenced object of a <c>funcref</c> or <c>externref</c>, or null.</summary>
    public object? AsReference() => Type.IsReference() ? _reference : throw new InvalidCastException($"A {Type.ToWatName()} value is not a reference.");

    /// <summary>The function of a <c>funcref</c>, or null.</summary>
    public IWasmFunction? AsFunction() => Type == ValType.FuncRef ? (IWasmFunction?)_reference : throw Mismatch(ValType.FuncRef);

    /// <inheritdoc />
    public bool Equals(WasmValue other) => Type == other.Type && _bits == other._bits && ReferenceEquals(_reference, other._reference);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WasmValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, _bits, _reference is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_reference));

    /// <summary>Formats the value: integers as signed decimal, floats as shortest round-trip decimal.</summary>
    public override string ToString() => Type switch
    {
        ValType.I32 => AsInt32().ToString(CultureInfo.InvariantCulture),
        ValType.I64 => AsInt64().ToString(CultureInfo.InvariantCulture),
        ValType.F32 => AsSingle().ToString("R", CultureInfo.InvariantCulture),
        ValType.F64 => AsDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => _reference is null ? "null" : $"{Type.ToWatName()}:{_reference}",
    };

    private InvalidCastException Mismatch(ValType wanted) =>
        new($"The value is a {Type.ToWatName()}, not a {wanted.ToWatName()}.");
}
