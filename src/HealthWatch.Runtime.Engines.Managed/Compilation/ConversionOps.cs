using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Conversions that are not a single CIL opcode (https://webassembly.github.io/spec/core/exec/numerics.html#conversions).
/// Trapping truncations accept exactly the inputs whose truncation is representable: the bounds below are the
/// first values (exact powers of two, or the next float below -2^31 for f64) outside the target range.
/// </summary>
internal static class ConversionOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32S(float a)
    {
        if (a >= -2147483648f && a < 2147483648f)
        {
            return (int)a;
        }

        throw OutOfRange(float.IsNaN(a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF32U(float a)
    {
        if (a > -1f && a < 4294967296f)
        {
            return (int)(uint)a;
        }

        throw OutOfRange(float.IsNaN(a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64S(double a)
    {
        if (a > -2147483649d && a < 2147483648d)
        {
            return (int)a;
        }

        throw OutOfRange(double.IsNaN(a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncF64U(double a)
    {
        if (a > -1d && a < 4294967296d)
        {
            return (int)(uint)a;
        }

        throw OutOfRange(double.IsNaN(a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32S(float a)
    {
        if (a >= -9223372036854775808f && a < 9223372036854775808f)
        {
            return (long)a;
        }

        throw OutOfRange(float.IsNaN(a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF32U(float a)
    {
        if (a > -1f && a < 18446744073709551616f)
        {
            return (long)(ulong)a;
        }

        throw OutOfRange(float.IsNaN(a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64S(double a)
    {
        if (a >= -9223372036854775808d && a < 9223372036854775808d)
        {
            return (long)a;
        }

        throw OutOfRange(double.IsNaN(a));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncF64U(double a)
    {
        if (a > -1d && a < 18446744073709551616d)
        {
            return (long)(ulong)a;
        }

        throw OutOfRange(double.IsNaN(a));
    }

    // Saturating truncations: NaN gives 0, out-of-range values clamp. Written out rather than relying on the
    // runtime's conversion semantics, which differed between .NET versions and platforms.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32S(float a) =>
        a >= -2147483648f && a < 2147483648f ? (int)a : float.IsNaN(a) ? 0 : a < 0 ? int.MinValue : int.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF32U(float a) =>
        a > -1f && a < 4294967296f ? (int)(uint)a : a > 0 ? -1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64S(double a) =>
        a > -2147483649d && a < 2147483648d ? (int)a : double.IsNaN(a) ? 0 : a < 0 ? int.MinValue : int.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int I32TruncSatF64U(double a) =>
        a > -1d && a < 4294967296d ? (int)(uint)a : a > 0 ? -1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32S(float a) =>
        a >= -9223372036854775808f && a < 9223372036854775808f ? (long)a : float.IsNaN(a) ? 0 : a < 0 ? long.MinValue : long.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF32U(float a) =>
        a > -1f && a < 18446744073709551616f ? (long)(ulong)a : a > 0 ? -1 : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64S(double a) =>
        a >= -9223372036854775808d && a < 9223372036854775808d ? (long)a : double.IsNaN(a) ? 0 : a < 0 ? long.MinValue : long.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long I64TruncSatF64U(double a) =>
        a > -1d && a < 18446744073709551616d ? (long)(ulong)a : a > 0 ? -1 : 0;

    // i64 -> float conversions are single correctly-rounded conversions from a signed 64-bit integer.
    // Unsigned values with the top bit set are halved first, keeping the lost bit as a sticky bit so that the
    // one rounding step still sees it, then doubled exactly.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64U(long a)
    {
        if (a >= 0)
        {
            return a;
        }

        var half = (long)(((ulong)a >> 1) | ((ulong)a & 1));
        return (float)half * 2f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI64U(long a)
    {
        if (a >= 0)
        {
            return a;
        }

        var half = (long)(((ulong)a >> 1) | ((ulong)a & 1));
        return (double)half * 2d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI64S(long a) => a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32ConvertI32U(int a) => (long)(uint)a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double F64ConvertI32U(int a) => (uint)a;

    /// <summary>
    /// The JIT folds <c>(float)(double)x</c> to <c>x</c>, which would let a signalling NaN through
    /// <c>f32.demote_f64 (f64.promote_f32 x)</c> unquieted; the NaN case adds to itself, which quiets it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float F32DemoteF64(double a) => double.IsNaN(a) ? (float)(a + a) : (float)a;

    private static WasmTrapException OutOfRange(bool isNaN) =>
        Trap.Create(isNaN ? TrapCode.InvalidConversionToInteger : TrapCode.IntegerOverflow);
}
