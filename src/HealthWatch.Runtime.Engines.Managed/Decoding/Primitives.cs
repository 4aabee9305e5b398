using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// Composite encodings shared by several sections: vector lengths, indices, limits, table/memory/global types
/// and constant expressions. See https://webassembly.github.io/spec/core/binary/types.html.
/// </summary>
internal static class Primitives
{
    /// <summary>
    /// A vector length or a size. Every element takes at least one byte, so a length above the bytes left means
    /// the input ends too early ("unexpected end", as if the elements had been read); checking it here keeps a
    /// forged length from sizing any allocation.
    /// </summary>
    public static int ReadCount(ref WasmReader reader)
    {
        var offset = reader.Offset;
        var count = reader.ReadVarU32();
        return count <= (uint)reader.Remaining ? (int)count : throw WasmReader.Malformed("unexpected end", offset);
    }

    /// <summary>
    /// An index (u32). Indices above <see cref="int.MaxValue"/> can never be in range, so they are clamped to it:
    /// the validator then reports them as unknown, and no consumer sees a negative index.
    /// </summary>
    public static int ReadIndex(ref WasmReader reader)
    {
        var index = reader.ReadVarU32();
        return index > int.MaxValue ? int.MaxValue : (int)index;
    }

    public static TableType ReadTableType(ref WasmReader reader)
    {
        var elementType = reader.ReadRefType();
        return new TableType(elementType, ReadLimits(ref reader, isMemory: false));
    }

    public static MemoryType ReadMemoryType(ref WasmReader reader) => new(ReadLimits(ref reader, isMemory: true));

    public static GlobalType ReadGlobalType(ref WasmReader reader)
    {
        var valueType = reader.ReadValType();
        var offset = reader.Offset;
        return reader.ReadByte() switch
        {
            0x00 => new GlobalType(valueType, mutable: false),
            0x01 => new GlobalType(valueType, mutable: true),
            _ => throw WasmReader.Malformed("malformed mutability", offset),
        };
    }

    /// <summary>Scans a constant expression to its final <c>end</c>; the validator checks that it is constant.</summary>
    public static ConstantExpression ReadConstantExpression(ref WasmReader reader, CodeScanner scanner)
    {
        var start = reader.Offset;
        scanner.ScanExpression(ref reader);
        return new ConstantExpression(start, reader.Offset - start);
    }

    /// <summary>A single-byte <c>0x00</c>, such as the memory index placeholder of <c>memory.size</c>.</summary>
    public static void ReadZeroByte(ref WasmReader reader)
    {
        var offset = reader.Offset;
        if (reader.ReadByte() != 0)
        {
            throw WasmReader.Malformed("zero byte expected", offset);
        }
    }

    /// <summary>
    /// Limits. In Wasm 2.0 the flags are a one-bit LEB128 (hence the spec tests' "integer too large" and
    /// "integer representation too long"); the flag bits of the threads (shared, 0x02) and memory64 (0x04)
    /// proposals are reported as unsupported where they would be meaningful.
    /// </summary>
    private static Limits ReadLimits(ref WasmReader reader, bool isMemory)
    {
        var offset = reader.Offset;
        var flags = reader.ReadByte();
        switch (flags)
        {
            case 0x00 or 0x01:
                break;
            case 0x03 when isMemory:
                throw new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: shared memory (threads)", offset);
            case >= 0x04 and <= 0x07:
                throw new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: 64-bit limits (memory64)", offset);
            case >= 0x80 when (flags & 0x7E) == 0:
                throw WasmReader.Malformed("integer representation too long", offset);
            default:
                throw WasmReader.Malformed("integer too large", offset);
        }

        var minimum = reader.ReadVarU32();
        uint? maximum = (flags & 0x01) != 0 ? reader.ReadVarU32() : null;
        return new Limits(minimum, maximum);
    }
}
