using BenchmarkDotNet.Attributes;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>
/// One run of a sample probe (samples/probes, copied to <c>SampleProbes/</c>) against <see cref="ScenarioServer"/>,
/// through <see cref="ProbeRuntime.ExecuteProbeAsync"/>: the whole cost of a check, network included. The module is
/// loaded once; setup runs the probe once and fails unless it gives the outcome the scenario expects.
/// </summary>
[MemoryDiagnoser]
public abstract class ProbeScenarioBase
{
    private IWasmEngine _engine = null!;
    private ProbeRuntime _runtime = null!;
    private ProbeModule _module = null!;
    private ProbeGrants _grants = null!;
    private string _config = null!;

    /// <summary>The loopback server; started before <see cref="Config"/> is read.</summary>
    private protected ScenarioServer Server { get; private set; } = null!;

    /// <summary>The probe's file under <c>SampleProbes/</c>.</summary>
    private protected abstract string ProbeFile { get; }

    /// <summary>The run's config JSON.</summary>
    private protected abstract string Config { get; }

    /// <summary>Whether the probe's verdict must be a success, or a failure it reports itself (not an error of the run).</summary>
    private protected virtual bool ExpectSuccess => true;

    // Synchronous: BenchmarkDotNet's in-process toolchain does not wait for an asynchronous setup.
    [GlobalSetup]
    public void Setup()
    {
        Server = ScenarioServer.StartAsync().GetAwaiter().GetResult();
        _engine = Engines.Create(Engines.Managed);
        _runtime = new ProbeRuntime(_engine);
        _module = _runtime.LoadModuleAsync(BenchmarkModules.ReadSampleProbe(ProbeFile)).GetAwaiter().GetResult();
        _grants = Grants();
        _config = Config;
        var result = Run().GetAwaiter().GetResult();
        if (result.Success != ExpectSuccess || (result.Error is { } error && error.Kind != ProbeErrorKind.Trap))
        {
            throw new InvalidOperationException($"{GetType().Name}: unexpected outcome: success {result.Success}, {result.Message}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        _engine.Dispose();
        Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One check: load nothing, run the probe, build the result.</summary>
    [Benchmark]
    public Task<ProbeResult> Run() => _runtime.ExecuteProbeAsync(_module, _config, _grants);

    /// <summary>The grants: HTTP to the server (and to its closed port), with room for the large bodies.</summary>
    private protected virtual ProbeGrants Grants() => new ProbeGrants().Grant("http", new HttpGrant
    {
        Allow = [Server.Authority, $"127.0.0.1:{Server.ClosedPort}"],
        MaxResponseBytes = 4 * 1024 * 1024,
    });

    /// <summary>A string as a JSON string literal.</summary>
    private protected static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
