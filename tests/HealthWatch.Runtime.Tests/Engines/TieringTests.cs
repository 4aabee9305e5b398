using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Interpretation;

namespace HealthWatch.Runtime.Tests.Engines;

/// <summary>
/// The managed engine's tiers (docs/managed-engine.md, "Tiers"): interpreted and compiled code give the same
/// results, traps and fuel, a hot function is promoted, a hot loop continues compiled, and interpreted frames show
/// in backtraces. Module: Modules/tiers.wat.
/// </summary>
public sealed class TieringTests
{
    private const long Fuel = 100_000_000;

    private static readonly ManagedEngineOptions[] AllModes =
    [
        new() { Tiering = ManagedTiering.CompiledOnly },
        new() { Tiering = ManagedTiering.InterpretedOnly },
        new() { Tiering = ManagedTiering.Adaptive, TierUpThreshold = 50 },
    ];

    [Test]
    public void Invoke_HotLoopInOneCall_GivesTheSameResultsAndFuelInEveryTier()
    {
        var runs = AllModes.Select(options => Run(options, instance => Call(instance, "mix", WasmValue.FromInt32(3000), WasmValue.FromDouble(1.5)))).ToList();

        runs[0].Results.Should().HaveCount(4);
        runs[0].Results[0].AsInt64().Should().Be(Enumerable.Range(0, 3000).Sum(i => (long)i * i));
        runs[0].Results[3].AsInt32().Should().Be(2);
        ShouldAgreeInEveryTier(runs);
        runs.Should().AllSatisfy(run => run.Iterations.Should().Be(3000));
        runs[2].OsrEntries.Should().Be(1, "the adaptive run turned hot inside its only call");
        runs[1].OsrEntries.Should().Be(0);
    }

    [Test]
    public void Invoke_HotCallFreeLoopWithFuelInALocal_UsesTheSameFuelInEveryTier()
    {
        // sum7's loop makes no call and has few locals: compiled code counts its fuel in a local (FunctionScan.FuelInLocal).
        var runs = AllModes.Select(options => Run(options, instance => Call(instance, "sum7", WasmValue.FromInt32(5000)), "osr-cap")).ToList();

        runs[0].Results.Single().AsInt32().Should().Be((4999 * 5000 / 2) + (7 * 5000));
        ShouldAgreeInEveryTier(runs);
        runs[2].OsrEntries.Should().Be(1);
    }

    [Test]
    public void Invoke_LoopWithManyLocalsInsideALoopWithFuelInALocal_UsesTheSameFuelInEveryTier()
    {
        var runs = AllModes.Select(options => Run(options, instance => Call(instance, "nested", WasmValue.FromInt32(300)))).ToList();

        runs[0].Results.Single().AsInt32().Should().Be(Nested(300));
        ShouldAgreeInEveryTier(runs);
    }

    [TestCase(0, "br_if")]
    [TestCase(1, "br_table")]
    [TestCase(2, "return")]
    [TestCase(3, "the end")]
    public void Invoke_LeavingALoopThatKeepsItsFuelInALocal_UsesTheSameFuelInEveryTier(int how, string wayOut)
    {
        var runs = AllModes.Select(options => Run(options, instance => Call(instance, "exits", WasmValue.FromInt32(3000), WasmValue.FromInt32(how)))).ToList();

        runs[0].Results.Single().AsInt32().Should().Be(how == 2 ? 3000 : 6000, "the loop is left by {0}", wayOut);
        ShouldAgreeInEveryTier(runs);
    }

    [Test]
    public void Invoke_FunctionCalledOften_IsPromotedToCompiledCodeInThisAndLaterInstances()
    {
        using var engine = new ManagedEngine(new ManagedEngineOptions { TierUpThreshold = 5 });
        using var module = engine.LoadModule(EngineTestBase.ReadModule("tiers"));
        using var store = engine.CreateStore();
        var square = (WasmFunction)store.Instantiate(module).GetFunction("square")!;

        square.IsInterpreted.Should().BeTrue();
        for (var i = 1; i <= 10; i++)
        {
            square.Invoke(WasmValue.FromInt32(i)).Single().AsInt32().Should().Be(i * i);
        }

        square.IsInterpreted.Should().BeFalse();
        var later = (WasmFunction)store.Instantiate(module).GetFunction("square")!;
        later.IsInterpreted.Should().BeFalse();
        later.Invoke(WasmValue.FromInt32(12)).Single().AsInt32().Should().Be(144);
    }

    [TestCase(ManagedTiering.InterpretedOnly, 3)]
    [TestCase(ManagedTiering.Adaptive, 3)]
    [TestCase(ManagedTiering.Adaptive, 500)]
    public void Invoke_TrapUnderInterpretedAndCompiledFrames_BacktraceNamesTheOuterAndInnerFrames(ManagedTiering tiering, int loops)
    {
        using var engine = new ManagedEngine(new ManagedEngineOptions { Tiering = tiering, TierUpThreshold = 100 });
        using var store = engine.CreateStore();
        var outer = store.Instantiate(engine.LoadModule(EngineTestBase.ReadModule("tiers"))).GetFunction("outer")!;

        var trap = outer.Invoking(f => f.Invoke(WasmValue.FromInt32(loops))).Should().Throw<WasmTrapException>().Which;

        trap.Code.Should().Be(TrapCode.Unreachable);
        trap.Frames[0].FunctionName.Should().Be("boom");
        trap.Frames[^1].FunctionName.Should().Be("outer");
        if (tiering == ManagedTiering.InterpretedOnly)
        {
            trap.Frames.Select(f => f.FunctionName).Should().Equal("boom", "inner", "middle", "outer");
        }
    }

    [TestCase(ManagedTiering.InterpretedOnly)]
    [TestCase(ManagedTiering.Adaptive)]
    public void Invoke_DeepRecursionWithManyLocals_GrowsTheInterpreterStack(ManagedTiering tiering)
    {
        using var engine = new ManagedEngine(new ManagedEngineOptions { Tiering = tiering });
        using var store = engine.CreateStore();
        var depth = store.Instantiate(engine.LoadModule(EngineTestBase.ReadModule("tiers"))).GetFunction("depth")!;

        depth.Invoke(WasmValue.FromInt32(1500)).Single().AsInt32().Should().Be(1500);
        depth.Invoke(WasmValue.FromInt32(3)).Single().AsInt32().Should().Be(3);
    }

    [Test]
    public void Invoke_MoreHotLoopsThanOsrEntries_FinishesTheRestInterpretedThenCompiled()
    {
        using var engine = new ManagedEngine(new ManagedEngineOptions { TierUpThreshold = 10 });
        using var module = engine.LoadModule(EngineTestBase.ReadModule("osr-cap"));
        using var store = engine.CreateStore();
        var instance = store.Instantiate(module);

        for (var i = 0; i < 66; i++)
        {
            Call(instance, $"sum{i}", WasmValue.FromInt32(100)).Single().AsInt32().Should().Be(4950 + (100 * i));
        }

        ((ManagedModule)module).Compiled.Tiers.OsrEntryCount.Should().Be(FunctionTiers.MaxOsrEntries);
        var last = (WasmFunction)instance.GetFunction("sum65")!;
        last.Invoke(WasmValue.FromInt32(10)).Single().AsInt32().Should().Be(45 + 650);
        last.IsInterpreted.Should().BeFalse();
    }

    [Test]
    public void Dispose_StoreThatInterpreted_GivesItsStackToTheNextStore()
    {
        using var engine = new ManagedEngine(new ManagedEngineOptions { Tiering = ManagedTiering.InterpretedOnly });
        using var module = engine.LoadModule(EngineTestBase.ReadModule("tiers"));
        var first = engine.CreateStore();
        Call(first.Instantiate(module), "square", WasmValue.FromInt32(3)).Single().AsInt32().Should().Be(9);
        var stack = ((ManagedStore)first).State.Interpreter;

        first.Dispose();
        using var second = engine.CreateStore();
        Call(second.Instantiate(module), "square", WasmValue.FromInt32(4)).Single().AsInt32().Should().Be(16);

        stack.Should().NotBeNull();
        ((ManagedStore)second).State.Interpreter.Should().BeSameAs(stack);
    }

    [Test]
    public void Constructor_TierUpThresholdBelowOne_Throws()
    {
        var create = () => new ManagedEngine(new ManagedEngineOptions { TierUpThreshold = 0 });

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Constructor_UndefinedTiering_ThrowsNamingIt()
    {
        var create = () => new ManagedEngine(new ManagedEngineOptions { Tiering = (ManagedTiering)7 });

        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Tiering must be Adaptive, CompiledOnly or InterpretedOnly (was 7).*");
    }

    /// <summary>Every run gave the results and used the fuel of the first (compiled-only).</summary>
    private static void ShouldAgreeInEveryTier(List<TierRun> runs) =>
        runs.Should().AllSatisfy(run =>
        {
            run.Results.Should().Equal(runs[0].Results);
            run.FuelUsed.Should().Be(runs[0].FuelUsed);
        });

    /// <summary>What tiers.wat's <c>nested</c> computes.</summary>
    private static int Nested(int n)
    {
        var acc = 0;
        for (var i = 0; i < n; i++)
        {
            var j = 0;
            do
            {
                var a = j + 1;
                var b = a + i;
                var c = b ^ a;
                var d = c + b;
                var e = d * 3;
                var f = e - c;
                var g = f ^ d;
                var h = g + e;
                var k = (int)((uint)h >> 1);
                var l = k + f;
                acc += l ^ g;
                j++;
            }
            while (j < i);
        }

        return acc;
    }

    private static WasmValue[] Call(IWasmInstance instance, string export, params WasmValue[] arguments) =>
        instance.GetFunction(export)!.Invoke(arguments);

    private static TierRun Run(ManagedEngineOptions options, Func<IWasmInstance, WasmValue[]> call, string moduleName = "tiers")
    {
        using var engine = new ManagedEngine(options);
        using var module = engine.LoadModule(EngineTestBase.ReadModule(moduleName));
        using var store = engine.CreateStore(new WasmStoreLimits { Fuel = Fuel });
        var instance = store.Instantiate(module);
        var results = call(instance);
        var iterations = instance.GetGlobal("iterations")?.Value.AsInt64() ?? 0;
        return new TierRun(results, Fuel - store.RemainingFuel!.Value, iterations, ((ManagedModule)module).Compiled.Tiers.OsrEntryCount);
    }

    private sealed record TierRun(WasmValue[] Results, long FuelUsed, long Iterations, int OsrEntries);
}
