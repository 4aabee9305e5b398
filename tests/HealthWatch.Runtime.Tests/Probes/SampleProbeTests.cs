using System.Diagnostics;
using System.Text;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HealthWatch.Runtime.Tests.Probes;

/// <summary>The sample and hostile probes (samples/probes) end to end, with the built-in capabilities and real loopback servers.</summary>
public sealed class SampleProbeTests
{
    private ManagedEngine _engine = null!;
    private ProbeRuntime _runtime = null!;
    private LoopbackServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _engine = new ManagedEngine();
        _runtime = new ProbeRuntime(_engine);
        _server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Json(new { data = new { state = "ok" } }));
            app.MapGet("/down", () => Results.StatusCode(503));
            app.MapGet("/hang", async (CancellationToken aborted) =>
            {
                await Task.Delay(Timeout.Infinite, aborted);
                return Results.Ok();
            });
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        _runtime.Dispose();
        _engine.Dispose();
    }

    [TestCase("http-status")]
    [TestCase("http-status-as")]
    public async Task HttpStatus_ServerUp_Succeeds(string probe)
    {
        var result = await RunAsync(probe, $$"""{"url":"{{_server.Url("/health")}}"}""", HttpGrant());

        result.Success.Should().BeTrue(result.Message);
        result.Metrics["status"].Should().Be(200);
        result.Usage.HostCalls.Should().BePositive();
        result.Usage.HostCallMs.Should().BePositive();
    }

    [Test]
    public async Task HttpStatus_ServerDown_FailsWithTheProbesMessage()
    {
        var result = await RunAsync("http-status", $$"""{"url":"{{_server.Url("/down")}}"}""", HttpGrant());

        result.Success.Should().BeFalse();
        result.Error.Should().BeNull();
        result.Message.Should().StartWith("503, expected 200");
    }

    [Test]
    public async Task HttpStatus_HostNotGranted_FailsWithoutRequest()
    {
        var grants = Grants("""{"http":{"allow":["example.invalid"]}}""");

        var result = await RunAsync("http-status", $$"""{"url":"{{_server.Url("/health")}}"}""", grants);

        result.Success.Should().BeFalse();
        result.Message.Should().Contain("request refused");
    }

    [Test]
    public async Task HttpStatus_ServerHangs_EndsAtTheTimeout()
    {
        var timeout = TimeSpan.FromMilliseconds(300);

        var stopwatch = Stopwatch.StartNew();
        var result = await RunAsync("http-status", $$"""{"url":"{{_server.Url("/hang")}}"}""", HttpGrant(), ProbeLimits.Default with { Timeout = timeout });

        result.Error!.Kind.Should().Be(ProbeErrorKind.Timeout);
        stopwatch.Elapsed.Should().BeLessThan(timeout * 2);
    }

    [TestCase("json-assert", "ok", true)]
    [TestCase("json-assert-as", "ok", true)]
    [TestCase("json-assert", "down", false)]
    public async Task JsonAssert_BodyValue_DecidesTheVerdict(string probe, string expected, bool success)
    {
        var config = $$"""{"url":"{{_server.Url("/health")}}","path":"data.state","equals":"{{expected}}"}""";

        var result = await RunAsync(probe, config, HttpGrant());

        result.Error.Should().BeNull();
        result.Success.Should().Be(success, result.Message);
    }

    [Test]
    public async Task WasiHello_LogGranted_LogsStdoutLines()
    {
        var result = await RunAsync("wasi-hello", """{"name":"probe"}""", Grants("""{"log":{}}"""));

        result.Success.Should().BeTrue(result.Message);
        result.Logs.Select(l => l.Message).Should().Contain("hello, probe, from wasi-libc");
        result.Logs.Should().OnlyContain(l => l.Level == ProbeLogLevel.Information);
    }

    [Test]
    public async Task Manifest_HttpProbe_RunsEndToEnd()
    {
        var manifest = ProbeManifest.Parse(
            $$"""
            {
              "module": "http-status.wasm",
              "config": { "url": "{{_server.Url("/health")}}" },
              "grants": { "http": { "allow": ["{{_server.Authority}}"] } },
              "limits": { "timeoutMs": 5000, "memoryPages": 32 }
            }
            """,
            Path.GetDirectoryName(TestProbes.SamplePath("http-status")));

        var module = await _runtime.LoadModuleAsync(manifest.ModulePath);
        var result = await _runtime.ExecuteProbeAsync(module, manifest.ConfigJson, manifest.Grants, manifest.Limits);

        result.Success.Should().BeTrue(result.Message);
        module.RequiredCapabilities.Should().Equal("http");
    }

    [Test]
    public async Task FilesystemImport_NotGranted_IsRefusedWithTheCapabilitysName()
    {
        var module = await _runtime.LoadModuleAsync(TestProbes.SamplePath("filesystem-import"));

        var act = () => _runtime.ExecuteProbeAsync(module, null, ProbeGrants.None);

        (await act.Should().ThrowAsync<CapabilityNotGrantedException>()).WithMessage("Capability not granted: filesystem");
    }

    [TestCase("trap", ProbeErrorKind.Trap, TrapCode.Unreachable)]
    [TestCase("deep-recursion", ProbeErrorKind.Trap, TrapCode.CallStackExhausted)]
    [TestCase("deep-recursion-large-frames", ProbeErrorKind.Trap, TrapCode.CallStackExhausted)]
    public async Task HostileProbe_Traps_FailsWithTheTrapCode(string probe, ProbeErrorKind kind, TrapCode code)
    {
        var result = await RunAsync(probe, null, ProbeGrants.None);

        result.Error.Should().Be(result.Error! with { Kind = kind, TrapCode = code });
    }

    [TestCase("no-verdict", ProbeErrorKind.NoVerdict)]
    [TestCase("bad-verdict", ProbeErrorKind.InvalidVerdict)]
    [TestCase("unknown-import", ProbeErrorKind.AbiViolation)]
    public async Task HostileProbe_BreaksTheAbi_FailsWithItsKind(string probe, ProbeErrorKind kind)
    {
        var result = await RunAsync(probe, null, ProbeGrants.None);

        result.Success.Should().BeFalse();
        result.Error!.Kind.Should().Be(kind);
    }

    [Test]
    public async Task HostileProbe_InfiniteLoop_EndsAtTheTimeout()
    {
        var result = await RunAsync("infinite-loop", null, ProbeGrants.None, ProbeLimits.Default with { Fuel = long.MaxValue, Timeout = TimeSpan.FromMilliseconds(200) });

        result.Error!.Kind.Should().Be(ProbeErrorKind.Timeout);
    }

    [Test]
    public async Task HostileProbe_MemoryBomb_GetsExactlyTheLimit()
    {
        var result = await RunAsync("memory-bomb", null, ProbeGrants.None, ProbeLimits.Default with { MemoryPages = 64 });

        result.Success.Should().BeTrue();
        result.Message.Should().Be("memory exhausted at 64 pages");
        result.Usage.PeakMemoryBytes.Should().Be(64 * MemoryType.PageSize);
    }

    [Test]
    public async Task HostileProbe_LogFlood_IsBoundedByTheLogAndHostCallLimits()
    {
        var limits = ProbeLimits.Default with { MaxLogBytes = 4096, MaxHostCalls = 1000 };

        var result = await RunAsync("log-flood", null, Grants("""{"log":{}}"""), limits);

        result.LogsTruncated.Should().BeTrue();
        result.Logs.Sum(l => Encoding.UTF8.GetByteCount(l.Message)).Should().BeLessThanOrEqualTo(limits.MaxLogBytes);
        result.Usage.HostCalls.Should().BeGreaterThan(limits.MaxHostCalls);
        result.Error!.Kind.Should().Be(ProbeErrorKind.ResourceLimit, "log has no result to return HW_ELIMIT in, so the call past the limit ends the run");
        result.Message.Should().ContainEquivalentOf("host call limit");
    }

    [Test]
    public async Task HostileProbe_VerdictOutOfBounds_IsRefusedWithoutTrapping()
    {
        var result = await RunAsync("verdict-out-of-bounds", null, ProbeGrants.None);

        result.Success.Should().BeTrue(result.Message);
    }

    private static ProbeGrants Grants(string json) => ProbeManifest.Parse($$"""{"module":"x.wasm","grants":{{json}}}""").Grants;

    private ProbeGrants HttpGrant() => Grants($$$"""{"http":{"allow":["{{{_server.Authority}}}"]}}""");

    private async Task<ProbeResult> RunAsync(string probe, string? config, ProbeGrants grants, ProbeLimits? limits = null)
    {
        var module = await _runtime.LoadModuleAsync(TestProbes.SamplePath(probe));
        return await _runtime.ExecuteProbeAsync(module, config, grants, limits);
    }
}
