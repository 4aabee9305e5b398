using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Benchmarks.Engine;

/// <summary>Setup shared by benchmarks that call one export of one module in a long-lived store.</summary>
/// <param name="moduleFile">The benchmark module's file name.</param>
/// <param name="exportName">The function export to call.</param>
public abstract class ExportBenchmarkBase(string moduleFile, string exportName)
{
    private IWasmModule _module = null!;
    private IWasmStore _store = null!;

    [Params(Engines.Managed, Engines.ManagedNoFuel)]
    public string Engine { get; set; } = Engines.Managed;

    protected IWasmEngine WasmEngine { get; private set; } = null!;

    protected IWasmFunction Export { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        WasmEngine = Engines.Create(Engine);
        _module = WasmEngine.LoadModule(BenchmarkModules.Read(moduleFile));
        _store = WasmEngine.CreateStore();
        Export = _store.Instantiate(_module).GetFunction(exportName)!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _module.Dispose();
        WasmEngine.Dispose();
    }
}
