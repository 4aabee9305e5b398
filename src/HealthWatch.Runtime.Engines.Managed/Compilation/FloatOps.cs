using System.Runtime.CompilerServices;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Float instructions that are not a single CIL opcode, bit-exact per
/// https://webassembly.github.io/spec/core/exec/numerics.html#floating-point-operations.
/// neg, abs and copysign only touch the sign bit, so they keep NaN payloads (arithmetic would not).
/// </summary>
internal static class FloatOps
{
    /// <summary>
    /// f32.reinterpret_i32. Not inlined: .NET 10's JIT fuses an inlined reinterpret of a narrow load
    /// (i32.load8/16) into one 4-byte float load, which reads bytes past the bounds-checked ones
    /// (https://github.com/dotnet/runtime/issues/133580).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static float ReinterpretI32(int bits) => BitConverter.Int32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Neg32(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) ^ int.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs32(float a) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & int.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Copysign32(float a, float b) => BitConverter.Int32BitsToSingle(
        (BitConverter.SingleToInt32Bits(a) & int.MaxValue) | (BitConverter.SingleToInt32Bits(b) & int.MinValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Neg64(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) ^ long.MinValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs64(double a) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & long.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Copysign64(double a, double b) => BitConverter.Int64BitsToDouble(
        (BitConverter.DoubleToInt64Bits(a) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(b) & long.MinValue));

    // min/max: a NaN operand gives a NaN (a + b quiets a signalling one); -0 is below +0, which compare equal,
    // so equal operands combine their sign bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min32(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
        {
            return a + b;
        }

        return a == b
            ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | BitConverter.SingleToInt32Bits(b))
            : a < b ? a : b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max32(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
        {
            return a + b;
        }

        return a == b
            ? BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & BitConverter.SingleToInt32Bits(b))
            : a > b ? a : b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min64(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return a + b;
        }

        return a == b
            ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | BitConverter.DoubleToInt64Bits(b))
            : a < b ? a : b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max64(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            return a + b;
        }

        return a == b
            ? BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & BitConverter.DoubleToInt64Bits(b))
            : a > b ? a : b;
    }

    // Rounding: a NaN operand must come out quiet, which x + x guarantees whatever the rounding routine does.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Ceil32(float a) => float.IsNaN(a) ? a + a : MathF.Ceiling(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Floor32(float a) => float.IsNaN(a) ? a + a : MathF.Floor(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Trunc32(float a) => float.IsNaN(a) ? a + a : MathF.Truncate(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Nearest32(float a) => float.IsNaN(a) ? a + a : MathF.Round(a, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Ceil64(double a) => double.IsNaN(a) ? a + a : Math.Ceiling(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Floor64(double a) => double.IsNaN(a) ? a + a : Math.Floor(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Trunc64(double a) => double.IsNaN(a) ? a + a : Math.Truncate(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Nearest64(double a) => double.IsNaN(a) ? a + a : Math.Round(a, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt32(float a) => MathF.Sqrt(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt64(double a) => Math.Sqrt(a);
}
