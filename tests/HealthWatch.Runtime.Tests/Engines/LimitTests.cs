using System.Diagnostics;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class LimitTests(EngineFactory factory) : EngineTestBase(factory)
{
    [Test]
    public void Invoke_InfiniteLoopWithFuel_TrapsOutOfFuelAndLeavesNone()
    {
        using var store = Engine.CreateStore(new WasmStoreLimits { Fuel = 100_000 });
        var instance = store.Instantiate(Module("loops"));

        var trap = Function(instance, "spin").Invoking(f => f.Invoke()).Should().Throw<WasmTrapException>().Which;

        trap.Code.Should().Be(TrapCode.OutOfFuel);
        trap.Message.Should().Be("out of fuel");
        store.RemainingFuel.Should().Be(0);
    }

    [Test]
    public void SetFuel_AfterRunningOut_LetsCodeRunAgainAndConsumesFuel()
    {
        using var store = Engine.CreateStore(new WasmStoreLimits { Fuel = 10 });
        var count = Function(store.Instantiate(Module("loops")), "count");
        count.Invoking(f => f.Invoke(1000)).Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.OutOfFuel);

        store.SetFuel(1_000_000);
        count.Invoke(1000).Single().AsInt32().Should().Be(1000);

        store.RemainingFuel.Should().BeInRange(1_000_000 - 100_000, 1_000_000 - 1000);
    }

    [Test]
    public void RemainingFuel_WithoutAFuelLimit_IsNull()
    {
        using var store = Engine.CreateStore();

        store.RemainingFuel.Should().BeNull();
    }

    [Test]
    public void Invoke_InfiniteLoopWithCancellationTimeout_TrapsInterruptedQuickly()
    {
        using var store = Engine.CreateStore();
        var spin = Function(store.Instantiate(Module("loops")), "spin");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var watch = Stopwatch.StartNew();

        var trap = spin.Invoking(f => f.Invoke([], [], timeout.Token)).Should().Throw<WasmTrapException>().Which;

        trap.Code.Should().Be(TrapCode.Interrupted);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(500));
        Function(store.Instantiate(Module("loops")), "count").Invoke(10).Single().AsInt32().Should().Be(10);
    }

    [Test]
    public void Invoke_AlreadyCancelledToken_TrapsInterrupted()
    {
        using var store = Engine.CreateStore();
        var count = Function(store.Instantiate(Module("loops")), "count");

        count.Invoking(f => f.Invoke([10], new WasmValue[1], new CancellationToken(true))).Should().Throw<WasmTrapException>()
            .Which.Code.Should().Be(TrapCode.Interrupted);
    }

    [Test]
    [Repeat(3)]
    public void Invoke_UnboundedRecursion_TrapsCallStackExhaustedAtTheDepthLimit()
    {
        using var store = Engine.CreateStore();
        var recurse = Function(store.Instantiate(Module("loops")), "recurse");

        var trap = recurse.Invoking(f => f.Invoke(0)).Should().Throw<WasmTrapException>().Which;

        trap.Code.Should().Be(TrapCode.CallStackExhausted);
        trap.Message.Should().Be("call stack exhausted");
    }

    [Test]
    [Repeat(3)]
    public void Invoke_UnboundedRecursionWithoutDepthLimit_TrapsCallStackExhaustedBeforeTheStackOverflows()
    {
        using var store = Engine.CreateStore(new WasmStoreLimits { MaxCallDepth = int.MaxValue });
        var recurse = Function(store.Instantiate(Module("loops")), "recurse");

        // Tiny frames: the stack limit, not the depth limit, stops this after some 10^5 calls.
        recurse.Invoking(f => f.Invoke(0)).Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.CallStackExhausted);
    }

    [Test]
    [Repeat(3)]
    public void Invoke_RecursionWithFiftyThousandLocals_TrapsCallStackExhausted()
    {
        using var store = Engine.CreateStore(new WasmStoreLimits { MaxCallDepth = int.MaxValue });
        var deep = Function(store.Instantiate(Module("bigframe")), "deep");

        deep.Invoking(f => f.Invoke()).Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.CallStackExhausted);
        deep.Invoking(f => f.Invoke()).Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.CallStackExhausted);
    }

    [Test]
    public void Invoke_RecursionFromAHostFunctionReentry_TrapsCallStackExhausted()
    {
        using var store = Engine.CreateStore(new WasmStoreLimits { MaxCallDepth = int.MaxValue });
        IWasmFunction? recurse = null;
        var function = store.CreateFunction(new FuncType([ValType.I32], [ValType.I32]), (a, r) => r[0] = recurse!.Invoke(a[0])[0]);
        var imports = new WasmImports().Define("host", "i32", function);
        foreach (var type in new[] { ValType.I64, ValType.F32, ValType.F64, ValType.FuncRef, ValType.ExternRef })
        {
            imports.Define("host", type.ToWatName(), store.CreateFunction(new FuncType([type], [type]), (a, r) => r[0] = a[0]));
        }

        imports.Define("host", "multi", store.CreateFunction(new FuncType([ValType.I32, ValType.I64], [ValType.I64, ValType.I32, ValType.F64]), (_, _) => { }));
        recurse = Function(store.Instantiate(Module("host"), imports), "call_i32");

        recurse.Invoking(f => f.Invoke(0)).Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.CallStackExhausted);
    }
}
