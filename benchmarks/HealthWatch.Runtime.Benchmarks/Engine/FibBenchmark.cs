using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Benchmarks.Engine;

/// <summary>Recursive fib(25) from <c>tests/modules/c/fib.wasm</c> (clang -O2): about 250,000 tiny guest calls, so compiled-code speed.</summary>
[MemoryDiagnoser]
public class FibBenchmark
{
    private readonly WasmValue[] _arguments = [WasmValue.FromInt32(25)];
    private readonly WasmValue[] _results = new WasmValue[1];
    private IWasmEngine _engine = null!;
    private IWasmModule _module = null!;
    private IWasmStore _store = null!;
    private IWasmFunction _fib = null!;

    [Params(Engines.Managed, Engines.ManagedNoFuel)]
    public string Engine { get; set; } = Engines.Managed;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Engines.Create(Engine);
        _module = _engine.LoadModule(BenchmarkModules.Read("fib.wasm"));
        _store = _engine.CreateStore();
        _fib = _store.Instantiate(_module).GetFunction("fib")!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    [Benchmark]
    public int Fib25()
    {
        _fib.Invoke(_arguments, _results);
        return _results[0].AsInt32();
    }
}
