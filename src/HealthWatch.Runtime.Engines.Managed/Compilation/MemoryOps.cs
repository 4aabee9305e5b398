using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Linear memory accesses. An access of n bytes at <c>addr + offset</c> is in bounds when
/// <c>(ulong)(uint)addr + offset + n &lt;= Buffer.Length</c>; after that one check it is an unaligned read or
/// write at the buffer's data (https://webassembly.github.io/spec/core/exec/instructions.html#memory-instructions).
/// Generated code pushes the address (and value), then the buffer and the constant offset.
/// </summary>
internal static class MemoryOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LoadI32(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<int>(ref At(memory, address, offset, 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadI64(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<long>(ref At(memory, address, offset, 8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LoadF32(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<float>(ref At(memory, address, offset, 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LoadF64(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<double>(ref At(memory, address, offset, 8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LoadI32S8(int address, byte[] memory, ulong offset) => (sbyte)At(memory, address, offset, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LoadI32U8(int address, byte[] memory, ulong offset) => At(memory, address, offset, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LoadI32S16(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<short>(ref At(memory, address, offset, 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LoadI32U16(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<ushort>(ref At(memory, address, offset, 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadI64S8(int address, byte[] memory, ulong offset) => (sbyte)At(memory, address, offset, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadI64U8(int address, byte[] memory, ulong offset) => At(memory, address, offset, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadI64S16(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<short>(ref At(memory, address, offset, 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadI64U16(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<ushort>(ref At(memory, address, offset, 2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadI64S32(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<int>(ref At(memory, address, offset, 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long LoadI64U32(int address, byte[] memory, ulong offset) => Unsafe.ReadUnaligned<uint>(ref At(memory, address, offset, 4));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreI32(int address, int value, byte[] memory, ulong offset) => Unsafe.WriteUnaligned(ref At(memory, address, offset, 4), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreI64(int address, long value, byte[] memory, ulong offset) => Unsafe.WriteUnaligned(ref At(memory, address, offset, 8), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreF32(int address, float value, byte[] memory, ulong offset) => Unsafe.WriteUnaligned(ref At(memory, address, offset, 4), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreF64(int address, double value, byte[] memory, ulong offset) => Unsafe.WriteUnaligned(ref At(memory, address, offset, 8), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreI32As8(int address, int value, byte[] memory, ulong offset) => At(memory, address, offset, 1) = (byte)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreI32As16(int address, int value, byte[] memory, ulong offset) => Unsafe.WriteUnaligned(ref At(memory, address, offset, 2), (short)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreI64As8(int address, long value, byte[] memory, ulong offset) => At(memory, address, offset, 1) = (byte)value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreI64As16(int address, long value, byte[] memory, ulong offset) => Unsafe.WriteUnaligned(ref At(memory, address, offset, 2), (short)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreI64As32(int address, long value, byte[] memory, ulong offset) => Unsafe.WriteUnaligned(ref At(memory, address, offset, 4), (int)value);

    /// <summary><c>memory.fill</c>: traps before writing anything if the range is out of bounds.</summary>
    public static void Fill(int destination, int value, int count, byte[] memory)
    {
        CheckRange(destination, count, memory.Length);
        memory.AsSpan(destination, count).Fill((byte)value);
    }

    /// <summary><c>memory.copy</c>: overlapping ranges copy as if through a temporary buffer.</summary>
    public static void Copy(int destination, int source, int count, byte[] memory)
    {
        CheckRange(source, count, memory.Length);
        CheckRange(destination, count, memory.Length);
        memory.AsSpan(source, count).CopyTo(memory.AsSpan(destination, count));
    }

    /// <summary><c>memory.init</c> from a data segment (empty once dropped).</summary>
    public static void Init(int destination, int source, int count, byte[] memory, byte[] data)
    {
        CheckRange(source, count, data.Length);
        CheckRange(destination, count, memory.Length);
        data.AsSpan(source, count).CopyTo(memory.AsSpan(destination, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(byte[] memory, int address, ulong offset, uint size)
    {
        var effective = (ulong)(uint)address + offset;
        if (effective + size > (ulong)memory.Length)
        {
            throw Trap.Create(TrapCode.MemoryOutOfBounds);
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(memory), (nint)effective);
    }

    private static void CheckRange(int start, int count, int length)
    {
        if ((ulong)(uint)start + (uint)count > (ulong)length)
        {
            throw Trap.Create(TrapCode.MemoryOutOfBounds);
        }
    }
}
