namespace HealthWatch.Cli.Tests;

/// <summary><c>healthwatch run</c> of the http-status sample probe against a loopback server, with and without the grant.</summary>
public class RunHttpTests
{
    private LoopbackServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await LoopbackServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCase("http-status.wasm")]
    [TestCase("http-status-as.wasm")]
    public void Run_HttpStatusWithAllowHttp_PrintsSuccessfulResult(string probe)
    {
        var result = Cli.Run("run", Cli.Probe(probe), "--config", Config("/health"), "--allow-http", _server.HostAndPort);

        result.ShouldExit(0);
        var json = result.Json;
        json.GetProperty("success").GetBoolean().Should().BeTrue();
        json.GetProperty("message").GetString().Should().StartWith("200 OK in ");
        json.GetProperty("metrics").GetProperty("status").GetDouble().Should().Be(200);
        json.GetProperty("latencyMs").GetDouble().Should().BePositive();
        json.GetProperty("usage").GetProperty("hostCalls").GetInt32().Should().BePositive();
        json.TryGetProperty("error", out _).Should().BeFalse();
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public void Run_HttpStatusWithoutGrant_ReportsCapabilityNotGrantedAsJson()
    {
        var result = Cli.Run("run", Cli.Probe("http-status.wasm"), "--config", Config("/health"));

        result.ShouldExit(6);
        var json = result.Json;
        json.GetProperty("success").GetBoolean().Should().BeFalse();
        json.GetProperty("latencyMs").GetDouble().Should().Be(0);
        json.GetProperty("error").GetProperty("kind").GetString().Should().Be("capabilityNotGranted");
        json.GetProperty("error").GetProperty("message").GetString().Should().Be("Capability not granted: http");
    }

    [Test]
    public void Run_AllowHttpForAnotherPort_ProbeRunsButTheRequestIsRefused()
    {
        var result = Cli.Run("run", Cli.Probe("http-status.wasm"), "--config", Config("/health"), "--allow-http", "127.0.0.1:1");

        result.ShouldExit(1);
        result.Json.GetProperty("success").GetBoolean().Should().BeFalse();
        result.Json.GetProperty("message").GetString().Should().StartWith("request refused");
    }

    [Test]
    public void Run_ServerAnswers500_ProbeFailsWithExitCodeOne()
    {
        var result = Cli.Run("run", Cli.Probe("http-status.wasm"), "--config", Config("/error"), "--allow-http", _server.HostAndPort);

        result.ShouldExit(1);
        result.Json.GetProperty("success").GetBoolean().Should().BeFalse();
        result.Json.GetProperty("message").GetString().Should().StartWith("500, expected 200,");
        result.Json.TryGetProperty("error", out _).Should().BeFalse("the probe ran and reported its own verdict");
    }

    [Test]
    public void Run_ConfigFromFile_ReadsTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Config("/health"));

            var result = Cli.Run("run", Cli.Probe("http-status.wasm"), "--config", $"@{path}", "--allow-http", _server.HostAndPort);

            result.ShouldExit(0);
            result.Json.GetProperty("success").GetBoolean().Should().BeTrue();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Run_JsonAssert_ComparesTheBodysValue()
    {
        var config = $$"""{"url":"{{_server.Url("/health")}}","path":"version","equals":"1.2.3"}""";

        var result = Cli.Run("run", Cli.Probe("json-assert.wasm"), "--config", config, "--allow-http", _server.HostAndPort);

        result.ShouldExit(0);
        result.Json.GetProperty("success").GetBoolean().Should().BeTrue();
    }

    [Test]
    public void Run_TcpConnectWithAllowJson_GrantsThroughTheCapabilitysParser()
    {
        var config = $$"""{"host":"127.0.0.1","port":{{_server.BaseUri.Port}}}""";

        var result = Cli.Run("run", Cli.Probe("tcp-connect.wasm"), "--config", config, "--allow", $$"""tcp={"allow":["{{_server.HostAndPort}}"]}""");

        result.ShouldExit(0);
        result.Json.GetProperty("message").GetString().Should().StartWith($"{_server.HostAndPort} open in ");
    }

    private string Config(string path) => $$"""{"url":"{{_server.Url(path)}}"}""";
}
