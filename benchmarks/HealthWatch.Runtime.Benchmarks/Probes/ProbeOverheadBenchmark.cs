using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>
/// What the probe runtime adds around a probe that does no I/O (<c>Modules/verdict-probe.wat</c>: it only sets a
/// verdict): store, host-import binding, instantiation, config copy, <c>hw_probe</c>, verdict parsing, result.
/// The module is compiled once; the managed engine is the only one that meters fuel, which runs need.
/// </summary>
[MemoryDiagnoser]
public class ProbeOverheadBenchmark
{
    private const int AwaitedRuns = 16;

    private readonly byte[] _bytes = BenchmarkModules.Read("verdict-probe.wasm");
    private readonly ProbeGrants _grants = ProbeGrants.None;
    private IWasmEngine _engine = null!;
    private ProbeRuntime _runtime = null!;
    private ProbeModule _module = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Engines.Create(Engines.Managed);
        _runtime = new ProbeRuntime(_engine);
        _module = _runtime.LoadModuleAsync(_bytes).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _engine.Dispose();
    }

    /// <summary>A run of a module already loaded: the per-run overhead.</summary>
    [Benchmark(Baseline = true)]
    public Task<ProbeResult> ExecuteLoadedModule() => _runtime.ExecuteProbeAsync(_module, "{}", _grants);

    /// <summary>
    /// Runs awaited one after another, as an asynchronous host does: after the first, each run is posted from the
    /// thread-pool thread its predecessor's continuation ran on.
    /// </summary>
    [Benchmark(OperationsPerInvoke = AwaitedRuns)]
    public async Task<ProbeResult> ExecuteAwaitedInSequence()
    {
        ProbeResult result = null!;
        for (var i = 0; i < AwaitedRuns; i++)
        {
            result = await _runtime.ExecuteProbeAsync(_module, "{}", _grants);
        }

        return result;
    }

    /// <summary>A load that hits the module cache (hashing the bytes), then a run: what a host that passes bytes on every check pays.</summary>
    [Benchmark]
    public async Task<ProbeResult> LoadFromCacheAndExecute()
    {
        var module = await _runtime.LoadModuleAsync(_bytes);
        return await _runtime.ExecuteProbeAsync(module, "{}", _grants);
    }
}
