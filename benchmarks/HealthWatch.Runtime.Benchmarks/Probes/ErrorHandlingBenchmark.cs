using BenchmarkDotNet.Attributes;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>
/// The design's error-handling: checks that fail, and what reporting the failure costs. <c>http-500</c>: the
/// service answers 500 and <c>http-status</c> reports it; <c>refused</c>: nothing listens and the request fails;
/// <c>trap</c>: the probe itself traps (<c>hostile/trap.wat</c>) and the runtime builds the error with its backtrace.
/// </summary>
public class ErrorHandlingBenchmark : ProbeScenarioBase
{
    [Params("http-500", "refused", "trap")]
    public string Failure { get; set; } = "http-500";

    private protected override string ProbeFile => Failure == "trap" ? "hostile/trap.wasm" : "http-status.wasm";

    private protected override string Config => Failure switch
    {
        "http-500" => $$"""{"url": {{Json(Server.Url("/error"))}}}""",
        "refused" => $$"""{"url": {{Json($"http://127.0.0.1:{Server.ClosedPort}/health")}}}""",
        _ => "{}",
    };

    private protected override bool ExpectSuccess => false;
}
