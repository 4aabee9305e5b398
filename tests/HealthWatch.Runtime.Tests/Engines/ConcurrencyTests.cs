using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class ConcurrencyTests(EngineFactory factory) : EngineTestBase(factory)
{
    [Test]
    public void Invoke_ManyThreadsWithTheirOwnStores_AllSucceed()
    {
        var module = Module("loops");
        const int Threads = 16;
        var results = new int[Threads];
        var errors = new Exception?[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            try
            {
                using var store = Engine.CreateStore(new WasmStoreLimits { Fuel = 10_000_000 });
                var count = Function(store.Instantiate(module), "count");
                start.SignalAndWait();
                for (var round = 0; round < 20; round++)
                {
                    results[i] += count.Invoke(1000 + i).Single().AsInt32();
                }
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        errors.Should().AllSatisfy(e => e.Should().BeNull());
        results.Should().Equal(Enumerable.Range(0, Threads).Select(i => 20 * (1000 + i)));
    }

    [Test]
    public async Task RunAsync_ManyConcurrentRuns_EachReturnsItsResultAndPropagatesTraps()
    {
        var module = Module("loops");
        var runs = Enumerable.Range(0, 32).Select(i => Engine.RunAsync(() =>
        {
            using var store = Engine.CreateStore(new WasmStoreLimits { Fuel = 10_000_000 });
            return Function(store.Instantiate(module), "count").Invoke(100 + i).Single().AsInt32();
        }));

        (await Task.WhenAll(runs)).Should().Equal(Enumerable.Range(0, 32).Select(i => 100 + i));

        var trapping = Engine.RunAsync(() =>
        {
            using var store = Engine.CreateStore(new WasmStoreLimits { Fuel = 1_000 });
            return Function(store.Instantiate(module), "count").Invoke(1_000_000);
        });
        (await trapping.Invoking(t => t).Should().ThrowAsync<WasmTrapException>()).Which.Code.Should().Be(TrapCode.OutOfFuel);
    }

    [Test]
    public async Task RunAsync_AlreadyCancelled_DoesNotRunTheWork()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ran = false;

        var run = Engine.RunAsync(() => ran = true, cancelled.Token);

        await run.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        ran.Should().BeFalse();
    }

    [Test]
    public void Invoke_SecondThreadWhileTheStoreIsBusy_ThrowsInvalidOperationException()
    {
        using var store = Engine.CreateStore();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var block = store.CreateFunction(new FuncType([], []), (_, _) =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(10));
        });
        var instance = store.Instantiate(Module("busy"), new WasmImports().Define("host", "block", block));
        var answer = Function(instance, "answer");

        var busy = Task.Run(() => Function(instance, "call_block").Invoke());
        entered.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        try
        {
            answer.Invoking(f => f.Invoke()).Should().Throw<InvalidOperationException>();
            store.Invoking(s => s.Instantiate(Module("values"))).Should().Throw<InvalidOperationException>();
        }
        finally
        {
            release.Set();
        }

        busy.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();
        answer.Invoke().Single().AsInt32().Should().Be(42);
    }

    [Test]
    public void Invoke_HostFunctionReentersTheStoreOnItsThread_Works()
    {
        using var store = Engine.CreateStore();
        IWasmFunction? answer = null;
        var calls = 0;
        var block = store.CreateFunction(new FuncType([], []), (_, _) => calls += answer!.Invoke().Single().AsInt32());
        var instance = store.Instantiate(Module("busy"), new WasmImports().Define("host", "block", block));
        answer = Function(instance, "answer");

        Function(instance, "call_block").Invoke();

        calls.Should().Be(42);
    }
}
