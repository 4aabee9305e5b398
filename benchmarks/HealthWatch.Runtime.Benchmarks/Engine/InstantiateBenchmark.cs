using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Benchmarks.Engine;

/// <summary>A fresh store and instance of an already compiled small module, and its first call: the per-run cost a probe pays before its own code.</summary>
[MemoryDiagnoser]
public class InstantiateBenchmark
{
    private readonly WasmValue[] _results = new WasmValue[1];
    private IWasmEngine _engine = null!;
    private IWasmModule _module = null!;

    [Params(Engines.Managed, Engines.ManagedNoFuel)]
    public string Engine { get; set; } = Engines.Managed;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Engines.Create(Engine);
        _module = _engine.LoadModule(BenchmarkModules.Read("small.wasm"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _module.Dispose();
        _engine.Dispose();
    }

    [Benchmark]
    public int InstantiateAndCallRun()
    {
        using var store = _engine.CreateStore();
        store.Instantiate(_module).GetFunction("run")!.Invoke([], _results);
        return _results[0].AsInt32();
    }
}
