using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

public class NetworkCapabilitiesTests
{
    [TestCase("http", "http_send", 2)]
    [TestCase("http", "http_wait", 2)]
    [TestCase("http", "http_response", 3)]
    [TestCase("http", "http_body", 4)]
    [TestCase("http", "http_body_json", 5)]
    [TestCase("http", "http_close", 1)]
    [TestCase("dns", "dns_resolve", 4)]
    [TestCase("tcp", "tcp_connect", 4)]
    public void Create_EveryImport_HasTheAbiType(string capability, string import, int i32Parameters)
    {
        var registry = new CapabilityRegistry();
        foreach (var network in NetworkCapabilities.Create())
        {
            registry.Register(network);
        }

        registry.TryGetImport("healthwatch", import, out var owner, out var hostImport).Should().BeTrue();

        owner!.Name.Should().Be(capability);
        hostImport!.Type.Should().Be(new FuncType(Enumerable.Repeat(ValType.I32, i32Parameters), [ValType.I32]));
    }

    [Test]
    public void Create_Capabilities_AreHttpDnsTcp() =>
        NetworkCapabilities.Create().Select(c => c.Name).Should().Equal("http", "dns", "tcp");
}
