using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// The <c>name</c> custom section: the module name and function names; other subsections are skipped.
/// Errors in it never reject a module (https://webassembly.github.io/spec/core/appendix/custom.html#name-section),
/// so a malformed one is ignored as a whole.
/// </summary>
internal static class NameSectionDecoder
{
    private const byte ModuleNameId = 0;
    private const byte FunctionNamesId = 1;

    /// <returns>The names, or null if the section is malformed.</returns>
    public static NameSection? TryDecode(ReadOnlySpan<byte> content, int baseOffset)
    {
        try
        {
            return Decode(new WasmReader(content, baseOffset));
        }
        catch (WasmModuleException)
        {
            return null;
        }
    }

    private static NameSection? Decode(WasmReader reader)
    {
        var names = new NameSection();
        var lastId = -1;
        while (!reader.AtEnd)
        {
            // Subsections come in increasing id order, each at most once.
            var id = reader.ReadByte();
            if (id <= lastId)
            {
                return null;
            }

            lastId = id;
            var size = Primitives.ReadCount(ref reader);
            var subsectionOffset = reader.Offset;
            var subsection = new WasmReader(reader.ReadBytes(size), subsectionOffset);
            switch (id)
            {
                case ModuleNameId:
                    names.ModuleName = subsection.ReadName();
                    break;
                case FunctionNamesId:
                    if (!ReadFunctionNames(ref subsection, names.FunctionNames))
                    {
                        return null;
                    }

                    break;
                default:
                    subsection.Position += subsection.Remaining;
                    break;
            }

            if (!subsection.AtEnd)
            {
                return null;
            }
        }

        return names;
    }

    private static bool ReadFunctionNames(ref WasmReader reader, Dictionary<int, string> functionNames)
    {
        // A dictionary entry costs far more than the two bytes it may take here, so no more than there can be functions.
        var count = Primitives.ReadCount(ref reader);
        if (count > DecoderLimits.MaxImports + DecoderLimits.MaxDefinedFunctions)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var index = reader.ReadVarU32();
            var name = reader.ReadName();
            if (index > int.MaxValue || !functionNames.TryAdd((int)index, name))
            {
                return false;
            }
        }

        return true;
    }
}
