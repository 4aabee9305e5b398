using BenchmarkDotNet.Attributes;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>The design's simple-http-check: <c>http-status</c> GETs <c>/health</c> and checks for 200.</summary>
public class SimpleHttpCheckBenchmark : ProbeScenarioBase
{
    /// <summary>The probe's language: C (<c>http-status.c</c>) or AssemblyScript (<c>assemblyscript/http-status.ts</c>).</summary>
    [Params("c", "assemblyscript")]
    public string Probe { get; set; } = "c";

    private protected override string ProbeFile => Probe == "c" ? "http-status.wasm" : "http-status-as.wasm";

    private protected override string Config => $$"""{"url": {{Json(Server.Url("/health"))}}}""";
}
