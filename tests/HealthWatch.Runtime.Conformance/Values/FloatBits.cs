namespace HealthWatch.Runtime.Conformance.Values;

/// <summary>NaN classes of the spec's <c>nan:canonical</c> and <c>nan:arithmetic</c> results, on raw bits.</summary>
internal static class FloatBits
{
    private const uint SignMask32 = 0x8000_0000;
    private const uint QuietNan32 = 0x7FC0_0000;
    private const ulong SignMask64 = 0x8000_0000_0000_0000;
    private const ulong QuietNan64 = 0x7FF8_0000_0000_0000;

    /// <summary>Exponent all ones and only the top mantissa bit set, either sign.</summary>
    public static bool IsCanonicalNan32(uint bits) => (bits & ~SignMask32) == QuietNan32;

    /// <summary>Exponent all ones and the top mantissa bit set (a quiet NaN), any sign or payload.</summary>
    public static bool IsArithmeticNan32(uint bits) => (bits & QuietNan32) == QuietNan32;

    /// <summary>Exponent all ones and only the top mantissa bit set, either sign.</summary>
    public static bool IsCanonicalNan64(ulong bits) => (bits & ~SignMask64) == QuietNan64;

    /// <summary>Exponent all ones and the top mantissa bit set (a quiet NaN), any sign or payload.</summary>
    public static bool IsArithmeticNan64(ulong bits) => (bits & QuietNan64) == QuietNan64;
}
