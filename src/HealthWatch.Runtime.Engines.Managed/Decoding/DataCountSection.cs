using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// The data count section; <see cref="ModuleDecoder"/> checks it against the data section.
/// https://webassembly.github.io/spec/core/binary/modules.html#data-count-section
/// </summary>
internal static class DataCountSection
{
    public static void Decode(ref WasmReader reader, DecodeContext context) =>
        context.Module.DataCount = Primitives.ReadIndex(ref reader);
}
