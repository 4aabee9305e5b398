using System.Text.Json;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

public class GrantParsingTests
{
    // Parsing resolves nothing, so a resolver that knows no name will do.
    private static readonly HttpCapability Http = new(NetworkHarness.Resolver());
    private static readonly DnsCapability Dns = new(NetworkHarness.Resolver());
    private static readonly TcpCapability Tcp = new(NetworkHarness.Resolver());

    [Test]
    public void ParseGrant_FullHttpGrant_ReadsEveryOption()
    {
        var grant = (HttpGrant)Http.ParseGrant(Json("""
            {"allow": ["api.example.com", "*.example.net:8443", "[::1]:8080"], "methods": ["get", "POST"],
             "maxRequestBytes": 1000, "maxResponseBytes": 2000, "timeoutMs": 1500, "maxRedirects": 0, "maxInFlight": 3}
            """));

        grant.Allow.Should().Equal("api.example.com", "*.example.net:8443", "[::1]:8080");
        grant.Methods.Should().Equal("get", "POST");
        grant.MaxRequestBytes.Should().Be(1000);
        grant.MaxResponseBytes.Should().Be(2000);
        grant.Timeout.Should().Be(TimeSpan.FromMilliseconds(1500));
        grant.MaxRedirects.Should().Be(0);
        grant.MaxInFlight.Should().Be(3);
        grant.Compile().Methods.Should().BeEquivalentTo("GET", "POST");
    }

    [Test]
    public void ParseGrant_OnlyAllow_UsesTheDefaults()
    {
        var grant = (HttpGrant)Http.ParseGrant(Json("""{"allow": ["example.com"]}"""));

        grant.Should().BeEquivalentTo(new HttpGrant { Allow = ["example.com"] });
        grant.Methods.Should().Equal("GET", "HEAD");
        grant.MaxRequestBytes.Should().Be(64 * 1024);
        grant.MaxResponseBytes.Should().Be(1024 * 1024);
        grant.Timeout.Should().Be(TimeSpan.FromSeconds(10));
        grant.MaxRedirects.Should().Be(5);
        grant.MaxInFlight.Should().Be(16);
    }

    [TestCase("""{"allow": ["a.example", "b.example", "bad host"]}""", "grants.http.allow[2]")]
    [TestCase("""{"allow": ["a.example", 7]}""", "grants.http.allow[1]")]
    [TestCase("""{"allow": "a.example"}""", "grants.http.allow")]
    [TestCase("""{"methods": ["GET"]}""", "grants.http.allow")]
    [TestCase("""{"allow": [], "methods": ["GET", "BAD METHOD"]}""", "grants.http.methods[1]")]
    [TestCase("""{"allow": [], "maxResponseBytes": -1}""", "grants.http.maxResponseBytes")]
    [TestCase("""{"allow": [], "maxRequestBytes": 0}""", "grants.http.maxRequestBytes")]
    [TestCase("""{"allow": [], "timeoutMs": 0}""", "grants.http.timeoutMs")]
    [TestCase("""{"allow": [], "timeoutMs": "10s"}""", "grants.http.timeoutMs")]
    [TestCase("""{"allow": [], "maxRedirects": 1.5}""", "grants.http.maxRedirects")]
    [TestCase("""{"allow": [], "maxInFlight": 0}""", "grants.http.maxInFlight")]
    [TestCase("""{"allow": [], "proxy": "x"}""", "grants.http.proxy")]
    [TestCase("""["a.example"]""", "grants.http")]
    public void ParseGrant_BadHttpGrant_NamesTheField(string json, string field) =>
        FieldOf(() => Http.ParseGrant(Json(json))).Should().Be(field);

    [TestCase("""{"allow": ["db.example", "*.example.com"], "timeoutMs": 250}""")]
    public void ParseGrant_DnsGrant_ReadsAllowAndTimeout(string json)
    {
        var grant = (DnsGrant)Dns.ParseGrant(Json(json));

        grant.Allow.Should().Equal("db.example", "*.example.com");
        grant.Timeout.Should().Be(TimeSpan.FromMilliseconds(250));
    }

    [TestCase("""{"allow": ["db.example:53"]}""", "grants.dns.allow[0]")]
    [TestCase("""{}""", "grants.dns.allow")]
    [TestCase("""{"allow": [], "servers": []}""", "grants.dns.servers")]
    public void ParseGrant_BadDnsGrant_NamesTheField(string json, string field) =>
        FieldOf(() => Dns.ParseGrant(Json(json))).Should().Be(field);

    [Test]
    public void ParseGrant_TcpGrant_ReadsAllowAndTimeout()
    {
        var grant = (TcpGrant)Tcp.ParseGrant(Json("""{"allow": ["db.example:5432", "127.0.0.1:6379"], "timeoutMs": 2000}"""));

        grant.Allow.Should().Equal("db.example:5432", "127.0.0.1:6379");
        grant.Timeout.Should().Be(TimeSpan.FromSeconds(2));
    }

    [TestCase("""{"allow": ["db.example:5432", "db.example:99999"]}""", "grants.tcp.allow[1]")]
    [TestCase("""{"allow": [], "timeoutMs": -5}""", "grants.tcp.timeoutMs")]
    public void ParseGrant_BadTcpGrant_NamesTheField(string json, string field) =>
        FieldOf(() => Tcp.ParseGrant(Json(json))).Should().Be(field);

    [Test]
    public void Compile_GrantBuiltInCode_IsValidatedLikeJson()
    {
        var act = () => new HttpGrant { Allow = ["ok.example"], Timeout = TimeSpan.Zero }.Compile();

        act.Should().Throw<ProbeConfigurationException>().Which.Field.Should().Be("grants.http.timeoutMs");
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static string FieldOf(Func<object> parse) =>
        parse.Should().Throw<ProbeConfigurationException>().Which.Field;
}
