using System.Globalization;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Conformance.Values;

/// <summary>What an <c>expected</c> entry of assert_return accepts.</summary>
internal enum ExpectedKind
{
    /// <summary>Exactly these bits (integers and floats, NaN payloads and signed zeros included).</summary>
    Bits,

    /// <summary><c>nan:canonical</c>.</summary>
    CanonicalNan,

    /// <summary><c>nan:arithmetic</c>.</summary>
    ArithmeticNan,

    /// <summary>A null reference of the type.</summary>
    NullReference,

    /// <summary>The host object of <c>ref.extern N</c>; <see cref="ExpectedValue.Bits"/> holds N.</summary>
    HostReference,
}

/// <summary>One expected result.</summary>
internal readonly record struct ExpectedValue(ValType Type, ExpectedKind Kind, ulong Bits = 0)
{
    /// <summary>Whether <paramref name="actual"/> satisfies this expectation; host references are resolved in <paramref name="references"/>.</summary>
    public bool IsMatchedBy(WasmValue actual, HostReferences references)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (actual.Type != Type)
        {
            return false;
        }

        return Kind switch
        {
            ExpectedKind.Bits => actual.Bits == Bits,
            ExpectedKind.CanonicalNan => Type == ValType.F32 ? FloatBits.IsCanonicalNan32(Low32(actual)) : FloatBits.IsCanonicalNan64(actual.Bits),
            ExpectedKind.ArithmeticNan => Type == ValType.F32 ? FloatBits.IsArithmeticNan32(Low32(actual)) : FloatBits.IsArithmeticNan64(actual.Bits),
            ExpectedKind.NullReference => actual.IsNull,
            ExpectedKind.HostReference => ReferenceEquals(actual.AsReference(), references.Get(Bits)),
            _ => false,
        };
    }

    public override string ToString() => Kind switch
    {
        ExpectedKind.Bits => SpecValues.Format(Type, Bits),
        ExpectedKind.CanonicalNan => $"{Type.ToWatName()} nan:canonical",
        ExpectedKind.ArithmeticNan => $"{Type.ToWatName()} nan:arithmetic",
        ExpectedKind.NullReference => $"{Type.ToWatName()} null",
        _ => $"{Type.ToWatName()} ref.extern {Bits.ToString(CultureInfo.InvariantCulture)}",
    };

    // Stray high bits make a 32-bit value wrong: 0 is no NaN, so the NaN tests fail as they should.
    private static uint Low32(WasmValue value) => value.Bits > uint.MaxValue ? 0 : (uint)value.Bits;
}
