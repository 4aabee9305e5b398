using System.Globalization;
using HealthWatch.Runtime.Conformance.Json;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance.Values;

/// <summary>
/// Turns wast2json values into <see cref="WasmValue"/>s and <see cref="ExpectedValue"/>s. Numbers are unsigned
/// decimal bit patterns (also for floats), so nothing goes through <see cref="float"/> or <see cref="double"/>.
/// </summary>
internal static class SpecValues
{
    public static ValType ParseType(string name) => name switch
    {
        "i32" => ValType.I32,
        "i64" => ValType.I64,
        "f32" => ValType.F32,
        "f64" => ValType.F64,
        "funcref" => ValType.FuncRef,
        "externref" => ValType.ExternRef,
        _ => throw new SpecDataException($"unsupported value type '{name}'"),
    };

    /// <summary>An argument of an invoke action.</summary>
    public static WasmValue ParseArgument(SpecValue value, HostReferences references)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(references);
        var type = ParseType(value.Type);
        var text = value.Value ?? throw new SpecDataException($"{value.Type} argument without a value");
        return type switch
        {
            ValType.I32 => WasmValue.FromInt32((int)ParseBits32(text)),
            ValType.I64 => WasmValue.FromInt64((long)ParseBits64(text)),
            ValType.F32 => WasmValue.FromSingleBits(ParseBits32(text)),
            ValType.F64 => WasmValue.FromDoubleBits(ParseBits64(text)),
            _ when text == "null" => WasmValue.Null(type),
            ValType.ExternRef => WasmValue.FromExternRef(references.Get(ParseBits64(text))),
            _ => throw new SpecDataException($"cannot build a non-null {value.Type} argument '{text}'"),
        };
    }

    /// <summary>An entry of assert_return's <c>expected</c> list.</summary>
    public static ExpectedValue ParseExpected(SpecValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = ParseType(value.Type);
        var text = value.Value ?? throw new SpecDataException($"expected {value.Type} without a value");
        return (type, text) switch
        {
            (ValType.F32 or ValType.F64, "nan:canonical") => new(type, ExpectedKind.CanonicalNan),
            (ValType.F32 or ValType.F64, "nan:arithmetic") => new(type, ExpectedKind.ArithmeticNan),
            (ValType.I32 or ValType.F32, _) => new(type, ExpectedKind.Bits, ParseBits32(text)),
            (ValType.I64 or ValType.F64, _) => new(type, ExpectedKind.Bits, ParseBits64(text)),
            (_, "null") => new(type, ExpectedKind.NullReference),
            (ValType.ExternRef, _) => new(type, ExpectedKind.HostReference, ParseBits64(text)),
            _ => throw new SpecDataException($"cannot check a non-null {value.Type} result '{text}'"),
        };
    }

    public static uint ParseBits32(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            ? bits
            : throw new SpecDataException($"'{text}' is not an unsigned 32-bit decimal");

    public static ulong ParseBits64(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            ? bits
            : throw new SpecDataException($"'{text}' is not an unsigned 64-bit decimal");

    /// <summary>A value for messages: the number and, for numbers, its bits in hex.</summary>
    public static string Format(WasmValue value) =>
        value.Type.IsReference() ? FormatReference(value) : Format(value.Type, value.Bits);

    public static string Format(ValType type, ulong bits) => type switch
    {
        ValType.I32 => $"i32 {((int)(uint)bits).ToString(CultureInfo.InvariantCulture)} (0x{bits:x8})",
        ValType.I64 => $"i64 {((long)bits).ToString(CultureInfo.InvariantCulture)} (0x{bits:x16})",
        ValType.F32 => $"f32 {BitConverter.UInt32BitsToSingle((uint)bits).ToString("R", CultureInfo.InvariantCulture)} (0x{bits:x8})",
        ValType.F64 => $"f64 {BitConverter.UInt64BitsToDouble(bits).ToString("R", CultureInfo.InvariantCulture)} (0x{bits:x16})",
        _ => $"{type.ToWatName()} (0x{bits:x})",
    };

    private static string FormatReference(WasmValue value) => value.AsReference() switch
    {
        null => $"{value.Type.ToWatName()} null",
        HostReference host => $"{value.Type.ToWatName()} {host}",
        var other => $"{value.Type.ToWatName()} <{other.GetType().Name}>",
    };
}
