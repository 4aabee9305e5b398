using System.Buffers.Binary;

namespace HealthWatch.Runtime.Capabilities.Wasi;

/// <summary>
/// Reads and writes WASI's little-endian values in guest memory. A WASI pointer is a u32; one at or past 2 GiB
/// is outside any memory the host allows, so it fails like any other bad pointer.
/// </summary>
internal static class WasiMemory
{
    public static bool TryWriteUInt32(this GuestMemory memory, int address, uint value)
    {
        if (!memory.TryGetSpan(address, sizeof(uint), out var span))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span, value);
        return true;
    }

    public static bool TryWriteUInt64(this GuestMemory memory, int address, ulong value)
    {
        if (!memory.TryGetSpan(address, sizeof(ulong), out var span))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(span, value);
        return true;
    }

    /// <summary>The bytes of an array of <paramref name="count"/> records of <paramref name="size"/> bytes each.</summary>
    public static bool TryGetArray(this GuestMemory memory, int address, int count, int size, out Span<byte> span)
    {
        span = default;
        var length = (long)(uint)count * size;
        return length <= int.MaxValue && memory.TryGetSpan(address, (int)length, out span);
    }

    /// <summary>The buffer an iovec (a u32 pointer, then a u32 length) points to.</summary>
    public static bool TryGetBuffer(this GuestMemory memory, ReadOnlySpan<byte> pair, out Span<byte> buffer)
    {
        buffer = default;
        var pointer = BinaryPrimitives.ReadUInt32LittleEndian(pair);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(pair[4..]);
        return pointer <= int.MaxValue && length <= int.MaxValue && memory.TryGetSpan((int)pointer, (int)length, out buffer);
    }
}
