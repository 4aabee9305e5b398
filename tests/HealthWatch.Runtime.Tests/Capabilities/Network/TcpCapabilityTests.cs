using System.Net;
using System.Net.Sockets;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

/// <summary>tcp_connect against a listener on 127.0.0.1.</summary>
public class TcpCapabilityTests
{
    private RawServer _server = null!;

    [SetUp]
    public void StartServer() => _server = new RawServer((_, _) => Task.CompletedTask);

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    public async Task Connect_GrantedLoopback_ReturnsMicrosecondsAndConnects(string host)
    {
        using var probe = Harness([$"{host}:{_server.Port}"], ("localhost", ["127.0.0.1"]));

        Connect(probe, host, _server.Port).Should().BeGreaterThanOrEqualTo(0);

        await Eventually(() => _server.Accepted == 1);
    }

    [Test]
    public async Task Connect_HostNotInGrant_IsNotAllowedAndNeverConnects()
    {
        using var probe = Harness([$"127.0.0.1:{_server.Port + 1}"]);

        Connect(probe, "127.0.0.1", _server.Port).Should().Be(ProbeErrorCodes.NotAllowed);

        probe.Logs.Should().Contain($"tcp_connect: 127.0.0.1:{_server.Port} is not in grants.tcp.allow");
        await Task.Delay(100);
        _server.Accepted.Should().Be(0);
    }

    [TestCase("127.0.0.1")]
    [TestCase("::ffff:127.0.0.1")]
    public async Task Connect_AllowedNameResolvingToLoopback_IsRefused(string address)
    {
        using var probe = Harness([$"db.test:{_server.Port}"], ("db.test", [address]));

        Connect(probe, "db.test", _server.Port).Should().Be(ProbeErrorCodes.NotAllowed);

        probe.Logs.Should().Contain(l => l.Contains("loopback", StringComparison.Ordinal));
        await Task.Delay(100);
        _server.Accepted.Should().Be(0);
    }

    [Test]
    public void Connect_NothingListening_IsNetworkError()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var probe = Harness([$"127.0.0.1:{port}"]);

        Connect(probe, "127.0.0.1", port).Should().Be(ProbeErrorCodes.Network);
    }

    [Test]
    public void Connect_ResolverNeverAnswers_TimesOut()
    {
        HostResolver hanging = (_, token) => Task.Delay(Timeout.Infinite, token).ContinueWith<IPAddress[]>(_ => throw new OperationCanceledException(token), TaskScheduler.Default);
        using var probe = new NetworkHarness(Grants([$"slow.test:{_server.Port}"]), new TcpCapability(hanging));

        Connect(probe, "slow.test", _server.Port, timeoutMs: 200).Should().Be(ProbeErrorCodes.TimedOut);
    }

    [TestCase(0)]
    [TestCase(65536)]
    [TestCase(-80)]
    public void Connect_BadPort_IsInvalid(int port)
    {
        using var probe = Harness(["127.0.0.1"]);

        Connect(probe, "127.0.0.1", port).Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void Connect_HostOutsideMemory_IsInvalid()
    {
        using var probe = Harness(["127.0.0.1"]);

        probe.Call("tcp_connect", NetworkHarness.MemoryBytes, 9, _server.Port, 1000).Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    private static int Connect(NetworkHarness probe, string host, int port, int timeoutMs = 5000)
    {
        var (address, length) = probe.Put(host);
        return probe.Call("tcp_connect", address, length, port, timeoutMs);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        condition().Should().BeTrue();
    }

    private static ProbeGrants Grants(string[] allow) => new ProbeGrants().Grant("tcp", new TcpGrant { Allow = allow });

    private static NetworkHarness Harness(string[] allow, params (string Name, string[] Addresses)[] names) =>
        new(Grants(allow), new TcpCapability(NetworkHarness.Resolver(names)));
}
