using System.Text.Json;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Soak;

/// <summary>How a run ended, as both paths can tell it: the result's success, error kind (camelCase, as in JSON) and message.</summary>
internal readonly record struct Outcome(bool Success, string? Kind, string? Message)
{
    public static Outcome From(ProbeResult result) =>
        new(result.Success, result.Error is { } error ? JsonNamingPolicy.CamelCase.ConvertName(error.Kind.ToString()) : null, result.Message);

    /// <summary>A sidecar's <c>probe/run</c> result object.</summary>
    public static Outcome From(JsonElement result) => new(
        result.GetProperty("success").GetBoolean(),
        result.TryGetProperty("error", out var error) ? error.GetProperty("kind").GetString() : null,
        result.TryGetProperty("message", out var message) ? message.GetString() : null);

    public override string ToString() => $"success={Success} kind={Kind ?? "-"} message={Message}";
}

/// <summary>
/// One kind of run in the mix: a probe of samples/probes with its config, grants and limits (as manifest JSON
/// members, so both paths read them with the same parser), how often it is picked, and what it must end with.
/// </summary>
internal sealed record ProbeCase(string Name, string Probe, int Weight, string Members, Func<Outcome, bool> Expected);

internal static class ProbeMix
{
    /// <summary>The mix: two thirds well-behaved probes, one third hostile ones (docs/security.md).</summary>
    public static IReadOnlyList<ProbeCase> Create(SoakServer server)
    {
        // Every run gets time to spare but those whose point is the timeout: 1,000 runs in flight on a small, shared
        // machine queue for tens of seconds, and a run timing out under load says nothing about containment or leaks.
        var http = $$$"""{"http":{"allow":["{{{server.Authority}}}"],"maxResponseBytes":65536,"timeoutMs":60000}}""";
        var hang = $$$"""{"http":{"allow":["{{{server.Authority}}}"],"timeoutMs":300}}""";
        var all = $$$"""
            {"log":{},"env":{"vars":{"A":"1"}},"http":{"allow":["{{{server.Authority}}}"]},"dns":{"allow":["*.test"]},"tcp":{"allow":["*.test:80"]}}
            """;
        static string Patient(string more = "") => $$$"""{"timeoutMs":120000{{{more}}}}""";
        return
        [
            new("http-ok", "http-status", 30, $$$"""{"config":{"url":"{{{server.Url("/health")}}}"},"grants":{{{http}}},"limits":{{{Patient()}}}}""", o => o.Success),
            new("json-ok", "json-assert", 15, $$$"""{"config":{"url":"{{{server.Url("/health")}}}","path":"data.state","equals":"ok"},"grants":{{{http}}},"limits":{{{Patient()}}}}""", o => o.Success),
            new("http-slow", "http-status", 10, $$$"""{"config":{"url":"{{{server.Url("/slow")}}}"},"grants":{{{http}}},"limits":{{{Patient()}}}}""", o => o.Success),
            new("big-body", "http-status", 5, $$$"""{"config":{"url":"{{{server.Url("/big")}}}"},"grants":{{{http}}},"limits":{{{Patient()}}}}""", o => o.Message == "request failed: too large"),
            new("hanging-server", "http-status", 5, $$$"""{"config":{"url":"{{{server.Url("/hang")}}}"},"grants":{{{hang}}},"limits":{{{Patient()}}}}""", o => o.Message == "request failed: timed out"),
            new("redirect-to-metadata", "http-status", 3, $$$"""{"config":{"url":"{{{server.Url("/to-metadata")}}}"},"grants":{{{http}}},"limits":{{{Patient()}}}}""", o => o.Message == "request failed: not allowed by the grant"),
            new("not-granted", "http-status", 3, $$$"""{"config":{"url":"{{{server.Url("/health")}}}"}}""", o => o.Kind == "capabilityNotGranted"),
            new("infinite-loop", "hostile/infinite-loop", 3, """{"limits":{"fuel":9000000000000000000,"timeoutMs":100}}""", o => o.Kind == "timeout"),
            new("out-of-fuel", "hostile/infinite-loop", 5, $$$"""{"limits":{{{Patient(",\"fuel\":2000000")}}}}""", o => o.Kind == "outOfFuel"),
            new("deep-recursion", "hostile/deep-recursion", 3, $$$"""{"limits":{{{Patient()}}}}""", o => o.Kind == "trap"),
            new("memory-bomb", "hostile/memory-bomb", 3, $$$"""{"limits":{{{Patient(",\"memoryPages\":32")}}}}""", o => o.Message == "memory exhausted at 32 pages"),
            new("table-bomb", "hostile/table-bomb", 3, $$$"""{"limits":{{{Patient()}}}}""", o => o.Message == "table exhausted at 100000 elements"),
            new("many-tables", "hostile/many-tables", 3, $$$"""{"limits":{{{Patient()}}}}""", o => o.Kind == "resourceLimit"),
            new("log-flood", "hostile/log-flood", 3, $$$"""{"grants":{"log":{}},"limits":{{{Patient(",\"maxLogBytes\":4096,\"maxHostCalls\":1000")}}}}""", o => o.Kind == "resourceLimit"),
            new("wild-verdict-pointer", "hostile/verdict-wild-pointer", 3, $$$"""{"limits":{{{Patient()}}}}""", o => o.Kind == "noVerdict"),
            new("invalid-utf8-verdict", "hostile/invalid-utf8", 3, $$$"""{"config":{"badVerdict":true},"grants":{{{all}}},"limits":{{{Patient()}}}}""", o => o.Kind == "invalidVerdict"),
        ];
    }

    /// <summary>A case picked by weight.</summary>
    public static ProbeCase Pick(IReadOnlyList<ProbeCase> cases, Random random)
    {
        var n = random.Next(cases.Sum(c => c.Weight));
        foreach (var c in cases)
        {
            n -= c.Weight;
            if (n < 0)
            {
                return c;
            }
        }

        return cases[^1];
    }
}
