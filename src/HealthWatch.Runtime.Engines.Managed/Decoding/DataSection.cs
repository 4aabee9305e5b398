using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// The data section and its three segment encodings: 0 = active in memory 0, 1 = passive,
/// 2 = active with an explicit memory index. https://webassembly.github.io/spec/core/binary/modules.html#data-section
/// </summary>
internal static class DataSection
{
    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var module = context.Module;
        context.DataSectionSeen = true;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(count, DecoderLimits.MaxDataSegments, "too many data segments", countOffset);
        if (module.DataCount is { } declared && declared != count)
        {
            throw WasmReader.Malformed("data count and data section have inconsistent lengths", countOffset);
        }

        module.Data.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            module.Data.Add(ReadSegment(ref reader, context.Scanner));
        }
    }

    private static DataSegment ReadSegment(ref WasmReader reader, CodeScanner scanner)
    {
        var flagsOffset = reader.Offset;
        var flags = reader.ReadVarU32();
        var memoryIndex = 0;
        var offset = default(ConstantExpression);
        switch (flags)
        {
            case 0:
                offset = Primitives.ReadConstantExpression(ref reader, scanner);
                break;
            case 1:
                break;
            case 2:
                memoryIndex = Primitives.ReadIndex(ref reader);
                offset = Primitives.ReadConstantExpression(ref reader, scanner);
                break;
            default:
                throw WasmReader.Malformed("malformed data segment kind", flagsOffset);
        }

        var length = Primitives.ReadCount(ref reader);
        var dataOffset = reader.Offset;
        reader.Position += length;
        var mode = flags == 1 ? SegmentMode.Passive : SegmentMode.Active;
        return new DataSegment(mode, dataOffset, length) { MemoryIndex = memoryIndex, Offset = offset };
    }
}
