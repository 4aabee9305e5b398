using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>The global section. https://webassembly.github.io/spec/core/binary/modules.html#global-section</summary>
internal static class GlobalSection
{
    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var globals = context.Module.Globals;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(count, DecoderLimits.MaxDefinedGlobals, "too many globals", countOffset);
        globals.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var type = Primitives.ReadGlobalType(ref reader);
            var initializer = Primitives.ReadConstantExpression(ref reader, context.Scanner);
            globals.Add(new GlobalDefinition(type, initializer));
        }
    }
}
