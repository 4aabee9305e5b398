using System.Diagnostics;
using HealthWatch.Runtime.Probes;
using HealthWatch.Runtime.Tests.Capabilities.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HealthWatch.Runtime.Tests.Hostile;

/// <summary>
/// The sample http-status and tcp-connect probes against hostile servers and names, end to end through the runtime:
/// each failure reaches the probe as the ABI's error code (the probe's message is that code's text, and the host's
/// log says why), or fails the run with its error kind; then a good probe runs.
/// </summary>
public sealed class HostileServerTests : HostileTestBase
{
    private const int MaxResponseBytes = 64 * 1024;

    [Test]
    public async Task GiantBody_AnnouncedByContentLength_FailsAsTooLargeWithoutReadingIt()
    {
        await using var server = new RawServer(async (stream, token) =>
        {
            await RawServer.ReadHeadAsync(stream, token);
            await RawServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n", token);
            await Task.Delay(Timeout.Infinite, token);
        });

        var result = await GetAsync(server.Url());

        result.Message.Should().Be("request failed: too large");
        result.Logs.Should().Contain(l => l.Message.Contains("over grants.http.maxResponseBytes", StringComparison.Ordinal));
        await AssertHealthyAsync();
    }

    [TestCase("Transfer-Encoding: chunked\r\n")]
    [TestCase("Connection: close\r\n")]
    public async Task NeverEndingBody_IsCutAtMaxResponseBytes(string framing)
    {
        var chunked = framing.StartsWith("Transfer", StringComparison.Ordinal);
        await using var server = new RawServer(async (stream, token) =>
        {
            await RawServer.ReadHeadAsync(stream, token);
            await RawServer.WriteAsync(stream, $"HTTP/1.1 200 OK\r\n{framing}\r\n", token);
            var piece = new string('x', 4096);
            while (true)
            {
                await RawServer.WriteAsync(stream, chunked ? $"1000\r\n{piece}\r\n" : piece, token);
            }
        });

        var result = await GetAsync(server.Url());

        result.Message.Should().Be("request failed: too large");
        await AssertHealthyAsync();
    }

    [Test]
    public async Task SlowLoris_HeadersForever_EndsAtTheGrantsTimeout()
    {
        await using var server = SlowLoris();

        var result = await GetAsync(server.Url(), grantTimeoutMs: 300);

        result.Message.Should().Be("request failed: timed out");
        result.Logs.Should().Contain(l => l.Message.Contains("no complete answer within 300 ms", StringComparison.Ordinal));
        await AssertHealthyAsync();
    }

    [Test]
    public async Task SlowLoris_HeadersForever_EndsAtTheRunsTimeout()
    {
        await using var server = SlowLoris();
        var clock = Stopwatch.StartNew();

        var result = await GetAsync(server.Url(), limits: ProbeLimits.Default with { Timeout = TimeSpan.FromMilliseconds(300) });

        result.Error!.Kind.Should().Be(ProbeErrorKind.Timeout);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the host call waiting on the server gives up with the run");
        await AssertHealthyAsync();
    }

    [TestCase("metadata.test")]
    [TestCase("private.test")]
    [TestCase("rebind.test")]
    public async Task RedirectChain_EndingAtANameOfARestrictedAddress_IsRefusedBeforeConnecting(string name)
    {
        // The last hop is a name the grant allows (*.test) that resolves to a restricted address; for loopback, on
        // another port than the one the grant opens by naming 127.0.0.1.
        await using var target = new RawServer((_, _) => Task.CompletedTask);
        var requests = Server.Requests;

        var result = await GetAsync(Server.Url($"/chain/3?to={Uri.EscapeDataString(target.Url("/", name))}"), allow: [$"127.0.0.1:{Server.Port}", "*.test"]);

        result.Message.Should().Be("request failed: not allowed by the grant");
        result.Logs.Should().Contain(l => l.Message.Contains("resolved only to refused addresses", StringComparison.Ordinal));
        Server.Requests.Should().Be(requests + 4, "three hops of the chain and its redirect out");
        target.Accepted.Should().Be(0);
        await AssertHealthyAsync();
    }

    [TestCase("http://169.254.169.254/latest/meta-data/")]
    [TestCase("http://10.0.0.1/")]
    [TestCase("http://[::1]/")]
    public async Task RedirectChain_EndingAtARestrictedLiteral_IsRefused(string literal)
    {
        var result = await GetAsync(Server.Url($"/chain/3?to={Uri.EscapeDataString(literal)}"), allow: [$"127.0.0.1:{Server.Port}", "*.test"]);

        result.Message.Should().Be("request failed: not allowed by the grant");
        await AssertHealthyAsync();
    }

    [TestCase("rebind.test")]
    [TestCase("rebind-v6.test")]
    [TestCase("rebind-mapped.test")]
    public async Task HttpToANameResolvingToLoopback_LoopbackNotGranted_IsRefusedWithoutConnecting(string name)
    {
        var connections = Server.Connections;

        var result = await GetAsync(Server.Url("/health", name), allow: [$"{name}:{Server.Port}"]);

        result.Message.Should().Be("request failed: not allowed by the grant");
        Server.Connections.Should().Be(connections);
        await AssertHealthyAsync();
    }

    [Test]
    public async Task TcpToANameResolvingToLoopback_LoopbackNotGranted_IsRefusedWithoutConnecting()
    {
        await using var server = new RawServer((_, _) => Task.CompletedTask);
        var grants = Grants($$$"""{"tcp":{"allow":["rebind.test:{{{server.Port}}}"]}}""");

        var result = await RunAsync("tcp-connect", $$"""{"host":"rebind.test","port":{{server.Port}}}""", grants);

        result.Success.Should().BeFalse();
        result.Message.Should().Be($"rebind.test:{server.Port}: not allowed by the grant");
        server.Accepted.Should().Be(0);
        await AssertHealthyAsync();
    }

    protected override void Map(WebApplication app) => app.MapGet("/chain/{n:int}", context =>
    {
        var n = int.Parse((string)context.GetRouteValue("n")!, System.Globalization.CultureInfo.InvariantCulture);
        var to = context.Request.Query["to"].ToString();
        context.Response.Redirect(n == 0 ? to : $"/chain/{n - 1}?to={Uri.EscapeDataString(to)}");
        return Task.CompletedTask;
    });

    /// <summary>A server that sends a status line and then one header byte every 50 ms, forever.</summary>
    private static RawServer SlowLoris() => new(async (stream, token) =>
    {
        await RawServer.ReadHeadAsync(stream, token);
        await RawServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\n", token);
        while (true)
        {
            await RawServer.WriteAsync(stream, "X", token);
            await Task.Delay(50, token);
        }
    });

    private Task<ProbeResult> GetAsync(string url, string[]? allow = null, int grantTimeoutMs = 10_000, ProbeLimits? limits = null)
    {
        var patterns = allow ?? [new Uri(url).Authority];
        var grants = Grants($$$"""
            {"http":{"allow":[{{{string.Join(",", patterns.Select(a => $"\"{a}\""))}}}],"maxResponseBytes":{{{MaxResponseBytes}}},"maxRedirects":10,"timeoutMs":{{{grantTimeoutMs}}}}}
            """);
        return RunAsync("http-status", $$"""{"url":"{{url}}"}""", grants, limits);
    }
}
