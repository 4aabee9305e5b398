using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Benchmarks.Engine;

/// <summary>The round trip of calling a trivial export (<c>add</c>) from .NET: the fixed cost of every call into guest code.</summary>
[MemoryDiagnoser]
public class InvokeBenchmark
{
    private const int CallsPerBatch = 1000;
    private readonly WasmValue[] _arguments = [WasmValue.FromInt32(20), WasmValue.FromInt32(22)];
    private readonly WasmValue[] _results = new WasmValue[1];
    private IWasmEngine _engine = null!;
    private IWasmModule _module = null!;
    private IWasmStore _store = null!;
    private IWasmFunction _add = null!;

    [Params(Engines.Managed, Engines.ManagedNoFuel)]
    public string Engine { get; set; } = Engines.Managed;

    [GlobalSetup]
    public void Setup()
    {
        _engine = Engines.Create(Engine);
        _module = _engine.LoadModule(BenchmarkModules.Read("small.wasm"));
        _store = _engine.CreateStore();
        _add = _store.Instantiate(_module).GetFunction("add")!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    /// <summary>A call from an ordinary thread, which the engine hands to a guest thread and waits for.</summary>
    [Benchmark]
    public int InvokeAdd()
    {
        _add.Invoke(_arguments, _results);
        return _results[0].AsInt32();
    }

    /// <summary>Calls made on a guest thread (inside <see cref="IWasmEngine.RunAsync{T}"/>), which run inline: the call boundary alone.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerBatch)]
    public int InvokeAddOnGuestThread() => _engine.RunAsync(InvokeBatch).GetAwaiter().GetResult();

    private int InvokeBatch()
    {
        var sum = 0;
        for (var i = 0; i < CallsPerBatch; i++)
        {
            _add.Invoke(_arguments, _results);
            sum += _results[0].AsInt32();
        }

        return sum;
    }
}
