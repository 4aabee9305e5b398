using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Tests;

public class WasmReaderTests
{
    [TestCase(new byte[] { 0x00 }, 0u)]
    [TestCase(new byte[] { 0xE5, 0x8E, 0x26 }, 624485u)]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, uint.MaxValue)]
    [TestCase(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x00 }, 0u)]
    public void ReadVarU32_ValidEncoding_ReturnsValue(byte[] bytes, uint expected)
    {
        var reader = new WasmReader(bytes);
        reader.ReadVarU32().Should().Be(expected);
        reader.AtEnd.Should().BeTrue();
    }

    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F }, "integer too large")]
    [TestCase(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, "integer representation too long")]
    [TestCase(new byte[] { 0x80 }, "unexpected end")]
    public void ReadVarU32_BadEncoding_ThrowsMalformed(byte[] bytes, string message)
    {
        var act = () => new WasmReader(bytes).ReadVarU32();
        act.Should().Throw<WasmModuleException>().Where(e => e.Kind == ModuleErrorKind.Malformed && e.Reason == message);
    }

    [TestCase(new byte[] { 0x7F }, -1)]
    [TestCase(new byte[] { 0x80, 0x7F }, -128)]
    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, int.MaxValue)]
    [TestCase(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x78 }, int.MinValue)]
    public void ReadVarS32_ValidEncoding_ReturnsValue(byte[] bytes, int expected)
    {
        var reader = new WasmReader(bytes);
        reader.ReadVarS32().Should().Be(expected);
    }

    [TestCase(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    [TestCase(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x70 })]
    public void ReadVarS32_UnusedBitsNotSignExtension_ThrowsIntegerTooLarge(byte[] bytes)
    {
        var act = () => new WasmReader(bytes).ReadVarS32();
        act.Should().Throw<WasmModuleException>().Where(e => e.Reason == "integer too large");
    }

    [Test]
    public void ReadVarS64_MinValue_Decodes()
    {
        byte[] bytes = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F];
        new WasmReader(bytes).ReadVarS64().Should().Be(long.MinValue);
    }

    [Test]
    public void ReadOpcode_PrefixedOpcode_CombinesPrefixAndSubopcode()
    {
        byte[] bytes = [0xFC, 0x0A];
        new WasmReader(bytes).ReadOpcode().Should().Be(Opcode.MemoryCopy);
    }

    [Test]
    public void ReadOpcode_SimdPrefix_ThrowsUnsupported()
    {
        var act = () => new WasmReader(new byte[] { 0xFD, 0x00 }).ReadOpcode();
        act.Should().Throw<WasmModuleException>().Where(e => e.Kind == ModuleErrorKind.Unsupported);
    }

    [Test]
    public void ReadName_InvalidUtf8_ThrowsMalformedUtf8()
    {
        var act = () => new WasmReader(new byte[] { 0x01, 0xFF }).ReadName();
        act.Should().Throw<WasmModuleException>().Where(e => e.Reason == "malformed UTF-8 encoding");
    }
}
