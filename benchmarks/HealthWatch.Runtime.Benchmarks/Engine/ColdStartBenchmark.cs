using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Benchmarks.Engine;

/// <summary>
/// Time to first result of a module the process has not loaded before: decode, validate and compile
/// (<see cref="Load"/>), then a new store and instance (<see cref="LoadAndInstantiate"/>), then the first call
/// (<see cref="LoadInstantiateAndCall"/>), which also pays for the JIT compiling what the call runs.
/// <c>probe</c> is <c>samples/probes/dns-resolve.wasm</c> (8.8 KB, C) with do-nothing imports, first call
/// <c>hw_alloc(16)</c>; <c>large</c> is <see cref="LargeModule"/> (2,000 functions), first call <c>run_all</c>,
/// which calls every function once. Each operation compiles the module anew, so the process is warm but the module is not.
/// </summary>
[MemoryDiagnoser]
public class ColdStartBenchmark
{
    public const string Probe = "probe";
    public const string Large = "large";

    private byte[] _bytes = [];
    private IWasmEngine _engine = null!;

    [Params(Probe, Large)]
    public string Module { get; set; } = Probe;

    /// <summary>The engine as shipped (adaptive tiering), and with every function compiled from its first call.</summary>
    [Params(Engines.Managed, Engines.ManagedCompiled)]
    public string Engine { get; set; } = Engines.Managed;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Engines.Create(Engine);
        _bytes = Module == Probe ? BenchmarkModules.ReadSampleProbe("dns-resolve.wasm") : LargeModule.Generate();
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public int Load()
    {
        using var module = _engine.LoadModule(_bytes);
        return module.Exports.Count;
    }

    [Benchmark]
    public int LoadAndInstantiate()
    {
        using var module = _engine.LoadModule(_bytes);
        using var store = _engine.CreateStore();
        return Instantiate(store, module).Exports.Count;
    }

    [Benchmark]
    public int LoadInstantiateAndCall()
    {
        using var module = _engine.LoadModule(_bytes);
        using var store = _engine.CreateStore();
        var instance = Instantiate(store, module);
        return Module == Probe
            ? instance.GetFunction("hw_alloc")!.Invoke(WasmValue.FromInt32(16))[0].AsInt32()
            : instance.GetFunction(LargeModule.ExportName)!.Invoke()[0].AsInt32();
    }

    /// <summary>Instantiates with a host function that returns zeros for every function import.</summary>
    private static IWasmInstance Instantiate(IWasmStore store, IWasmModule module)
    {
        var imports = new WasmImports();
        foreach (var import in module.Imports)
        {
            var type = (FuncType)import.Type;
            imports.Define(import.Module, import.Name, store.CreateFunction(type, (_, results) => results.Clear()));
        }

        return store.Instantiate(module, imports);
    }
}
