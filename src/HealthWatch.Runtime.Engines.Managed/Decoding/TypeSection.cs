using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>The type section: function types. https://webassembly.github.io/spec/core/binary/modules.html#type-section</summary>
internal static class TypeSection
{
    private const byte FunctionForm = 0x60;

    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var types = context.Module.Types;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(count, DecoderLimits.MaxTypes, "too many types", countOffset);
        types.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            var offset = reader.Offset;
            var form = reader.ReadByte();
            if (form != FunctionForm)
            {
                throw BadForm(form, offset);
            }

            var parameters = ReadResultType(ref reader, DecoderLimits.MaxParameters, "too many parameters");
            var results = ReadResultType(ref reader, DecoderLimits.MaxResults, "too many results");
            types.Add(new FuncType(parameters, results));
        }
    }

    private static ValType[] ReadResultType(ref WasmReader reader, int max, string message)
    {
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(count, max, message, countOffset);
        if (count == 0)
        {
            return [];
        }

        var types = new ValType[count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = reader.ReadValType();
        }

        return types;
    }

    // The form is a one-byte signed LEB128 in the reference interpreter, hence "integer representation too long".
    private static WasmModuleException BadForm(byte form, int offset) => form switch
    {
        0x4E or 0x4F or 0x50 or 0x5E or 0x5F =>
            new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: garbage collection types", offset),
        >= 0x80 => WasmReader.Malformed("integer representation too long", offset),
        _ => WasmReader.Malformed("malformed function type", offset),
    };
}
