namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

public class MemoryTests
{
    private const int PageSize = 65536;

    [Test]
    public void Load_AtTheEnd_IsInBoundsAndPastItTraps()
    {
        var module = CompiledTestModule.Load("memory.wasm");
        module.Instance.Memory!.Buffer[PageSize - 1] = 0xAB;

        module.Call("load8_u", PageSize - 2).Should().Be(0xAB);
        module.TrapOf("load8_u", PageSize - 1).Should().Be(TrapCode.MemoryOutOfBounds);
        module.TrapOf("load64", PageSize - 7).Should().Be(TrapCode.MemoryOutOfBounds);
        module.TrapOf("load8_u", -1).Should().Be(TrapCode.MemoryOutOfBounds);
    }

    [Test]
    public void Store_IsLittleEndianAndUnaligned()
    {
        var module = CompiledTestModule.Load("memory.wasm");

        module.Call("store32", 1, 0x04030201);

        module.Instance.Memory!.Buffer.AsSpan(3, 4).ToArray().Should().Equal(1, 2, 3, 4);
        module.Call("load64", 0).Should().Be(0x04030201_000000L);
    }

    [Test]
    public void Grow_ReplacesTheBufferUpToTheMaximum()
    {
        var module = CompiledTestModule.Load("memory.wasm");

        module.Call("grow", 1).Should().Be(1);
        module.Call("size").Should().Be(2);
        module.Call("load8_u", (2 * PageSize) - 2).Should().Be(0);
        module.Call("grow", 2).Should().Be(-1);
        module.Call("size").Should().Be(2);
    }

    [Test]
    public void Access_AfterACalleeGrewMemory_UsesTheNewBuffer()
    {
        var module = CompiledTestModule.Load("memory.wasm");

        module.Call("load_after_callee_grows").Should().Be(9);
        module.Instance.Memory!.Buffer[70000].Should().Be(9);
    }

    [Test]
    public void BulkOperations_CheckTheWholeRangeFirst()
    {
        var module = CompiledTestModule.Load("memory.wasm");
        var buffer = module.Instance.Memory!.Buffer;

        module.Call("init", 10, 1, 3);
        buffer.AsSpan(10, 3).ToArray().Should().Equal(2, 3, 4);
        module.TrapOf("init", 0, 2, 3).Should().Be(TrapCode.MemoryOutOfBounds);

        module.Call("copy", 11, 10, 3);
        buffer.AsSpan(10, 4).ToArray().Should().Equal(2, 2, 3, 4);

        module.TrapOf("fill", PageSize - 1, 7, 2).Should().Be(TrapCode.MemoryOutOfBounds);
        buffer[PageSize - 1].Should().Be(0, "nothing is written when the range is out of bounds");
        module.Call("fill", PageSize, 7, 0);

        module.Call("drop");
        module.Call("init", 0, 0, 0);
        module.TrapOf("init", 0, 0, 1).Should().Be(TrapCode.MemoryOutOfBounds);
    }
}
