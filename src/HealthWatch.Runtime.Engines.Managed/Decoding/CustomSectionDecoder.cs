using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// Custom sections: a name (which must be valid UTF-8) and opaque content, recorded as a byte range.
/// The first <c>name</c> section is also parsed. https://webassembly.github.io/spec/core/binary/modules.html#custom-section
/// </summary>
internal static class CustomSectionDecoder
{
    public static void Decode(ref WasmReader reader, DecodeContext context)
    {
        var name = reader.ReadName();
        var contentOffset = reader.Offset;
        var content = reader.ReadBytes(reader.Remaining);
        context.Module.CustomSections.Add(new CustomSection(name, contentOffset, content.Length));

        // Only the first one: a malformed name section costs an exception, and a module should not be able to
        // buy many of them.
        if (name == "name" && !context.NameSectionSeen)
        {
            context.NameSectionSeen = true;
            context.Module.Names = NameSectionDecoder.TryDecode(content, contentOffset) ?? new NameSection();
        }
    }
}
