namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>
/// The design's regex-processing: <c>body-match</c> reads a 64 KB HTML page into guest memory and runs its
/// backtracking matcher for <c>&lt;title&gt;[^&lt;]*OK</c>, which only matches at the end of the page.
/// </summary>
public class RegexProcessingBenchmark : ProbeScenarioBase
{
    private protected override string ProbeFile => "body-match.wasm";

    private protected override string Config => $$"""{"url": {{Json(Server.Url("/page.html"))}}, "pattern": "<title>[^<]*OK"}""";
}
