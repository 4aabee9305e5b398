namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

public class LimitTests
{
    [Test]
    public void Fuel_InfiniteLoop_RunsOut()
    {
        var module = CompiledTestModule.Load("limits.wasm", consumeFuel: true);
        module.State.Fuel = 1000;

        module.TrapOf("spin").Should().Be(TrapCode.OutOfFuel);
        module.State.Fuel.Should().BeNegative();
    }

    [Test]
    public void Fuel_IsChargedPerInstructionAtEntryAndLoopHeaders()
    {
        var module = CompiledTestModule.Load("limits.wasm", consumeFuel: true);
        module.State.Fuel = 1_000_000;

        module.Call("count", 10).Should().Be(10);
        var used = 1_000_000 - module.State.Fuel;
        used.Should().BeInRange(10 * 9, 10 * 12, "the loop body is 10 instructions, plus the entry stretch");
    }

    [Test]
    public void Fuel_CallInLoop_KeepsWhatTheCalleeUsed()
    {
        var module = CompiledTestModule.Load("limits.wasm", consumeFuel: true);

        var loopOnly = Used(module, "count", 20) - Used(module, "count", 10);
        var withCalls = Used(module, "count_calls", 20) - Used(module, "count_calls", 10);

        withCalls.Should().Be(loopOnly + (10 * Used(module, "one")), "the caller continues from the fuel its callee left");
    }

    [Test]
    public void Fuel_Off_DoesNotTouchFuel()
    {
        var module = CompiledTestModule.Load("limits.wasm");
        module.State.Fuel = 5;

        module.Call("count", 100).Should().Be(100);
        module.State.Fuel.Should().Be(5);
    }

    [Test]
    public void Interrupt_StopsLoop()
    {
        var module = CompiledTestModule.Load("limits.wasm");
        module.State.RequestInterrupt();

        module.TrapOf("count", 10).Should().Be(TrapCode.Interrupted);
    }

    [Test]
    public void CallDepth_IsRestoredOnReturn()
    {
        var module = CompiledTestModule.Load("limits.wasm");
        module.State.CallDepthRemaining = 100;

        module.Call("recurse", 50).Should().Be(50);
        module.State.CallDepthRemaining.Should().Be(100);
    }

    [Test]
    public void CallDepth_Exhausted_Traps()
    {
        var module = CompiledTestModule.Load("limits.wasm");
        module.State.CallDepthRemaining = 100;

        module.TrapOf("recurse", 100).Should().Be(TrapCode.CallStackExhausted);
    }

    [Test]
    public void StackLimit_AboveTheFrame_Traps()
    {
        var module = CompiledTestModule.Load("limits.wasm");
        module.State.StackLimit = nuint.MaxValue;

        module.TrapOf("recurse", 1).Should().Be(TrapCode.CallStackExhausted);
    }

    private static long Used(CompiledTestModule module, string export, params object[] arguments)
    {
        module.State.Fuel = 1_000_000;
        module.Call(export, arguments);
        return 1_000_000 - module.State.Fuel;
    }
}
