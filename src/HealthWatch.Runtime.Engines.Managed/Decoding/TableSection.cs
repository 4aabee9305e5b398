using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>The table section. https://webassembly.github.io/spec/core/binary/modules.html#table-section</summary>
internal static class TableSection
{
    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var tables = context.Module.Tables;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check((long)context.Module.ImportedTableCount + count, DecoderLimits.MaxTables, "too many tables", countOffset);
        tables.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            tables.Add(Primitives.ReadTableType(ref reader));
        }
    }
}
