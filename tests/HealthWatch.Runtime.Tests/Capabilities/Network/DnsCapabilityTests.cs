using System.Net;
using System.Text.Json;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

public class DnsCapabilityTests
{
    [Test]
    public void Resolve_AllowedName_ReturnsItsAddressesAndDuration()
    {
        using var probe = Harness(["db.test"], ("db.test", ["10.0.0.5", "2001:db8::5"]));

        var answer = Resolve(probe, "db.test");

        answer.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()).Should().Equal("10.0.0.5", "2001:db8::5");
        answer.GetProperty("durationMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
    }

    [Test]
    public void Resolve_NameBelowAWildcard_IsAllowed()
    {
        using var probe = Harness(["*.example.test"], ("API.example.test", ["192.0.2.1"]));

        Resolve(probe, "API.example.test").GetProperty("addresses")[0].GetString().Should().Be("192.0.2.1");
    }

    [Test]
    public void Resolve_AddressLiteral_AnswersItselfWithoutAResolver()
    {
        using var probe = Harness(["127.0.0.1"]);

        Resolve(probe, "127.0.0.1").GetProperty("addresses")[0].GetString().Should().Be("127.0.0.1");
    }

    [Test]
    public void Resolve_NameOutsideTheGrant_IsNotAllowedAndNeverAsked()
    {
        var asked = 0;
        HostResolver resolver = (_, _) =>
        {
            Interlocked.Increment(ref asked);
            return Task.FromResult(new[] { IPAddress.Loopback });
        };
        using var probe = new NetworkHarness(Grants(["db.test"]), new DnsCapability(resolver));
        var (address, length) = probe.Put("other.test");

        probe.CallForText("dns_resolve", address, length).Result.Should().Be(ProbeErrorCodes.NotAllowed);

        asked.Should().Be(0);
        probe.Logs.Should().Contain("dns_resolve: other.test is not in grants.dns.allow");
    }

    [Test]
    public void Resolve_UnknownName_IsNetworkError()
    {
        using var probe = Harness(["*.test"]);
        var (address, length) = probe.Put("missing.test");

        probe.CallForText("dns_resolve", address, length).Result.Should().Be(ProbeErrorCodes.Network);
        probe.Logs.Should().Contain(l => l.Contains("HostNotFound", StringComparison.Ordinal));
    }

    [Test]
    public void Resolve_ResolverNeverAnswers_TimesOutAtTheGrantTimeout()
    {
        HostResolver hanging = (_, token) => Task.Delay(Timeout.Infinite, token).ContinueWith<IPAddress[]>(_ => throw new OperationCanceledException(token), TaskScheduler.Default);
        using var probe = new NetworkHarness(
            new ProbeGrants().Grant("dns", new DnsGrant { Allow = ["slow.test"], Timeout = TimeSpan.FromMilliseconds(200) }),
            new DnsCapability(hanging));
        var (address, length) = probe.Put("slow.test");

        probe.CallForText("dns_resolve", address, length).Result.Should().Be(ProbeErrorCodes.TimedOut);
    }

    [Test]
    public void Resolve_SmallBuffer_ReturnsTheFullLength()
    {
        using var probe = Harness(["db.test"], ("db.test", ["10.0.0.5"]));
        var (address, length) = probe.Put("db.test");
        var buffer = probe.Allocate(8);

        // Each answer has its own durationMs, so only its shape is known: {"addresses":["10.0.0.5"],"durationMs":...}.
        probe.Call("dns_resolve", address, length, buffer, 8).Should().BeGreaterThan("""{"addresses":["10.0.0.5"],"durationMs":0}""".Length - 1);
        probe.Read(buffer, 8).Should().Be("{\"addres");
    }

    [TestCase(-1, 4)]
    [TestCase(0, int.MaxValue)]
    public void Resolve_NameOutsideMemory_IsInvalid(int address, int length)
    {
        using var probe = Harness(["db.test"]);

        probe.CallForText("dns_resolve", address, length).Result.Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void Resolve_SystemResolverForLocalhost_AnswersLoopback()
    {
        using var probe = new NetworkHarness(Grants(["localhost"]), new DnsCapability(SafeConnector.SystemResolver));

        var addresses = Resolve(probe, "localhost").GetProperty("addresses").EnumerateArray().Select(a => IPAddress.Parse(a.GetString()!));

        addresses.Should().NotBeEmpty().And.OnlyContain(a => IPAddress.IsLoopback(a));
    }

    private static JsonElement Resolve(NetworkHarness probe, string name)
    {
        var (address, length) = probe.Put(name);
        var (result, text) = probe.CallForText("dns_resolve", address, length);
        result.Should().BePositive();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static ProbeGrants Grants(string[] allow) => new ProbeGrants().Grant("dns", new DnsGrant { Allow = allow });

    private static NetworkHarness Harness(string[] allow, params (string Name, string[] Addresses)[] names) =>
        new(Grants(allow), new DnsCapability(NetworkHarness.Resolver(names)));
}
