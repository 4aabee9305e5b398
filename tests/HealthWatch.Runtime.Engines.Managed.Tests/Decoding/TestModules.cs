namespace HealthWatch.Runtime.Engines.Managed.Tests.Decoding;

/// <summary>Builds small binary modules by hand and loads the committed ones from Modules/Decoding.</summary>
internal static class TestModules
{
    public const int HeaderSize = 8;

    public static byte[] Header => [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    /// <summary>A module: the header, then the given sections.</summary>
    public static byte[] Module(params byte[][] sections)
    {
        var bytes = new List<byte>(Header);
        foreach (var section in sections)
        {
            bytes.AddRange(section);
        }

        return [.. bytes];
    }

    /// <summary>A section: id, LEB128 size, content.</summary>
    public static byte[] Section(byte id, params byte[] content) => [id, .. Leb(checked((uint)content.Length)), .. content];

    public static byte[] Leb(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);

        return [.. bytes];
    }

    /// <summary>A type section with one <c>[] -> []</c> function type.</summary>
    public static byte[] VoidTypeSection => Section(1, 0x01, 0x60, 0x00, 0x00);

    /// <summary>A function section declaring <paramref name="count"/> functions of type 0.</summary>
    public static byte[] FunctionSection(int count) => Section(3, [(byte)count, .. new byte[count]]);

    /// <summary>A code section with one body: no locals, then <paramref name="code"/>.</summary>
    public static byte[] OneBodyCodeSection(params byte[] code) => Section(10, [0x01, .. Leb((uint)code.Length + 1), 0x00, .. code]);

    /// <summary>A module with one <c>[] -> []</c> function whose body (after an empty locals vector) is <paramref name="code"/>.</summary>
    public static byte[] OneFunction(params byte[] code) => Module(VoidTypeSection, FunctionSection(1), OneBodyCodeSection(code));

    public static byte[] Load(string name) =>
        File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Modules", "Decoding", name));
}
