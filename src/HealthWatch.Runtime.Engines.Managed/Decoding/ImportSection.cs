using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>The import section. https://webassembly.github.io/spec/core/binary/modules.html#import-section</summary>
internal static class ImportSection
{
    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var module = context.Module;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(count, DecoderLimits.MaxImports, "too many imports", countOffset);
        module.Imports.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var moduleName = reader.ReadName();
            var name = reader.ReadName();
            var kindOffset = reader.Offset;
            var import = reader.ReadByte() switch
            {
                0x00 => new ImportDefinition(moduleName, name, ExternKind.Function) { FunctionTypeIndex = Primitives.ReadIndex(ref reader) },
                0x01 => new ImportDefinition(moduleName, name, ExternKind.Table) { Table = Primitives.ReadTableType(ref reader) },
                0x02 => new ImportDefinition(moduleName, name, ExternKind.Memory) { Memory = Primitives.ReadMemoryType(ref reader) },
                0x03 => new ImportDefinition(moduleName, name, ExternKind.Global) { Global = Primitives.ReadGlobalType(ref reader) },
                _ => throw WasmReader.Malformed("malformed import kind", kindOffset),
            };
            module.Imports.Add(import);
            switch (import.Kind)
            {
                case ExternKind.Function:
                    module.ImportedFunctionCount++;
                    break;
                case ExternKind.Table:
                    DecoderLimits.Check(module.ImportedTableCount + 1L, DecoderLimits.MaxTables, "too many tables", kindOffset);
                    module.ImportedTableCount++;
                    break;
                case ExternKind.Memory:
                    DecoderLimits.Check(module.ImportedMemoryCount + 1L, DecoderLimits.MaxMemories, "too many memories", kindOffset);
                    module.ImportedMemoryCount++;
                    break;
                default:
                    module.ImportedGlobalCount++;
                    break;
            }
        }
    }
}
