using BenchmarkDotNet.Attributes;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>The design's concurrent-requests: <c>multi-request</c> sends <see cref="Requests"/> GETs at once, then waits for all.</summary>
public class ConcurrentRequestsBenchmark : ProbeScenarioBase
{
    /// <summary>Requests in flight at once (the http grant allows 16).</summary>
    [Params(4, 16)]
    public int Requests { get; set; } = 4;

    private protected override string ProbeFile => "multi-request.wasm";

    private protected override string Config =>
        $$"""{"urls": [{{string.Join(", ", Enumerable.Range(0, Requests).Select(i => Json(Server.Url($"/health?i={i}"))))}}]}""";
}
