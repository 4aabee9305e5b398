using HealthWatch.Runtime.Engines.Managed.Decoding;
using static HealthWatch.Runtime.Engines.Managed.Tests.Decoding.TestModules;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Decoding;

/// <summary>Damaged modules either decode or fail with <see cref="WasmModuleException"/>; nothing else escapes.</summary>
public class DecoderRobustnessTests
{
    private const int Seed = 20240611;
    private const int FlipsPerModule = 3000;

    private static readonly string[] Modules = ["all-sections.wasm", "element-segments.wasm"];

    [TestCaseSource(nameof(Modules))]
    public void Decode_EveryTruncatedPrefix_DecodesOrThrowsModuleException(string name)
    {
        var bytes = Load(name);

        for (var length = 0; length < bytes.Length; length++)
        {
            DecodeOrModuleException(bytes.AsMemory(0, length)).Should().BeTrue($"a prefix of {length} bytes must not escape");
        }
    }

    [TestCaseSource(nameof(Modules))]
    public void Decode_RandomSingleByteFlips_DecodesOrThrowsModuleException(string name)
    {
        var original = Load(name);
        var random = new Random(Seed);

        for (var i = 0; i < FlipsPerModule; i++)
        {
            var bytes = (byte[])original.Clone();
            var position = random.Next(HeaderSize, bytes.Length);
            bytes[position] ^= (byte)random.Next(1, 256);
            DecodeOrModuleException(bytes).Should().BeTrue($"flip #{i} at {position} must not escape");
        }
    }

    [TestCase(0x01, TestName = "Decode_MaximalCountInTypeSection_FailsWithoutAllocating")]
    [TestCase(0x03, TestName = "Decode_MaximalCountInFunctionSection_FailsWithoutAllocating")]
    [TestCase(0x09, TestName = "Decode_MaximalCountInElementSection_FailsWithoutAllocating")]
    [TestCase(0x0A, TestName = "Decode_MaximalCountInCodeSection_FailsWithoutAllocating")]
    [TestCase(0x0B, TestName = "Decode_MaximalCountInDataSection_FailsWithoutAllocating")]
    public void Decode_MaximalVectorCount_FailsWithoutAllocating(byte sectionId)
    {
        var bytes = Module(Section(sectionId, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var act = () => ModuleDecoder.Decode(bytes);

        act.Should().Throw<WasmModuleException>().Which.Kind.Should().Be(ModuleErrorKind.Malformed);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(64 * 1024);
    }

    [Test]
    public void Decode_MaximalCountsInsideSegmentsAndBodies_FailMalformed()
    {
        byte[] huge = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F];
        byte[][] modules =
        [
            Module(Section(9, [0x01, 0x01, 0x00, .. huge])), // passive element segment's function indices
            Module(Section(11, [0x01, 0x01, .. huge])), // passive data segment's bytes
            Module(Section(1, [0x01, 0x60, .. huge])), // parameter types
            OneFunction([0x0E, .. huge, 0x0B]), // br_table labels
            OneFunction([0x1C, .. huge, 0x0B]), // select types
            Module(VoidTypeSection, FunctionSection(1), Section(10, [0x01, 0x06, .. huge])), // local groups
        ];

        foreach (var bytes in modules)
        {
            var act = () => ModuleDecoder.Decode(bytes);
            act.Should().Throw<WasmModuleException>().Which.Kind.Should().Be(ModuleErrorKind.Malformed);
        }
    }

    private static bool DecodeOrModuleException(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            ModuleDecoder.Decode(bytes);
            return true;
        }
        catch (WasmModuleException)
        {
            return true;
        }
        catch (Exception e)
        {
            TestContext.Out.WriteLine(e);
            return false;
        }
    }
}
