using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>The function section: the type index of each defined function. https://webassembly.github.io/spec/core/binary/modules.html#function-section</summary>
internal static class FunctionSection
{
    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var indices = context.Module.FunctionTypeIndices;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(count, DecoderLimits.MaxDefinedFunctions, "too many functions", countOffset);
        indices.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            indices.Add(Primitives.ReadIndex(ref reader));
        }
    }
}
