using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthWatch.Cli.Tests.Sidecar;

/// <summary>The probe methods: module/load and unload, probe/run, probe/schedule and probe/cancel, against a loopback server.</summary>
public class SidecarProbeTests
{
    private LoopbackServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await LoopbackServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task ModuleLoad_Path_ReturnsIdImportsAndRequiredCapabilities()
    {
        await using var session = new SidecarSession();

        var result = (await session.RequestAsync("module/load", PathParams("http-status.wasm"))).GetProperty("result");

        result.GetProperty("moduleId").GetString().Should().NotBeNullOrEmpty();
        result.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).Should().Contain("http");
        var import = result.GetProperty("imports").EnumerateArray().First();
        import.GetProperty("module").GetString().Should().NotBeNullOrEmpty();
        import.GetProperty("name").GetString().Should().NotBeNullOrEmpty();
        import.GetProperty("kind").GetString().Should().Be("function");
    }

    [Test]
    public async Task ModuleLoad_Base64Bytes_RunsLikeAFile()
    {
        await using var session = new SidecarSession();
        var bytes = Convert.ToBase64String(await File.ReadAllBytesAsync(Cli.Probe("http-status.wasm")));

        var moduleId = (await session.RequestAsync("module/load", new JsonObject { ["bytes"] = bytes }.ToJsonString())).GetProperty("result").GetProperty("moduleId").GetString();
        var result = await RunAsync(session, moduleId!, HttpGrant());

        result.GetProperty("success").GetBoolean().Should().BeTrue();
    }

    [TestCase("{}", TestName = "ModuleLoad_NeitherPathNorBytes_InvalidParams")]
    [TestCase("""{"path":"/nonexistent/probe.wasm"}""", TestName = "ModuleLoad_MissingFile_InvalidParams")]
    [TestCase("""{"bytes":"not base64!"}""", TestName = "ModuleLoad_BadBase64_InvalidParams")]
    [TestCase("""{"bytes":"AAAAAA=="}""", TestName = "ModuleLoad_NotAModule_InvalidParams")]
    public async Task ModuleLoad_BadModule_InvalidParams(string parameters)
    {
        await using var session = new SidecarSession();

        var response = await session.RequestAsync("module/load", parameters);

        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32602);
    }

    [Test]
    public async Task ProbeRun_WithHttpGrant_ReturnsTheSuccessfulProbeResult()
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "http-status.wasm");

        var result = await RunAsync(session, moduleId, HttpGrant());

        result.GetProperty("success").GetBoolean().Should().BeTrue();
        result.GetProperty("message").GetString().Should().StartWith("200 OK in ");
        result.GetProperty("metrics").GetProperty("status").GetDouble().Should().Be(200);
        result.GetProperty("usage").GetProperty("hostCalls").GetInt32().Should().BePositive();
    }

    [Test]
    public async Task ProbeRun_SameRunAsTheCli_SameJsonFields()
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "http-status.wasm");

        var sidecar = await RunAsync(session, moduleId, HttpGrant());
        var cli = Cli.Run("run", Cli.Probe("http-status.wasm"), "--config", Config(), "--allow-http", _server.HostAndPort).Json;

        Names(sidecar).Should().Equal(Names(cli));
        Names(sidecar.GetProperty("usage")).Should().Equal(Names(cli.GetProperty("usage")));
    }

    [Test]
    public async Task ProbeRun_WithoutGrant_CapabilityNotGrantedResult()
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "http-status.wasm");

        var result = await RunAsync(session, moduleId, "{}");

        result.GetProperty("success").GetBoolean().Should().BeFalse();
        result.GetProperty("error").GetProperty("kind").GetString().Should().Be("capabilityNotGranted");
        result.GetProperty("error").GetProperty("message").GetString().Should().Be("Capability not granted: http");
    }

    [Test]
    public async Task ProbeRun_GrantForAnotherPort_RequestRefusedResult()
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "http-status.wasm");

        var result = await RunAsync(session, moduleId, """{"http":{"allow":["127.0.0.1:1"]}}""");

        result.GetProperty("success").GetBoolean().Should().BeFalse();
        result.GetProperty("message").GetString().Should().StartWith("request refused");
    }

    [TestCase("""{"grants":{"http":{"allow":5}}}""", TestName = "ProbeRun_MalformedGrant_InvalidConfigurationResult")]
    [TestCase("""{"grants":{"teleport":{}}}""", TestName = "ProbeRun_UnknownCapability_InvalidConfigurationResult")]
    [TestCase("""{"limits":{"fuel":0}}""", TestName = "ProbeRun_BadLimit_InvalidConfigurationResult")]
    [TestCase("""{"config":"url"}""", TestName = "ProbeRun_ConfigNotAnObject_InvalidConfigurationResult")]
    public async Task ProbeRun_BadRunParameters_InvalidConfigurationResult(string fields)
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "http-status.wasm");

        var response = await session.RequestAsync("probe/run", $$"""{"moduleId":"{{moduleId}}",{{fields[1..]}}""");

        var result = response.GetProperty("result");
        result.GetProperty("success").GetBoolean().Should().BeFalse();
        result.GetProperty("error").GetProperty("kind").GetString().Should().Be("invalidConfiguration");
    }

    [Test]
    public async Task ProbeRun_Trap_TrapResult()
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "hostile/trap.wasm");

        var result = (await session.RequestAsync("probe/run", $$"""{"moduleId":"{{moduleId}}"}""")).GetProperty("result");

        result.GetProperty("success").GetBoolean().Should().BeFalse();
        result.GetProperty("error").GetProperty("kind").GetString().Should().Be("trap");
    }

    [Test]
    public async Task ProbeRun_SlowProbeUnderWay_OtherRequestsAnswerFirst()
    {
        await using var session = new SidecarSession();
        var loop = await LoadAsync(session, "hostile/infinite-loop.wasm");
        var http = await LoadAsync(session, "http-status.wasm");

        var slow = session.RequestAsync("probe/run", $$$"""{"moduleId":"{{{loop}}}","limits":{"timeoutMs":3000,"fuel":9000000000000000000}}""");
        var fast = await RunAsync(session, http, HttpGrant());

        fast.GetProperty("success").GetBoolean().Should().BeTrue();
        slow.IsCompleted.Should().BeFalse("runs are concurrent");
        (await slow).GetProperty("result").GetProperty("error").GetProperty("kind").GetString().Should().Be("timeout");
    }

    [Test]
    public async Task ProbeRun_CancelRequestNotification_AnswersWithTheCancelledResult()
    {
        await using var session = new SidecarSession();
        var loop = await LoadAsync(session, "hostile/infinite-loop.wasm");
        var response = session.Expect("\"slow\"");
        await session.SendAsync($$$$"""{"jsonrpc":"2.0","id":"slow","method":"probe/run","params":{"moduleId":"{{{{loop}}}}","limits":{"timeoutMs":20000,"fuel":9000000000000000000}}}""");

        await Task.Delay(200);
        await session.SendAsync("""{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"slow"}}""");

        var result = (await response.WaitAsync(TimeSpan.FromSeconds(10))).GetProperty("result");
        result.GetProperty("success").GetBoolean().Should().BeFalse();
        result.GetProperty("error").GetProperty("kind").GetString().Should().Be("cancelled");
    }

    [Test]
    public async Task ModuleUnload_ThenRun_UnknownModuleInvalidParams()
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "http-status.wasm");

        var unload = await session.RequestAsync("module/unload", $$"""{"moduleId":"{{moduleId}}"}""");
        var run = await session.RequestAsync("probe/run", $$"""{"moduleId":"{{moduleId}}"}""");
        var again = await session.RequestAsync("module/unload", $$"""{"moduleId":"{{moduleId}}"}""");

        unload.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Null);
        run.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32602);
        again.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32602);
    }

    [Test]
    public async Task ProbeSchedule_ThenCancel_ResultsUntilCancelledThenNone()
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "http-status.wasm");

        var scheduled = await session.RequestAsync("probe/schedule", $$"""{"moduleId":"{{moduleId}}","config":{{Config()}},"grants":{{HttpGrant()}},"intervalMs":20}""");
        var scheduleId = scheduled.GetProperty("result").GetProperty("scheduleId").GetString();
        var first = await session.NextOtherAsync();
        var second = await session.NextOtherAsync();
        var cancelled = await session.RequestAsync("probe/cancel", $$"""{"scheduleId":"{{scheduleId}}"}""");
        while (await session.AnyOtherWithinAsync(TimeSpan.Zero))
        {
            // Results sent before the cancel was answered.
        }

        foreach (var notification in new[] { first, second })
        {
            notification.GetProperty("method").GetString().Should().Be("probe/result");
            notification.TryGetProperty("id", out _).Should().BeFalse();
            notification.GetProperty("params").GetProperty("scheduleId").GetString().Should().Be(scheduleId);
            notification.GetProperty("params").GetProperty("result").GetProperty("success").GetBoolean().Should().BeTrue();
        }

        cancelled.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Null);
        (await session.AnyOtherWithinAsync(TimeSpan.FromMilliseconds(200))).Should().BeFalse("the schedule is cancelled");
    }

    [TestCase("""{"scheduleId":"schedule-99"}""", "probe/cancel", TestName = "ProbeCancel_UnknownSchedule_InvalidParams")]
    [TestCase("""{"moduleId":"module-1"}""", "probe/schedule", TestName = "ProbeSchedule_NoInterval_InvalidParams")]
    [TestCase("""{"moduleId":"module-1","intervalMs":0}""", "probe/schedule", TestName = "ProbeSchedule_ZeroInterval_InvalidParams")]
    public async Task ScheduleMethods_BadParams_InvalidParams(string parameters, string method)
    {
        await using var session = new SidecarSession();
        await LoadAsync(session, "http-status.wasm");

        var response = await session.RequestAsync(method, parameters);

        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32602);
    }

    [Test]
    public async Task Shutdown_WithAScheduleRunning_StopsIt()
    {
        await using var session = new SidecarSession();
        var moduleId = await LoadAsync(session, "http-status.wasm");
        await session.RequestAsync("probe/schedule", $$"""{"moduleId":"{{moduleId}}","config":{{Config()}},"grants":{{HttpGrant()}},"intervalMs":20}""");
        await session.NextOtherAsync();

        await session.RequestAsync("shutdown");
        while (await session.AnyOtherWithinAsync(TimeSpan.Zero))
        {
            // Results sent before the shutdown was answered.
        }

        (await session.AnyOtherWithinAsync(TimeSpan.FromMilliseconds(200))).Should().BeFalse();
    }

    private static string PathParams(string probe) => new JsonObject { ["path"] = Cli.Probe(probe) }.ToJsonString();

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static async Task<string> LoadAsync(SidecarSession session, string probe) =>
        (await session.RequestAsync("module/load", PathParams(probe))).GetProperty("result").GetProperty("moduleId").GetString()!;

    private string Config() => $$"""{"url":"{{_server.Url("/health")}}"}""";

    private string HttpGrant() => $$$"""{"http":{"allow":["{{{_server.HostAndPort}}}"]}}""";

    private async Task<JsonElement> RunAsync(SidecarSession session, string moduleId, string grants) =>
        (await session.RequestAsync("probe/run", $$"""{"moduleId":"{{moduleId}}","config":{{Config()}},"grants":{{grants}}}""")).GetProperty("result");
}
