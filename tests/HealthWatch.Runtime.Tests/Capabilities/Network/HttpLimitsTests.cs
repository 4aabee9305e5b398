using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

/// <summary>Servers that misbehave on purpose (raw sockets on 127.0.0.1): big, endless, slow or broken answers.</summary>
public class HttpLimitsTests
{
    private const int Limit = 1000;

    [TestCase(Limit, 200)]
    [TestCase(Limit + 1, ProbeErrorCodes.TooLarge)]
    public async Task Body_WithContentLength_IsKeptUpToMaxResponseBytes(int size, int expected)
    {
        await using var server = new RawServer(async (stream, token) =>
        {
            await RawServer.ReadHeadAsync(stream, token);
            await RawServer.WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Length: {size}\r\n\r\n{new string('a', size)}", token);
        });
        using var probe = Harness(server.Port);

        var handle = probe.Get(server.Url());

        probe.Wait(handle).Should().Be(expected);
        if (expected == 200)
        {
            probe.Response(handle).GetProperty("bodyBytes").GetInt32().Should().Be(size);
        }
    }

    [TestCase("Transfer-Encoding: chunked\r\n")]
    [TestCase("Connection: close\r\n")]
    public async Task Body_NeverEnding_IsCutAtMaxResponseBytes(string framing)
    {
        var chunked = framing.StartsWith("Transfer", StringComparison.Ordinal);
        await using var server = new RawServer(async (stream, token) =>
        {
            await RawServer.WriteAsync(stream, $"HTTP/1.1 200 OK\r\n{framing}\r\n", token);
            var piece = new string('x', 256);
            while (true)
            {
                await RawServer.WriteAsync(stream, chunked ? $"100\r\n{piece}\r\n" : piece, token);
            }
        });
        using var probe = Harness(server.Port);

        var handle = probe.Get(server.Url());

        probe.Wait(handle).Should().Be(ProbeErrorCodes.TooLarge);
        probe.Logs.Should().Contain(l => l.Contains("over grants.http.maxResponseBytes", StringComparison.Ordinal));
    }

    [Test]
    public async Task Send_SlowLorisHeaders_EndsAtTheTimeout()
    {
        await using var server = new RawServer(async (stream, token) =>
        {
            await RawServer.ReadHeadAsync(stream, token);
            await RawServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\n", token);
            while (true)
            {
                await RawServer.WriteAsync(stream, "X", token);
                await Task.Delay(50, token);
            }
        });
        using var probe = Harness(server.Port);
        var clock = Stopwatch.StartNew();

        var handle = probe.Get(server.Url(), timeoutMs: 400);

        probe.Wait(handle, -1).Should().Be(ProbeErrorCodes.TimedOut);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task Send_SlowBody_EndsAtTheGrantTimeout()
    {
        await using var server = new RawServer(async (stream, token) =>
        {
            await RawServer.ReadHeadAsync(stream, token);
            await RawServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", token);
            while (true)
            {
                await RawServer.WriteAsync(stream, "y", token);
                await Task.Delay(50, token);
            }
        });
        using var probe = Harness(server.Port, grant => grant with { Timeout = TimeSpan.FromMilliseconds(400) });

        var handle = probe.Get(server.Url(), timeoutMs: 60_000);

        probe.Wait(handle, -1).Should().Be(ProbeErrorCodes.TimedOut);
        probe.Response(handle).GetProperty("error").GetString().Should().Contain("400 ms");
    }

    [Test]
    public async Task Send_GarbageResponse_IsNetworkError()
    {
        await using var server = new RawServer(async (stream, token) =>
        {
            await RawServer.ReadHeadAsync(stream, token);
            await RawServer.WriteAsync(stream, "SSH-2.0-OpenSSH_9.6\r\n\r\n", token);
        });
        using var probe = Harness(server.Port);

        var handle = probe.Get(server.Url());

        probe.Wait(handle).Should().Be(ProbeErrorCodes.Network);
        probe.Response(handle).GetProperty("status").GetInt32().Should().Be(0);
    }

    [Test]
    public void Send_NothingListening_IsNetworkError()
    {
        var port = FreePort();
        using var probe = Harness(port);

        probe.Wait(probe.Get($"http://127.0.0.1:{port}/")).Should().Be(ProbeErrorCodes.Network);

        probe.Logs.Should().Contain(l => l.Contains("refused", StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public async Task Send_HostNotInGrant_NeverConnects()
    {
        await using var server = new RawServer((_, _) => Task.CompletedTask);
        using var probe = Harness(FreePort());

        probe.Get(server.Url()).Should().Be(ProbeErrorCodes.NotAllowed);
        probe.Get(server.Url(host: "localhost")).Should().Be(ProbeErrorCodes.NotAllowed);

        probe.Logs.Should().Contain($"http_send: GET {server.Url()} refused: 127.0.0.1:{server.Port} is not in grants.http.allow");
        await Task.Delay(100);
        server.Accepted.Should().Be(0);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static NetworkHarness Harness(int port, Func<HttpGrant, HttpGrant>? configure = null)
    {
        var grant = new HttpGrant { Allow = [$"127.0.0.1:{port}"], MaxResponseBytes = Limit };
        return new NetworkHarness(new ProbeGrants().Grant("http", configure?.Invoke(grant) ?? grant), new HttpCapability(NetworkHarness.Resolver()));
    }
}
