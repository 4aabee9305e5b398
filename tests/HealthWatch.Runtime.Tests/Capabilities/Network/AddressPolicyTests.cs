using System.Net;
using HealthWatch.Runtime.Capabilities.Network;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

public class AddressPolicyTests
{
    [TestCase("127.0.0.1", "loopback")]
    [TestCase("127.255.0.7", "loopback")]
    [TestCase("::1", "loopback")]
    [TestCase("10.1.2.3", "private")]
    [TestCase("172.16.0.1", "private")]
    [TestCase("172.31.255.255", "private")]
    [TestCase("192.168.1.1", "private")]
    [TestCase("100.64.0.1", "CGNAT")]
    [TestCase("100.127.255.254", "CGNAT")]
    [TestCase("169.254.1.1", "link-local")]
    [TestCase("169.254.169.254", "metadata")]
    [TestCase("fd00:ec2::254", "metadata")]
    [TestCase("fe80::1", "link-local")]
    [TestCase("fc00::1", "unique-local")]
    [TestCase("fd12:3456::1", "unique-local")]
    [TestCase("0.0.0.0", "unspecified")]
    [TestCase("::", "unspecified")]
    [TestCase("224.0.0.1", "multicast")]
    [TestCase("ff02::1", "multicast")]
    [TestCase("255.255.255.255", "broadcast")]
    [TestCase("240.0.0.1", "reserved")]
    [TestCase("::ffff:127.0.0.1", "loopback")]
    [TestCase("::ffff:10.0.0.1", "private")]
    [TestCase("::ffff:169.254.169.254", "metadata")]
    [TestCase("::127.0.0.1", "loopback")]
    [TestCase("::ffff:0:7f00:1", "loopback")]
    [TestCase("64:ff9b::a9fe:a9fe", "metadata")]
    [TestCase("2002:7f00:1::1", "loopback")]
    public void RestrictedRange_RestrictedAddress_NamesTheRange(string address, string expected) =>
        AddressPolicy.RestrictedRange(IPAddress.Parse(address)).Should().Contain(expected);

    [TestCase("93.184.216.34")]
    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("192.0.2.1")]
    [TestCase("2606:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("2002:808:808::1")]
    public void RestrictedRange_PublicAddress_IsNull(string address) =>
        AddressPolicy.RestrictedRange(IPAddress.Parse(address)).Should().BeNull();

    [TestCase("127.0.0.1:8080", "127.0.0.1", 8080, true)]
    [TestCase("127.0.0.1:8080", "::ffff:127.0.0.1", 8080, true)]
    [TestCase("127.0.0.1:8080", "127.0.0.1", 9090, false)]
    [TestCase("127.0.0.1", "127.0.0.2", 80, false)]
    [TestCase("localhost", "127.0.0.1", 80, true)]
    [TestCase("localhost", "::1", 80, true)]
    [TestCase("localhost:8080", "127.0.0.1", 9090, false)]
    [TestCase("localhost", "10.0.0.1", 80, false)]
    [TestCase("*.localhost", "127.0.0.1", 80, false)]
    [TestCase("[::1]:8080", "::1", 8080, true)]
    [TestCase("169.254.169.254", "169.254.169.254", 80, true)]
    [TestCase("*.example.com", "169.254.169.254", 80, false)]
    public void RefusalReason_AddressNamedOrNot_OpensOnlyTheNamedAddress(string pattern, string address, int port, bool open)
    {
        var allow = HostAllowList.Parse([pattern], "grants.http.allow", portsAllowed: true);

        var reason = allow.RefusalReason(IPAddress.Parse(address), port);

        if (open)
        {
            reason.Should().BeNull();
        }
        else
        {
            reason.Should().Contain("grants.http.allow does not name");
        }
    }

    [Test]
    public void RefusalReason_PublicAddress_IsOpenWithoutBeingNamed() =>
        HostAllowList.Parse(["*.example.com"], "grants.http.allow", portsAllowed: true)
            .RefusalReason(IPAddress.Parse("93.184.216.34"), 443).Should().BeNull();
}
