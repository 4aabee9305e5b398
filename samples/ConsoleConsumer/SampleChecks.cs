using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using HealthWatch.Runtime.Probes;

namespace ConsoleConsumer;

/// <summary>
/// The checks the sample runs against its loopback server: every example probe with exactly the grants it needs,
/// unhealthy endpoints the probes must report, and hostile probes the host must contain.
/// </summary>
internal static class SampleChecks
{
    public static IReadOnlyList<SampleCheck> Create(LoopbackServer server)
    {
        // Only the server's own host and port: loopback stays closed to probes unless a grant names it.
        ProbeGrants Http() => new ProbeGrants().Grant("http", new HttpGrant { Allow = [server.HostAndPort] });
        string Url(string path) => Json(server.Url(path));

        return
        [
            new("http-status (C)", "http-status.wasm", $$"""{"url": {{Url("/health")}}}""", Http(), Expectation.Pass),
            new("http-status (AssemblyScript)", "http-status-as.wasm", $$"""{"url": {{Url("/health")}}}""", Http(), Expectation.Pass),
            new("json-assert version", "json-assert.wasm", $$"""{"url": {{Url("/health")}}, "path": "version", "equals": "1.2.3"}""", Http(), Expectation.Pass),
            new("body-match title", "body-match.wasm", $$"""{"url": {{Url("/status-page")}}, "pattern": "<title>[^<]*OK"}""", Http(), Expectation.Pass),
            new("multi-request", "multi-request.wasm", $$"""{"urls": [{{Url("/health")}}, {{Url("/status-page")}}]}""", Http(), Expectation.Pass),
            new("dns-resolve localhost", "dns-resolve.wasm", """{"name": "localhost"}""",
                new ProbeGrants().Grant("dns", new DnsGrant { Allow = ["localhost"] }), Expectation.Pass),
            new("tcp-connect server port", "tcp-connect.wasm", $$"""{"host": "127.0.0.1", "port": {{server.Port}}}""",
                new ProbeGrants().Grant("tcp", new TcpGrant { Allow = [server.HostAndPort] }), Expectation.Pass),

            // Unhealthy endpoints: the probe runs fine and reports the failure itself.
            new("http-status /error (500)", "http-status.wasm", $$"""{"url": {{Url("/error")}}}""", Http(), Expectation.Fail),
            new("http-status /slow (300 ms)", "http-status.wasm", $$"""{"url": {{Url("/slow")}}, "timeoutMs": 300}""", Http(), Expectation.Fail),
            new("http-status redirect to 169.254.169.254", "http-status.wasm", $$"""{"url": {{Url("/redirect-private")}}}""", Http(), Expectation.Fail),

            // Hostile probes: contained by the host. Fuel is unbounded here so that the timeout is what stops the loop.
            new("hostile: infinite loop", "hostile/infinite-loop.wasm", "{}", ProbeGrants.None, Expectation.Error(ProbeErrorKind.Timeout),
                ProbeLimits.Default with { Timeout = TimeSpan.FromMilliseconds(500), Fuel = long.MaxValue }),
            new("hostile: deep recursion", "hostile/deep-recursion.wasm", "{}", ProbeGrants.None, Expectation.Error(ProbeErrorKind.Trap)),
            new("hostile: opens /etc/passwd", "hostile/filesystem-import.wasm", "{}", ProbeGrants.None, Expectation.Error(ProbeErrorKind.CapabilityNotGranted)),
        ];
    }

    /// <summary>A string as a JSON string literal.</summary>
    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, SampleJsonContext.Default.String);
}
