using System.Diagnostics;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

public sealed class ProbeRuntimeTests : ProbeRuntimeTestBase
{
    [Test]
    public async Task ExecuteProbeAsync_ProbeReportsSuccess_ReturnsSuccessWithLatency()
    {
        var result = await RunAsync("echo", Ok);

        result.Success.Should().BeTrue();
        result.Message.Should().Be("ok");
        result.Error.Should().BeNull();
        result.LatencyMs.Should().BePositive();
    }

    [Test]
    public async Task ExecuteProbeAsync_Config_ReachesTheProbeAsJson()
    {
        var result = await RunAsync("echo", """{"success":false,"message":"m","metrics":{"a":1.5,"b":-2},"data":{"x":[1,"y"]}}""");

        result.Success.Should().BeFalse();
        result.Error.Should().BeNull();
        result.Message.Should().Be("m");
        result.Metrics.Should().BeEquivalentTo(new Dictionary<string, double> { ["a"] = 1.5, ["b"] = -2 });
        result.Data!.Value.GetRawText().Should().Be("""{"x":[1,"y"]}""");
    }

    [Test]
    public async Task ExecuteProbeAsync_NullConfig_PassesAnEmptyObject()
    {
        var result = await RunAsync("echo", null);

        result.Error!.Kind.Should().Be(ProbeErrorKind.InvalidVerdict);
        result.Error.Message.Should().Contain("success");
    }

    [Test]
    public async Task ExecuteProbeAsync_ConfigNotJson_ThrowsNamingConfig()
    {
        var module = await Runtime.LoadModuleAsync(TestProbes.Read("echo"));

        var act = () => Runtime.ExecuteProbeAsync(module, "{nope", ProbeGrants.None);

        (await act.Should().ThrowAsync<ProbeConfigurationException>()).Which.Field.Should().Be("config");
    }

    [Test]
    public async Task ExecuteProbeAsync_InitializeExported_CallsItFirst()
    {
        var result = await RunAsync("initialize", Ok);

        result.Success.Should().BeTrue();
    }

    [Test]
    public async Task ExecuteProbeAsync_Trap_FailsWithTrapCodeEvenAfterAVerdict()
    {
        var result = await RunAsync("trap", Ok);

        result.Success.Should().BeFalse();
        result.Error!.Kind.Should().Be(ProbeErrorKind.Trap);
        result.Error.TrapCode.Should().Be(TrapCode.Unreachable);
        result.Message.Should().Contain("unreachable");
    }

    [Test]
    public async Task ExecuteProbeAsync_InfiniteLoop_RunsOutOfFuel()
    {
        var result = await RunAsync("spin", Ok, ProbeLimits.Default with { Fuel = 1_000_000 });

        result.Error!.Kind.Should().Be(ProbeErrorKind.OutOfFuel);
        result.Error.TrapCode.Should().Be(TrapCode.OutOfFuel);
        result.Usage.FuelUsed.Should().Be(1_000_000);
    }

    [Test]
    public async Task ExecuteProbeAsync_InfiniteLoop_EndsAtTheTimeout()
    {
        var timeout = TimeSpan.FromMilliseconds(200);

        var stopwatch = Stopwatch.StartNew();
        var result = await RunAsync("spin", Ok, ProbeLimits.Default with { Fuel = long.MaxValue, Timeout = timeout });

        result.Error!.Kind.Should().Be(ProbeErrorKind.Timeout);
        stopwatch.Elapsed.Should().BeLessThan(timeout * 2);
    }

    [Test]
    public async Task ExecuteProbeAsync_BlockedInAHostCall_EndsAtTheTimeout()
    {
        var timeout = TimeSpan.FromMilliseconds(200);
        var module = await Runtime.LoadModuleAsync(TestProbes.Read("block"));

        var stopwatch = Stopwatch.StartNew();
        var result = await Runtime.ExecuteProbeAsync(module, Ok, new ProbeGrants().Grant("test-block"), ProbeLimits.Default with { Timeout = timeout });

        result.Success.Should().BeFalse();
        result.Error!.Kind.Should().Be(ProbeErrorKind.Timeout);
        stopwatch.Elapsed.Should().BeLessThan(timeout * 2);
    }

    [Test]
    public async Task ExecuteProbeAsync_CallerCancels_ReportsCancelled()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var module = await Runtime.LoadModuleAsync(TestProbes.Read("spin"));

        var result = await Runtime.ExecuteProbeAsync(module, Ok, ProbeGrants.None, ProbeLimits.Default with { Fuel = long.MaxValue }, cancellation.Token);

        result.Error!.Kind.Should().Be(ProbeErrorKind.Cancelled);
    }

    [Test]
    public async Task ExecuteProbeAsync_MemoryBomb_StopsAtTheMemoryLimit()
    {
        var result = await RunAsync("memory-bomb", Ok, ProbeLimits.Default with { MemoryPages = 16 });

        result.Success.Should().BeTrue();
        result.Usage.PeakMemoryBytes.Should().Be(16 * MemoryType.PageSize);
    }

    [Test]
    public async Task ExecuteProbeAsync_InitialMemoryOverTheLimit_FailsWithResourceLimit()
    {
        var result = await RunAsync("big-memory", Ok, ProbeLimits.Default with { MemoryPages = 10 });

        result.Error!.Kind.Should().Be(ProbeErrorKind.ResourceLimit);
    }

    [Test]
    public async Task ExecuteProbeAsync_NoVerdict_FailsWithNoVerdict()
    {
        var result = await RunAsync("no-verdict", Ok);

        result.Success.Should().BeFalse();
        result.Error!.Kind.Should().Be(ProbeErrorKind.NoVerdict);
        result.Message.Should().Contain("returned 1");
    }

    [TestCase("""{"success":"yes"}""")]
    [TestCase("""{"message":"no success"}""")]
    [TestCase("""{"success":true,"metrics":{"a":"1"}}""")]
    [TestCase("[true]")]
    public async Task ExecuteProbeAsync_MalformedVerdict_FailsWithInvalidVerdict(string verdict)
    {
        var result = await RunAsync("echo", verdict);

        result.Success.Should().BeFalse();
        result.Error!.Kind.Should().Be(ProbeErrorKind.InvalidVerdict);
    }

    [Test]
    public async Task ExecuteProbeAsync_VerdictNotUtf8_FailsWithInvalidVerdict()
    {
        var result = await RunAsync("bad-verdict", Ok);

        result.Error!.Kind.Should().Be(ProbeErrorKind.InvalidVerdict);
        result.Message.Should().Contain("UTF-8");
    }

    [Test]
    public async Task ExecuteProbeAsync_ProcExitZero_KeepsTheVerdict()
    {
        var result = await RunAsync("exit", "0");

        result.Success.Should().BeTrue();
        result.Message.Should().Be("exiting");
    }

    [Test]
    public async Task ExecuteProbeAsync_ProcExitNonZero_FailsWithExit()
    {
        var result = await RunAsync("exit", "3");

        result.Success.Should().BeFalse();
        result.Error!.Kind.Should().Be(ProbeErrorKind.Exit);
        result.Message.Should().Contain("code 3");
    }

    [TestCase("no-probe", "hw_probe")]
    [TestCase("bad-alloc", "hw_alloc")]
    [TestCase("unknown-import", "mystery")]
    public async Task ExecuteProbeAsync_AbiBroken_FailsWithAbiViolation(string name, string named)
    {
        var result = await RunAsync(name, Ok);

        result.Error!.Kind.Should().Be(ProbeErrorKind.AbiViolation);
        result.Message.Should().Contain(named);
        result.LatencyMs.Should().BePositive();
    }

    [Test]
    public async Task ExecuteProbeAsync_FilesystemImport_IsRefusedBeforeRunning()
    {
        var module = await Runtime.LoadModuleAsync(TestProbes.Read("filesystem"));

        var act = () => Runtime.ExecuteProbeAsync(module, Ok, ProbeGrants.None);

        (await act.Should().ThrowAsync<CapabilityNotGrantedException>()).WithMessage("Capability not granted: filesystem");
    }

    [Test]
    public async Task ExecuteProbeAsync_Success_ReportsUsage()
    {
        var module = await Runtime.LoadModuleAsync(TestProbes.Read("echo"));

        var first = await Runtime.ExecuteProbeAsync(module, Ok, ProbeGrants.None);
        var cached = await Runtime.ExecuteProbeAsync(await Runtime.LoadModuleAsync(TestProbes.Read("echo")), Ok, ProbeGrants.None);

        first.Usage.FuelUsed.Should().BePositive();
        first.Usage.PeakMemoryBytes.Should().Be(MemoryType.PageSize);
        first.Usage.HostCalls.Should().Be(1);
        first.Usage.HostCallMs.Should().BeGreaterThanOrEqualTo(0);
        first.Usage.CompileMs.Should().BePositive();
        first.Usage.InstantiateMs.Should().BePositive();
        first.Usage.ExecuteMs.Should().BePositive();
        cached.Usage.CompileMs.Should().Be(0);
    }

    [Test]
    public async Task LoadModuleAsync_ModuleWithImports_ListsRequiredCapabilities()
    {
        var block = await Runtime.LoadModuleAsync(TestProbes.Read("block"));
        var unknown = await Runtime.LoadModuleAsync(TestProbes.Read("unknown-import"));

        block.RequiredCapabilities.Should().Equal("test-block");
        unknown.RequiredCapabilities.Should().Equal("unknown:env.mystery");
    }

    [Test]
    public async Task LoadModuleAsync_StreamAndPath_LoadTheSameModule()
    {
        await using var stream = File.OpenRead(TestProbes.Path("echo"));

        var fromStream = await Runtime.LoadModuleAsync(stream);
        var fromPath = await Runtime.LoadModuleAsync(TestProbes.Path("echo"));

        fromStream.Sha256.Should().Be(fromPath.Sha256).And.HaveLength(64);
        fromPath.SizeBytes.Should().Be(new FileInfo(TestProbes.Path("echo")).Length);
    }

    [Test]
    public async Task LoadModuleAsync_MalformedBytes_ThrowsModuleException()
    {
        var act = () => Runtime.LoadModuleAsync(new byte[] { 0, 1, 2, 3 });

        await act.Should().ThrowAsync<WasmModuleException>();
    }

    [Test]
    public async Task ExecuteProbeAsync_BadLimits_ThrowsArgumentException()
    {
        var module = await Runtime.LoadModuleAsync(TestProbes.Read("echo"));

        var act = () => Runtime.ExecuteProbeAsync(module, Ok, ProbeGrants.None, ProbeLimits.Default with { Fuel = 0 });

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task ExecuteProbeAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var module = await Runtime.LoadModuleAsync(TestProbes.Read("echo"));
        Runtime.Dispose();

        var act = () => Runtime.ExecuteProbeAsync(module, Ok, ProbeGrants.None);

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    private async Task<ProbeResult> RunAsync(string name, string? config, ProbeLimits? limits = null)
    {
        var module = await Runtime.LoadModuleAsync(TestProbes.Read(name));
        return await Runtime.ExecuteProbeAsync(module, config, ProbeGrants.None, limits);
    }
}
