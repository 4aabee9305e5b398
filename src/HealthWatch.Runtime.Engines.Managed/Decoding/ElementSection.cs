using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// The element section and its eight segment encodings, selected by a flags field:
/// bit 0 = passive or declarative, bit 1 = explicit table index (active) or declarative (otherwise),
/// bit 2 = items are expressions instead of function indices.
/// https://webassembly.github.io/spec/core/binary/modules.html#element-section
/// </summary>
internal static class ElementSection
{
    private const uint NotActive = 0x01;
    private const uint ExplicitTableOrDeclarative = 0x02;
    private const uint UsesExpressions = 0x04;

    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var elements = context.Module.Elements;
        var count = Primitives.ReadCount(ref reader);
        elements.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            elements.Add(ReadSegment(ref reader, context.Scanner));
        }
    }

    private static ElementSegment ReadSegment(ref WasmReader reader, CodeScanner scanner)
    {
        var flagsOffset = reader.Offset;
        var flags = reader.ReadVarU32();
        if (flags > 7)
        {
            throw WasmReader.Malformed("malformed elements segment kind", flagsOffset);
        }

        var mode = (flags & NotActive) == 0 ? SegmentMode.Active
            : (flags & ExplicitTableOrDeclarative) == 0 ? SegmentMode.Passive
            : SegmentMode.Declarative;
        var tableIndex = 0;
        var offset = default(ConstantExpression);
        if (mode == SegmentMode.Active)
        {
            if ((flags & ExplicitTableOrDeclarative) != 0)
            {
                tableIndex = Primitives.ReadIndex(ref reader);
            }

            offset = Primitives.ReadConstantExpression(ref reader, scanner);
        }

        // Flags 0 and 4 leave the type implicit (funcref); the others spell out an elemkind or a reftype.
        var hasExplicitType = (flags & (NotActive | ExplicitTableOrDeclarative)) != 0;
        if ((flags & UsesExpressions) == 0)
        {
            if (hasExplicitType)
            {
                ReadElementKind(ref reader);
            }

            return new ElementSegment(mode, ValType.FuncRef) { TableIndex = tableIndex, Offset = offset, FunctionIndices = ReadFunctionIndices(ref reader) };
        }

        var elementType = hasExplicitType ? reader.ReadRefType() : ValType.FuncRef;
        return new ElementSegment(mode, elementType) { TableIndex = tableIndex, Offset = offset, Expressions = ReadExpressions(ref reader, scanner) };
    }

    // In Wasm 2.0 the only elemkind is 0x00 (funcref).
    private static void ReadElementKind(ref WasmReader reader)
    {
        var offset = reader.Offset;
        if (reader.ReadByte() != 0x00)
        {
            throw WasmReader.Malformed("malformed element kind", offset);
        }
    }

    private static int[] ReadFunctionIndices(ref WasmReader reader)
    {
        var indices = new int[ReadEntryCount(ref reader)];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = Primitives.ReadIndex(ref reader);
        }

        return indices;
    }

    private static int ReadEntryCount(ref WasmReader reader)
    {
        var offset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(count, DecoderLimits.MaxElementSegmentEntries, "too many element segment entries", offset);
        return count;
    }

    private static ConstantExpression[] ReadExpressions(ref WasmReader reader, CodeScanner scanner)
    {
        var expressions = new ConstantExpression[ReadEntryCount(ref reader)];
        for (var i = 0; i < expressions.Length; i++)
        {
            expressions[i] = Primitives.ReadConstantExpression(ref reader, scanner);
        }

        return expressions;
    }
}
