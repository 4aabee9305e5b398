using System.Globalization;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Cli;

/// <summary>
/// Parses command-line text into WebAssembly values. Integers: signed decimal, or the unsigned or <c>0x</c> hex
/// form of the same bits (<c>4294967295</c> and <c>0xffffffff</c> are the i32 -1). Floats: invariant-culture
/// decimal, <c>nan</c>, <c>inf</c>/<c>infinity</c>, each with an optional sign; a finite literal that overflows is an error.
/// </summary>
internal static class ValueParser
{
    /// <summary>Unsigned decimal with optional fraction and exponent; the sign is handled separately so that it also applies to nan and inf.</summary>
    private const NumberStyles FloatStyle = NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Parses one argument per parameter of <paramref name="type"/>.</summary>
    /// <exception cref="CliException">The count differs from the parameter count, or an argument does not parse.</exception>
    public static WasmValue[] ParseArguments(string export, FuncType type, IReadOnlyList<string> texts)
    {
        var parameters = type.Parameters;
        if (texts.Count != parameters.Count)
        {
            var expected = parameters.Count switch
            {
                0 => "no arguments",
                1 => $"1 argument ({parameters[0].ToWatName()})",
                _ => $"{parameters.Count} arguments ({string.Join(", ", parameters.Select(p => p.ToWatName()))})",
            };
            throw CliException.Usage($"export '{export}' takes {expected}, got {texts.Count}");
        }

        var values = new WasmValue[parameters.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = TryParse(parameters[i], texts[i], out var value)
                ? value
                : throw CliException.Usage($"argument {i + 1} of '{export}': '{texts[i]}' is not a valid {parameters[i].ToWatName()}");
        }

        return values;
    }

    /// <summary>Parses <paramref name="text"/> as a value of <paramref name="type"/>.</summary>
    public static bool TryParse(ValType type, string text, out WasmValue value)
    {
        value = default;
        switch (type)
        {
            case ValType.I32 when TryParseInteger(text, 32, out var bits):
                value = WasmValue.FromInt32((int)(uint)bits);
                return true;
            case ValType.I64 when TryParseInteger(text, 64, out var bits):
                value = WasmValue.FromInt64((long)bits);
                return true;
            case ValType.F32 when TryParseSingle(text, out var single):
                value = WasmValue.FromSingleBits(single);
                return true;
            case ValType.F64 when TryParseDouble(text, out var @double):
                value = WasmValue.FromDoubleBits(@double);
                return true;
            case ValType.FuncRef or ValType.ExternRef when text == "null":
                value = WasmValue.Null(type);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Parses an integer of <paramref name="width"/> bits into its two's-complement bit pattern.</summary>
    private static bool TryParseInteger(string text, int width, out ulong bits)
    {
        bits = 0;
        var (negative, body) = SplitSign(text);
        var parsed = body.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(body.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var magnitude)
            : ulong.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        var unsignedMax = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        var negativeMax = 1UL << (width - 1);
        if (!parsed || magnitude > (negative ? negativeMax : unsignedMax))
        {
            return false;
        }

        bits = (negative ? 0 - magnitude : magnitude) & unsignedMax;
        return true;
    }

    private static bool TryParseSingle(string text, out uint bits)
    {
        var (negative, body) = SplitSign(text);
        uint? magnitude = body.ToUpperInvariant() switch
        {
            "NAN" => 0x7FC0_0000,
            "INF" or "INFINITY" => 0x7F80_0000,

            // Straight to float: parsing to double first would round twice.
            _ when float.TryParse(body, FloatStyle, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value)
                => BitConverter.SingleToUInt32Bits(value),
            _ => null,
        };
        bits = (magnitude ?? 0) | (negative ? 0x8000_0000u : 0);
        return magnitude.HasValue;
    }

    private static bool TryParseDouble(string text, out ulong bits)
    {
        var (negative, body) = SplitSign(text);
        ulong? magnitude = body.ToUpperInvariant() switch
        {
            "NAN" => 0x7FF8_0000_0000_0000,
            "INF" or "INFINITY" => 0x7FF0_0000_0000_0000,
            _ when double.TryParse(body, FloatStyle, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                => BitConverter.DoubleToUInt64Bits(value),
            _ => null,
        };
        bits = (magnitude ?? 0) | (negative ? 0x8000_0000_0000_0000ul : 0);
        return magnitude.HasValue;
    }

    private static (bool Negative, string Body) SplitSign(string text) => text switch
    {
        ['-', .. var rest] => (true, rest),
        ['+', .. var rest] => (false, rest),
        _ => (false, text),
    };
}
