using System.Net;
using HealthWatch.Runtime.Capabilities.Network;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

public class HostPatternTests
{
    [TestCase("example.com", "example.com", 80, true)]
    [TestCase("example.com", "EXAMPLE.com.", 443, true)]
    [TestCase("example.com", "www.example.com", 80, false)]
    [TestCase("example.com:8080", "example.com", 8080, true)]
    [TestCase("example.com:8080", "example.com", 80, false)]
    [TestCase("*.example.com", "api.example.com", 80, true)]
    [TestCase("*.example.com", "a.b.example.com", 80, true)]
    [TestCase("*.example.com", "example.com", 80, false)]
    [TestCase("*.example.com", "badexample.com", 80, false)]
    [TestCase("*.example.com:8443", "api.example.com", 8443, true)]
    [TestCase("*.example.com:8443", "api.example.com", 443, false)]
    [TestCase("127.0.0.1", "127.0.0.1", 1234, true)]
    [TestCase("127.0.0.1:80", "127.0.0.1", 80, true)]
    [TestCase("[::1]:8080", "[::1]", 8080, true)]
    [TestCase("[::1]:8080", "::1", 8080, true)]
    [TestCase("::1", "0:0::1", 8080, true)]
    [TestCase("[::1]", "::1", 1, true)]
    [TestCase("127.0.0.1", "localhost", 80, false)]
    [TestCase("localhost", "127.0.0.1", 80, false)]
    [TestCase("bücher.example", "xn--bcher-kva.example", 80, true)]
    public void Matches_HostAndPort_FollowsThePattern(string pattern, string host, int port, bool expected)
    {
        var parsed = HostPattern.TryParse(pattern, portAllowed: true, out var problem);

        problem.Should().BeNull();
        parsed!.Matches(HostName.Parse(host)!.Value, port).Should().Be(expected);
    }

    [TestCase("", "empty")]
    [TestCase("*", "wildcard")]
    [TestCase("a.*.com", "wildcard")]
    [TestCase("example.com:0", "port")]
    [TestCase("example.com:65536", "port")]
    [TestCase("example.com:http", "port")]
    [TestCase("exa mple.com", "not a host name")]
    [TestCase("127.1", "not an IP address")]
    [TestCase("[::1", "IPv6")]
    [TestCase("[example.com]:80", "IPv6")]
    [TestCase("fe80::1%eth0", "not an IP address")]
    [TestCase("-bad.example", "not a host name")]
    public void TryParse_MalformedPattern_SaysWhy(string pattern, string problemPart)
    {
        HostPattern.TryParse(pattern, portAllowed: true, out var problem).Should().BeNull();

        problem.Should().Contain(problemPart);
    }

    [Test]
    public void TryParse_PortWhereNoneIsAllowed_IsRefused()
    {
        HostPattern.TryParse("example.com:53", portAllowed: false, out var problem).Should().BeNull();

        problem.Should().Contain("no port");
    }

    [Test]
    public void Parse_BadEntry_NamesItsIndex()
    {
        var act = () => HostAllowList.Parse(["a.example", "b.example", "c.example:x"], "grants.http.allow", portsAllowed: true);

        act.Should().Throw<HealthWatch.Runtime.Capabilities.ProbeConfigurationException>()
            .Which.Field.Should().Be("grants.http.allow[2]");
    }

    [Test]
    public void HostNameParse_NumericForms_AreAddresses() =>
        HostName.Parse("127.1")!.Value.Address.Should().Be(IPAddress.Parse("127.0.0.1"));
}
