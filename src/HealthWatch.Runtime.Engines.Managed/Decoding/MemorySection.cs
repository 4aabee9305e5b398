using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// The memory section. More than one memory decodes; the validator rejects it ("multiple memories").
/// https://webassembly.github.io/spec/core/binary/modules.html#memory-section
/// </summary>
internal static class MemorySection
{
    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var memories = context.Module.Memories;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check((long)context.Module.ImportedMemoryCount + count, DecoderLimits.MaxMemories, "too many memories", countOffset);
        memories.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            memories.Add(Primitives.ReadMemoryType(ref reader));
        }
    }
}
