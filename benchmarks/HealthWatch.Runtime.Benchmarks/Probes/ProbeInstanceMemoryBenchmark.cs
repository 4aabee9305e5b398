using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>
/// Memory per live instance: what a probe instance holds while it runs (store, host functions bound to a run,
/// instance, linear memory). Each operation binds and instantiates a probe and keeps it; the store is never
/// disposed, so its memory is not taken back by the pool, and "Allocated" is what one live instance costs.
/// </summary>
[MemoryDiagnoser]
public class ProbeInstanceMemoryBenchmark
{
    private readonly ProbeGrants _grants = new ProbeGrants().Grant("http", new HttpGrant { Allow = ["127.0.0.1:1"] }).Grant("log");
    private readonly CapabilityRegistry _registry = CapabilityRegistry.CreateDefault();
    private IWasmEngine _engine = null!;
    private IWasmModule _module = null!;

    /// <summary>The probe: the no-I/O verdict probe (1 page), http-status in C (clang's 2 pages: 64 KiB of stack, then data) or in AssemblyScript.</summary>
    [Params("verdict-probe.wasm", "http-status.wasm", "http-status-as.wasm")]
    public string Probe { get; set; } = "verdict-probe.wasm";

    /// <summary>The instance made last, kept so that nothing of it is collected before the operation ends.</summary>
    public IWasmInstance? Instance { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = Engines.Create(Engines.Managed);
        _module = _engine.LoadModule(Probe == "verdict-probe.wasm" ? BenchmarkModules.Read(Probe) : BenchmarkModules.ReadSampleProbe(Probe));
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public IWasmInstance LiveInstance()
    {
        var store = _engine.CreateStore(ProbeRuntime.StoreLimitsFor(ProbeLimits.Default));
        var context = new ProbeContext(_grants, ProbeLimits.Default, CancellationToken.None);
        var imports = HostImportBinder.Bind(_module, _registry, _grants, context, store);
        return Instance = store.Instantiate(_module, imports);
    }
}
