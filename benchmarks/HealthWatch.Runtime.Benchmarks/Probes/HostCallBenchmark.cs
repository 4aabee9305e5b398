using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>
/// A host call's round trip: the guest (<c>Modules/host-calls.wat</c>) calls <c>clock_monotonic_ns</c>
/// <see cref="Calls"/> times in a loop; the figure is per call. <c>engine</c> binds a bare host function
/// (the engine's trampoline and argument marshalling only); <c>probe</c> binds the real import as a run does
/// (<see cref="HostImportBinder"/>: call counting, the host-call limit and time accounting, then the clock).
/// </summary>
[MemoryDiagnoser]
public class HostCallBenchmark
{
    private const int Calls = 10_000;

    private IWasmEngine _engine = null!;
    private IWasmStore _store = null!;
    private IWasmFunction _calls = null!;

    [Params("engine", "probe")]
    public string Binding { get; set; } = "engine";

    [GlobalSetup]
    public void Setup()
    {
        _engine = Engines.Create(Engines.Managed);
        var module = _engine.LoadModule(BenchmarkModules.Read("host-calls.wasm"));
        _store = _engine.CreateStore();
        WasmImports imports;
        if (Binding == "engine")
        {
            imports = new WasmImports()
                .Define("healthwatch", "clock_monotonic_ns", _store.CreateFunction(new FuncType([], [ValType.I64]), static (_, results) => results[0] = 42L))
                .Define("healthwatch", "set_result", _store.CreateFunction(new FuncType([ValType.I32, ValType.I32], [ValType.I32]), static (_, results) => results[0] = 0));
        }
        else
        {
            var grants = new ProbeGrants().Grant("clock");
            var limits = ProbeLimits.Default with { MaxHostCalls = int.MaxValue };
            imports = HostImportBinder.Bind(module, CapabilityRegistry.CreateDefault(), grants, new ProbeContext(grants, limits, CancellationToken.None), _store);
        }

        _calls = _store.Instantiate(module, imports).GetFunction("calls")!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    /// <summary>One host call (the loop runs <see cref="Calls"/> of them on a guest thread).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void HostCall() => _calls.Invoke([Calls], []);
}
