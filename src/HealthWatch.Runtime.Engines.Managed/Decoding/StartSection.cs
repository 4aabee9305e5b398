using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>The start section. https://webassembly.github.io/spec/core/binary/modules.html#start-section</summary>
internal static class StartSection
{
    public static void Decode(ref WasmReader reader, DecodeContext context) =>
        context.Module.StartFunction = Primitives.ReadIndex(ref reader);
}
