using static HealthWatch.Runtime.Engines.Managed.Tests.Decoding.TestModules;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

public class LargeFunctionTests
{
    /// <summary>
    /// 50,000 declared locals (the decoder's limit) and 20,000 globals in one function would pass CIL's 65,535
    /// locals if every global got a caching local; past the budget they are read from the instance.
    /// </summary>
    [Test]
    public void ManyLocalsAndGlobals_StayWithinCilLocalLimit()
    {
        const int globals = 20_000;
        var globalSection = new List<byte>(Leb(globals));
        List<byte> code = [0x41, 0x05, 0x24, .. Leb(globals - 1)];
        for (var i = 0u; i < globals; i++)
        {
            globalSection.AddRange([0x7F, 0x01, 0x41, 0x00, 0x0B]);
            code.AddRange([0x23, .. Leb(i), 0x1A]);
        }

        code.AddRange([0x23, .. Leb(globals - 1), 0x20, .. Leb(49_999), 0x6A, 0x0B]);
        byte[] body = [0x01, .. Leb(50_000), 0x7F, .. code];
        var bytes = Module(
            Section(1, 0x01, 0x60, 0x00, 0x01, 0x7F),
            Section(3, 0x01, 0x00),
            Section(6, [.. globalSection]),
            Section(7, 0x01, 0x01, (byte)'f', 0x00, 0x00),
            Section(10, [0x01, .. Leb((uint)body.Length), .. body]));

        var module = CompiledTestModule.FromBytes(bytes);

        module.Call("f").Should().Be(5);
        module.Method("f").GetMethodBody()!.LocalVariables.Count.Should().BeLessThan(65_535);
    }

    [TestCase(60_000, true)]
    [TestCase(70_000, false)]
    public void DeepOperandStack_BeyondCilMaxStack_IsAnImplementationLimit(int depth, bool compiles)
    {
        List<byte> code = [];
        for (var i = 0; i < depth; i++)
        {
            code.AddRange([0x41, 0x01]);
        }

        code.AddRange(Enumerable.Repeat((byte)0x6A, depth - 1));
        code.Add(0x0B);
        var bytes = Module(
            Section(1, 0x01, 0x60, 0x00, 0x01, 0x7F),
            Section(3, 0x01, 0x00),
            Section(7, 0x01, 0x01, (byte)'f', 0x00, 0x00),
            Section(10, [0x01, .. Leb((uint)code.Count + 1), 0x00, .. code]));

        if (compiles)
        {
            CompiledTestModule.FromBytes(bytes).Call("f").Should().Be(depth);
        }
        else
        {
            var act = () => CompiledTestModule.FromBytes(bytes);
            act.Should().Throw<WasmModuleException>().Which.Kind.Should().Be(ModuleErrorKind.LimitExceeded);
        }
    }
}
