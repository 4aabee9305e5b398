using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// The code section: each body's locals, and its instructions as a byte range that has been scanned for
/// well-formedness. https://webassembly.github.io/spec/core/binary/modules.html#code-section
/// </summary>
internal static class CodeSection
{
    private const int BodiesPerCancellationCheck = 256;

    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var module = context.Module;
        context.CodeSectionSeen = true;
        var countOffset = reader.Offset;
        var count = Primitives.ReadCount(ref reader);
        if (count != module.FunctionTypeIndices.Count)
        {
            throw WasmReader.Malformed("function and code section have inconsistent lengths", countOffset);
        }

        module.Bodies.EnsureCapacity(count);
        for (var i = 0; i < count; i++)
        {
            if (i % BodiesPerCancellationCheck == 0)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
            }

            module.Bodies.Add(ReadBody(ref reader, context, ParameterCount(module, i)));
        }
    }

    /// <summary>The parameters count towards the locals limit; an unknown type is left to the validator.</summary>
    private static int ParameterCount(ModuleDefinition module, int function)
    {
        var typeIndex = module.FunctionTypeIndices[function];
        return typeIndex < module.Types.Count ? module.Types[typeIndex].Parameters.Count : 0;
    }

    private static FunctionBody ReadBody(ref WasmReader reader, DecodeContext context, int parameterCount)
    {
        var bodyOffset = reader.Offset;
        var size = Primitives.ReadCount(ref reader);
        DecoderLimits.Check(size, DecoderLimits.MaxFunctionBodySize, "function body too large", bodyOffset);
        var bodyStart = reader.Offset;
        var body = new WasmReader(reader.ReadBytes(size), bodyStart);
        var locals = ReadLocals(ref body, parameterCount);
        var codeOffset = body.Offset;
        var dataIndexUse = context.Scanner.ScanExpression(ref body);
        if (!body.AtEnd)
        {
            throw WasmReader.Malformed("section size mismatch", body.Offset);
        }

        if (context.FirstDataIndexUse < 0)
        {
            context.FirstDataIndexUse = dataIndexUse;
        }

        return new FunctionBody(locals, codeOffset, body.Offset - codeOffset) { BodyOffset = bodyOffset };
    }

    /// <summary>
    /// Reads the local declarations twice: once to total them, so that a forged count is rejected before
    /// anything is allocated, and once to expand them. The spec makes a total of 2^32 or more malformed.
    /// </summary>
    private static ValType[] ReadLocals(ref WasmReader reader, int parameterCount)
    {
        var start = reader.Position;
        var offset = reader.Offset;
        var groups = Primitives.ReadCount(ref reader);
        ulong total = 0;
        for (var i = 0; i < groups; i++)
        {
            total += reader.ReadVarU32();
            reader.ReadValType();
        }

        if (total == 0)
        {
            return [];
        }

        if (total > uint.MaxValue)
        {
            throw WasmReader.Malformed("too many locals", offset);
        }

        DecoderLimits.Check((long)total + parameterCount, DecoderLimits.MaxLocals, "too many locals", offset);

        var locals = new ValType[total];
        reader.Position = start;
        reader.ReadVarU32();
        var next = 0;
        for (var i = 0; i < groups; i++)
        {
            var n = (int)reader.ReadVarU32();
            locals.AsSpan(next, n).Fill(reader.ReadValType());
            next += n;
        }

        return locals;
    }
}
