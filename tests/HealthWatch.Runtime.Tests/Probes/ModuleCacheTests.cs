using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

public sealed class ModuleCacheTests
{
    [Test]
    public async Task LoadModuleAsync_SameBytesTwentyTimesAtOnce_CompilesOnce()
    {
        using var engine = new CountingEngine();
        using var runtime = new ProbeRuntime(engine);
        var bytes = TestProbes.Read("echo");

        var modules = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => runtime.LoadModuleAsync(bytes))));

        engine.Compiles.Should().Be(1);
        modules.Select(m => m.Sha256).Distinct().Should().ContainSingle();
        runtime.CacheStatistics.Should().Be(new ModuleCacheStatistics(1, bytes.Length, 19, 1, 0));
        modules.Count(m => m.CompileMs > 0).Should().Be(1);
    }

    [Test]
    public async Task LoadModuleAsync_MoreModulesThanEntries_EvictsTheLeastRecentlyUsed()
    {
        using var engine = new CountingEngine();
        using var runtime = new ProbeRuntime(engine, new ProbeRuntimeOptions { ModuleCacheMaxEntries = 2 });

        await runtime.LoadModuleAsync(TestProbes.Read("echo"));
        await runtime.LoadModuleAsync(TestProbes.Read("trap"));
        await runtime.LoadModuleAsync(TestProbes.Read("echo"));
        await runtime.LoadModuleAsync(TestProbes.Read("spin"));
        await runtime.LoadModuleAsync(TestProbes.Read("echo"));
        await runtime.LoadModuleAsync(TestProbes.Read("trap"));

        engine.Compiles.Should().Be(4);
        runtime.CacheStatistics.Should().BeEquivalentTo(new { Entries = 2, Hits = 2, Misses = 4, Evictions = 2 });
    }

    [Test]
    public async Task LoadModuleAsync_MoreBytesThanAllowed_EvictsUntilWithinBounds()
    {
        var echo = TestProbes.Read("echo");
        var trap = TestProbes.Read("trap");
        using var engine = new CountingEngine();
        using var runtime = new ProbeRuntime(engine, new ProbeRuntimeOptions { ModuleCacheMaxBytes = echo.Length + trap.Length - 1 });

        await runtime.LoadModuleAsync(echo);
        await runtime.LoadModuleAsync(trap);

        runtime.CacheStatistics.Should().Be(new ModuleCacheStatistics(1, trap.Length, 0, 2, 1));
    }

    [Test]
    public async Task LoadModuleAsync_CompileFails_IsNotCached()
    {
        using var engine = new CountingEngine();
        using var runtime = new ProbeRuntime(engine);
        byte[] bytes = [0, 0x61, 0x73, 0x6d, 2, 0, 0, 0];

        for (var i = 0; i < 2; i++)
        {
            var act = () => runtime.LoadModuleAsync(bytes);
            await act.Should().ThrowAsync<WasmModuleException>();
        }

        engine.Compiles.Should().Be(2);
        runtime.CacheStatistics.Entries.Should().Be(0);
    }

    [Test]
    public void EngineKey_EnginesWithOtherSettings_Differ()
    {
        using var metered = new ManagedEngine();
        using var unmetered = new ManagedEngine(new ManagedEngineOptions { ConsumeFuel = false });

        ModuleCache.EngineKey(metered).Should().NotBe(ModuleCache.EngineKey(unmetered)).And.StartWith("managed|");
    }

    /// <summary>A managed engine that counts compiles and makes each take a while, so concurrent loads overlap.</summary>
    private sealed class CountingEngine : IWasmEngine
    {
        private readonly ManagedEngine _inner = new();
        private int _compiles;

        public int Compiles => _compiles;

        public string Name => _inner.Name;

        public IWasmModule LoadModule(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _compiles);
            Thread.Sleep(50);
            return _inner.LoadModule(bytes, cancellationToken);
        }

        public IWasmStore CreateStore(WasmStoreLimits? limits = null) => _inner.CreateStore(limits);

        public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default) => _inner.RunAsync(work, cancellationToken);

        public void Dispose() => _inner.Dispose();
    }
}
