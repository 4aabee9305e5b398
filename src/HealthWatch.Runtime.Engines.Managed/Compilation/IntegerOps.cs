using System.Numerics;
using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Integer instructions that are not a single CIL opcode. Division traps instead of raising .NET exceptions, and
/// shift counts are taken modulo the width (https://webassembly.github.io/spec/core/exec/numerics.html#integer-operations).
/// </summary>
internal static class IntegerOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DivS32(int a, int b)
    {
        if (b == 0)
        {
            throw Trap.Create(TrapCode.IntegerDivideByZero);
        }

        if (b == -1 && a == int.MinValue)
        {
            throw Trap.Create(TrapCode.IntegerOverflow);
        }

        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DivU32(int a, int b) =>
        b == 0 ? throw Trap.Create(TrapCode.IntegerDivideByZero) : (int)((uint)a / (uint)b);

    // INT_MIN % -1 is 0 in WebAssembly but overflows in .NET.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RemS32(int a, int b) =>
        b == 0 ? throw Trap.Create(TrapCode.IntegerDivideByZero) : b == -1 ? 0 : a % b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RemU32(int a, int b) =>
        b == 0 ? throw Trap.Create(TrapCode.IntegerDivideByZero) : (int)((uint)a % (uint)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DivS64(long a, long b)
    {
        if (b == 0)
        {
            throw Trap.Create(TrapCode.IntegerDivideByZero);
        }

        if (b == -1 && a == long.MinValue)
        {
            throw Trap.Create(TrapCode.IntegerOverflow);
        }

        return a / b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DivU64(long a, long b) =>
        b == 0 ? throw Trap.Create(TrapCode.IntegerDivideByZero) : (long)((ulong)a / (ulong)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RemS64(long a, long b) =>
        b == 0 ? throw Trap.Create(TrapCode.IntegerDivideByZero) : b == -1 ? 0 : a % b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RemU64(long a, long b) =>
        b == 0 ? throw Trap.Create(TrapCode.IntegerDivideByZero) : (long)((ulong)a % (ulong)b);

    // C# masks shift counts (& 31, & 63) exactly as WebAssembly requires; CIL shifts leave large counts unspecified.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Shl32(int a, int b) => a << b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ShrS32(int a, int b) => a >> b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ShrU32(int a, int b) => (int)((uint)a >> b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Shl64(long a, long b) => a << (int)b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ShrS64(long a, long b) => a >> (int)b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ShrU64(long a, long b) => (long)((ulong)a >> (int)b);

    // Rotations come in two forms. The .NET 10 x64 JIT tests a ror/rol result for zero with flags those
    // instructions do not set, so a rotate feeding if/br_if/eqz took the wrong branch
    // (https://github.com/dotnet/runtime/issues/129288; tests: ValueTests.Invoke_RotateTestedForZero_*).
    // Rotl32 etc. are two shifts joined by +, which the JIT does not turn into ror/rol: safe wherever the result
    // goes. The halves do not overlap, so + equals |. The right shift by width - c is done as 1 then width-1 - c,
    // which is 0 for c = 0 as a rotation by zero needs. Rotl32Native etc. are the rotate instructions, for a result
    // that the compiler has seen go straight into another operation (FunctionCompiler.Rotations).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rotl32(int a, int b)
    {
        var c = b & 31;
        return (int)(((uint)a << c) + ((uint)a >> 1 >> (31 - c)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rotr32(int a, int b)
    {
        var c = b & 31;
        return (int)(((uint)a >> c) + ((uint)a << 1 << (31 - c)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Rotl64(long a, long b)
    {
        var c = (int)b & 63;
        return (long)(((ulong)a << c) + ((ulong)a >> 1 >> (63 - c)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Rotr64(long a, long b)
    {
        var c = (int)b & 63;
        return (long)(((ulong)a >> c) + ((ulong)a << 1 << (63 - c)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rotl32Native(int a, int b) => (int)BitOperations.RotateLeft((uint)a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Rotr32Native(int a, int b) => (int)BitOperations.RotateRight((uint)a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Rotl64Native(long a, long b) => (long)BitOperations.RotateLeft((ulong)a, (int)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Rotr64Native(long a, long b) => (long)BitOperations.RotateRight((ulong)a, (int)b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Clz32(int a) => BitOperations.LeadingZeroCount((uint)a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Ctz32(int a) => BitOperations.TrailingZeroCount(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Popcnt32(int a) => BitOperations.PopCount((uint)a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Clz64(long a) => BitOperations.LeadingZeroCount((ulong)a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Ctz64(long a) => BitOperations.TrailingZeroCount(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Popcnt64(long a) => BitOperations.PopCount((ulong)a);

    /// <summary><c>select</c>: <paramref name="a"/> when <paramref name="condition"/> is non-zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Select<T>(T a, T b, int condition) => condition != 0 ? a : b;
}
