using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Benchmarks.Engine;

/// <summary>The round trip of calling a trivial export (<c>add</c>) from .NET: the fixed cost of every call into guest code.</summary>
[MemoryDiagnoser]
public class InvokeBenchmark() : ExportBenchmarkBase("small.wasm", "add")
{
    private const int CallsPerBatch = 1000;
    private readonly WasmValue[] _arguments = [WasmValue.FromInt32(20), WasmValue.FromInt32(22)];
    private readonly WasmValue[] _results = new WasmValue[1];

    /// <summary>A call from an ordinary thread, which the engine hands to a guest thread and waits for.</summary>
    [Benchmark]
    public int InvokeAdd()
    {
        Export.Invoke(_arguments, _results);
        return _results[0].AsInt32();
    }

    /// <summary>Calls made on a guest thread (inside <see cref="IWasmEngine.RunAsync{T}"/>), which run inline: the call boundary alone.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerBatch)]
    public int InvokeAddOnGuestThread() => WasmEngine.RunAsync(InvokeBatch).GetAwaiter().GetResult();

    private int InvokeBatch()
    {
        var sum = 0;
        for (var i = 0; i < CallsPerBatch; i++)
        {
            Export.Invoke(_arguments, _results);
            sum += _results[0].AsInt32();
        }

        return sum;
    }
}
