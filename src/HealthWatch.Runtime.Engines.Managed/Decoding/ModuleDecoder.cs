using System.Buffers.Binary;
using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// Decodes the binary format into a <see cref="ModuleDefinition"/>: header, then sections in the required
/// order, each known one at most once, custom sections anywhere.
/// https://webassembly.github.io/spec/core/binary/modules.html#binary-module.
/// Errors use the reference interpreter's messages, which the spec tests expect. Only
/// <see cref="WasmModuleException"/> (or <see cref="OperationCanceledException"/>) leaves this class.
/// </summary>
internal static class ModuleDecoder
{
    private const uint Magic = 0x6D736100; // "\0asm"
    private const uint Version = 1;
    private const string UnexpectedEnd = "unexpected end";

    private enum SectionId : byte
    {
        Custom = 0,
        Type = 1,
        Import = 2,
        Function = 3,
        Table = 4,
        Memory = 5,
        Global = 6,
        Export = 7,
        Start = 8,
        Element = 9,
        Code = 10,
        Data = 11,
        DataCount = 12,
        Tag = 13,
    }

    public static ModuleDefinition Decode(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        DecoderLimits.Check(bytes.Length, DecoderLimits.MaxModuleSize, "module too large", -1);

        // A private copy: the caller could change its buffer after validation, and the compiler trusts what the
        // validator saw.
        var owned = bytes.ToArray();
        var module = new ModuleDefinition { Bytes = owned };
        var context = new DecodeContext(module, cancellationToken);
        var reader = new WasmReader(owned);
        ReadHeader(ref reader);
        var lastOrder = 0;
        while (!reader.AtEnd)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sectionOffset = reader.Offset;
            var id = reader.ReadByte();
            var order = OrderOf(id, sectionOffset);
            if (order != 0)
            {
                if (order <= lastOrder)
                {
                    throw WasmReader.Malformed("unexpected content after last section", sectionOffset);
                }

                lastOrder = order;
            }

            var sizeOffset = reader.Offset;
            var size = reader.ReadVarU32();
            if (size > (uint)reader.Remaining)
            {
                throw WasmReader.Malformed("length out of bounds", sizeOffset);
            }

            var contentOffset = reader.Offset;
            var section = new WasmReader(reader.ReadBytes((int)size), contentOffset);
            DecodeSection((SectionId)id, ref section, context);
            if (!section.AtEnd)
            {
                throw WasmReader.Malformed("section size mismatch", section.Offset);
            }
        }

        CheckConsistency(context, reader.Offset);
        return module;
    }

    private static void ReadHeader(ref WasmReader reader)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(4)) != Magic)
        {
            throw WasmReader.Malformed("magic header not detected", 0);
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(4)) != Version)
        {
            throw WasmReader.Malformed("unknown binary version", 4);
        }
    }

    /// <summary>
    /// The position of a section in the required order (custom = 0). The data count section comes between the
    /// element and code sections although its id is 12.
    /// </summary>
    private static int OrderOf(byte id, int offset) => (SectionId)id switch
    {
        SectionId.Custom => 0,
        >= SectionId.Type and <= SectionId.Element => id,
        SectionId.DataCount => (int)SectionId.Element + 1,
        SectionId.Code or SectionId.Data => id + 1,
        SectionId.Tag => throw new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: exception handling (tag section)", offset),
        _ => throw WasmReader.Malformed("malformed section id", offset),
    };

    /// <summary>
    /// Runs one section's decoder. Running out of bytes inside a section (whose size was checked against the
    /// module) is reported as the reference interpreter does.
    /// </summary>
    private static void DecodeSection(SectionId id, ref WasmReader section, DecodeContext context)
    {
        try
        {
            switch (id)
            {
                case SectionId.Type:
                    TypeSection.Decode(ref section, context);
                    break;
                case SectionId.Import:
                    ImportSection.Decode(ref section, context);
                    break;
                case SectionId.Function:
                    FunctionSection.Decode(ref section, context);
                    break;
                case SectionId.Table:
                    TableSection.Decode(ref section, context);
                    break;
                case SectionId.Memory:
                    MemorySection.Decode(ref section, context);
                    break;
                case SectionId.Global:
                    GlobalSection.Decode(ref section, context);
                    break;
                case SectionId.Export:
                    ExportSection.Decode(ref section, context);
                    break;
                case SectionId.Start:
                    StartSection.Decode(ref section, context);
                    break;
                case SectionId.Element:
                    ElementSection.Decode(ref section, context);
                    break;
                case SectionId.DataCount:
                    DataCountSection.Decode(ref section, context);
                    break;
                case SectionId.Code:
                    CodeSection.Decode(ref section, context);
                    break;
                case SectionId.Data:
                    DataSection.Decode(ref section, context);
                    break;
                default:
                    CustomSectionDecoder.Decode(ref section, context);
                    break;
            }
        }
        catch (WasmModuleException e) when (e.Kind == ModuleErrorKind.Malformed && e.Reason == UnexpectedEnd)
        {
            throw WasmReader.Malformed("unexpected end of section or function", e.Offset);
        }
    }

    /// <summary>Checks between sections, made once all are read, as in the reference interpreter.</summary>
    private static void CheckConsistency(DecodeContext context, int endOffset)
    {
        var module = context.Module;
        if (!context.CodeSectionSeen && module.FunctionTypeIndices.Count != 0)
        {
            throw WasmReader.Malformed("function and code section have inconsistent lengths", endOffset);
        }

        if (!context.DataSectionSeen && module.DataCount is > 0)
        {
            throw WasmReader.Malformed("data count and data section have inconsistent lengths", endOffset);
        }

        // Without data segments, memory.init and data.drop are invalid anyway ("unknown data segment"); wabt
        // omits the data count section then, and the spec tests it converted expect that validation error.
        if (module.DataCount is null && context.FirstDataIndexUse >= 0 && module.Data.Count != 0)
        {
            throw WasmReader.Malformed("data count section required", context.FirstDataIndexUse);
        }
    }
}
