using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// The export section. Duplicate names decode; the validator rejects them.
/// https://webassembly.github.io/spec/core/binary/modules.html#export-section
/// </summary>
internal static class ExportSection
{
    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var exports = context.Module.Exports;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(count, DecoderLimits.MaxExports, "too many exports", countOffset);
        exports.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            var kind = reader.ReadByte();
            if (kind > (byte)ExternKind.Global)
            {
                throw WasmReader.Malformed("malformed export kind", kindOffset);
            }

            exports.Add(new ExportDefinition(name, (ExternKind)kind, Primitives.ReadIndex(ref reader)));
        }
    }
}
