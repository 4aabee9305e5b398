namespace HealthWatch.Cli.Tests;

/// <summary><c>healthwatch run --manifest</c>: one file for module, config, grants and limits; flags override it.</summary>
public class RunManifestTests
{
    private LoopbackServer _server = null!;
    private string _scratch = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await LoopbackServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [SetUp]
    public void CreateScratchDirectory() => _scratch = Directory.CreateTempSubdirectory("healthwatch-cli-tests").FullName;

    [TearDown]
    public void DeleteScratchDirectory() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void Run_Manifest_RunsTheModuleItNamesWithItsConfigAndGrants()
    {
        File.Copy(Cli.Probe("http-status.wasm"), Path.Combine(_scratch, "probe.wasm"));
        var manifest = WriteManifest($$"""
            { "module": "probe.wasm",
              "config": { "url": "{{_server.Url("/health")}}" },
              "grants": { "http": { "allow": ["{{_server.HostAndPort}}"] } },
              "limits": { "timeoutMs": 10000 } }
            """);

        var result = Cli.Run("run", "--manifest", manifest);

        result.ShouldExit(0);
        result.Json.GetProperty("success").GetBoolean().Should().BeTrue();
    }

    [Test]
    public void Run_ManifestAndTimeoutFlag_TheFlagOverridesTheManifestsLimit()
    {
        var manifest = WriteManifest($$"""{ "module": "{{Json(Cli.Probe("hostile/infinite-loop.wasm"))}}", "limits": { "timeoutMs": 600000, "fuel": 9000000000000000000 } }""");

        var result = Cli.Run("run", "--manifest", manifest, "--timeout", "200");

        result.ShouldExit(1);
        result.Json.GetProperty("error").GetProperty("kind").GetString().Should().Be("timeout");
    }

    [Test]
    public void Run_ManifestAndModuleArgument_TheArgumentOverridesTheManifestsModule()
    {
        var manifest = WriteManifest("""{ "module": "missing.wasm", "config": { "name": "manifest" }, "grants": { "log": {} } }""");

        var result = Cli.Run("run", "--manifest", manifest, Cli.Probe("wasi-hello.wasm"));

        result.ShouldExit(0);
        result.Json.GetProperty("message").GetString().Should().Be("said hello to manifest");
    }

    [Test]
    public void Run_ManifestWithoutGrant_ReportsCapabilityNotGranted()
    {
        var manifest = WriteManifest($$"""{ "module": "{{Json(Cli.Probe("http-status.wasm"))}}", "config": { "url": "{{_server.Url("/health")}}" } }""");

        var result = Cli.Run("run", "--manifest", manifest);

        result.ShouldExit(6);
        result.Json.GetProperty("error").GetProperty("message").GetString().Should().Be("Capability not granted: http");
    }

    [Test]
    public void Run_ManifestWithUnknownField_ReportsInvalidConfigurationNamingTheField()
    {
        var manifest = WriteManifest("""{ "module": "probe.wasm", "grant": {} }""");

        var result = Cli.Run("run", "--manifest", manifest);

        result.ShouldExit(7);
        var json = result.Json;
        json.GetProperty("success").GetBoolean().Should().BeFalse();
        json.GetProperty("latencyMs").GetDouble().Should().Be(0);
        json.GetProperty("error").GetProperty("kind").GetString().Should().Be("invalidConfiguration");
        json.GetProperty("error").GetProperty("message").GetString().Should().StartWith("grant: ");
    }

    [Test]
    public void Run_ManifestWithBadGrantOption_ReportsTheCapabilitysOwnError()
    {
        var manifest = WriteManifest("""{ "module": "probe.wasm", "grants": { "http": { "allow": "127.0.0.1" } } }""");

        var result = Cli.Run("run", "--manifest", manifest);

        result.ShouldExit(7);
        result.Json.GetProperty("error").GetProperty("message").GetString().Should().StartWith("grants.http.allow");
    }

    [Test]
    public void Run_MissingManifest_ReportsInvalidConfiguration()
    {
        var result = Cli.Run("run", "--manifest", Path.Combine(_scratch, "missing.json"));

        result.ShouldExit(7);
        result.Json.GetProperty("error").GetProperty("message").GetString().Should().StartWith("cannot read manifest ");
    }

    private string WriteManifest(string json)
    {
        var path = Path.Combine(_scratch, "manifest.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A path as the inside of a JSON string.</summary>
    private static string Json(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);
}
