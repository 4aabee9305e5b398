using BenchmarkDotNet.Attributes;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>
/// The design's json-parsing-heavy: <c>json-assert</c> GETs a 256 KB JSON document and checks a value at its end
/// (<c>summary.state</c>). The body stays on the host, which parses it for <c>http_body_json</c>.
/// </summary>
public class JsonParsingHeavyBenchmark : ProbeScenarioBase
{
    /// <summary>The probe's language: C (<c>json-assert.c</c>) or AssemblyScript (<c>assemblyscript/json-assert.ts</c>).</summary>
    [Params("c", "assemblyscript")]
    public string Probe { get; set; } = "c";

    private protected override string ProbeFile => Probe == "c" ? "json-assert.wasm" : "json-assert-as.wasm";

    private protected override string Config => $$"""{"url": {{Json(Server.Url("/large.json"))}}, "path": "summary.state", "equals": "ok"}""";
}
