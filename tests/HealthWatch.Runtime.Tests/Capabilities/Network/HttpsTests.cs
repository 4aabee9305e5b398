using System.Security.Cryptography.X509Certificates;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

/// <summary>https against Kestrel with a certificate made for the test, which only the test's capability trusts.</summary>
public class HttpsTests
{
    private X509Certificate2 _certificate = null!;
    private KestrelServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _certificate = KestrelServer.CreateCertificate();
        _server = await KestrelServer.StartAsync(app => app.MapGet("/ok", context => context.Response.WriteAsync("secure")), _certificate);
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Test]
    public void Send_TrustedServer_ReportsTheTlsHandshakeTime()
    {
        using var probe = Harness(trustTestCertificate: true);

        var handle = probe.Get(_server.Url("/ok"));

        probe.Wait(handle).Should().Be(200);
        probe.Body(handle).Should().Be("secure");
        var timings = probe.Response(handle).GetProperty("timings");
        timings.GetProperty("tlsMs").GetDouble().Should().BeGreaterThan(0);
        timings.GetProperty("firstByteMs").GetDouble().Should().BeGreaterThan(timings.GetProperty("tlsMs").GetDouble());
    }

    [Test]
    public void Send_ReusedConnection_ReportsNoNewHandshake()
    {
        using var probe = Harness(trustTestCertificate: true);
        probe.Wait(probe.Get(_server.Url("/ok"))).Should().Be(200);

        var second = probe.Get(_server.Url("/ok"));

        probe.Wait(second).Should().Be(200);
        probe.Response(second).GetProperty("timings").GetProperty("tlsMs").GetDouble().Should().Be(0);
    }

    [Test]
    public void Send_UntrustedCertificate_IsNetworkError()
    {
        using var probe = Harness(trustTestCertificate: false);

        var handle = probe.Get(_server.Url("/ok"));

        probe.Wait(handle).Should().Be(ProbeErrorCodes.Network);
        probe.Response(handle).GetProperty("error").GetString().Should().Contain("SSL");
    }

    private NetworkHarness Harness(bool trustTestCertificate)
    {
        var thumbprint = _certificate.Thumbprint;
        var capability = new HttpCapability(
            NetworkHarness.Resolver(),
            trustTestCertificate ? (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint : null);
        return new NetworkHarness(new ProbeGrants().Grant("http", new HttpGrant { Allow = [$"127.0.0.1:{_server.Port}"] }), capability);
    }
}
