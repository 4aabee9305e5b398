using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Benchmarks.Engine;

/// <summary>Recursive fib(25) from <c>tests/modules/c/fib.wasm</c> (clang -O2): about 250,000 tiny guest calls, so compiled-code speed.</summary>
[MemoryDiagnoser]
public class FibBenchmark() : ExportBenchmarkBase("fib.wasm", "fib")
{
    private readonly WasmValue[] _arguments = [WasmValue.FromInt32(25)];
    private readonly WasmValue[] _results = new WasmValue[1];

    [Benchmark]
    public int Fib25()
    {
        Export.Invoke(_arguments, _results);
        return _results[0].AsInt32();
    }
}
