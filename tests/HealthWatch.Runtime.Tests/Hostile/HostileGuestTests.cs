using System.Text;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Hostile;

/// <summary>Hostile guest code and hostile inputs to it: each is contained with a typed error, and a good probe runs next.</summary>
// Alone, so that ManyTables_* can count the process's allocations.
[NonParallelizable]
public sealed class HostileGuestTests : HostileTestBase
{
    [Test]
    public async Task InfiniteLoop_UnlimitedFuel_EndsAtTheTimeout()
    {
        var result = await RunAsync("infinite-loop", null, ProbeGrants.None, ProbeLimits.Default with { Fuel = long.MaxValue, Timeout = TimeSpan.FromMilliseconds(200) });

        result.Error!.Kind.Should().Be(ProbeErrorKind.Timeout);
        await AssertHealthyAsync();
    }

    [Test]
    public async Task InfiniteLoop_LimitedFuel_RunsOutOfFuel()
    {
        var result = await RunAsync("infinite-loop", null, ProbeGrants.None, ProbeLimits.Default with { Fuel = 5_000_000 });

        result.Error.Should().Be(result.Error! with { Kind = ProbeErrorKind.OutOfFuel, TrapCode = TrapCode.OutOfFuel });
        result.Usage.FuelUsed.Should().Be(5_000_000);
        await AssertHealthyAsync();
    }

    [TestCase("deep-recursion")]
    [TestCase("deep-recursion-large-frames")]
    public async Task DeepRecursion_TrapsWithStackExhausted(string probe)
    {
        var result = await RunAsync(probe, null, ProbeGrants.None);

        result.Error.Should().Be(result.Error! with { Kind = ProbeErrorKind.Trap, TrapCode = TrapCode.CallStackExhausted });
        await AssertHealthyAsync();
    }

    [Test]
    public async Task MemoryBomb_GrowsToExactlyTheLimit()
    {
        // memory.grow past the limit returns -1, as the spec has it for a failed grow; the probe sees that and reports.
        var result = await RunAsync("memory-bomb", null, ProbeGrants.None, ProbeLimits.Default with { MemoryPages = 64 });

        result.Message.Should().Be("memory exhausted at 64 pages");
        result.Usage.PeakMemoryBytes.Should().Be(64 * MemoryType.PageSize);
        await AssertHealthyAsync();
    }

    [Test]
    public async Task HugeInitialMemory_FailsWithResourceLimitBeforeRunning()
    {
        var result = await RunAsync("huge-memory", null, ProbeGrants.None);

        result.Error.Should().Be(result.Error! with { Kind = ProbeErrorKind.ResourceLimit, TrapCode = TrapCode.ResourceLimitExceeded });
        result.Usage.PeakMemoryBytes.Should().Be(0);
        await AssertHealthyAsync();
    }

    [Test]
    public async Task TableBomb_GrowsToExactlyTheTableLimit()
    {
        var result = await RunAsync("table-bomb", null, ProbeGrants.None);

        result.Message.Should().Be($"table exhausted at {ProbeRuntime.MaxTableElements} elements");
        await AssertHealthyAsync();
    }

    [Test]
    public async Task ManyTables_FailWithResourceLimitBeforeAnyIsAllocated()
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await RunAsync("many-tables", null, ProbeGrants.None);

        result.Error.Should().Be(result.Error! with { Kind = ProbeErrorKind.ResourceLimit, TrapCode = TrapCode.ResourceLimitExceeded });
        GC.GetTotalAllocatedBytes(precise: true).Should().BeLessThan(before + (64L << 20), "not one of the 1,000 tables of 80 MB may be allocated");
        await AssertHealthyAsync();
    }

    [Test]
    public async Task LogFlood_IsCutByTheLogAndHostCallLimits()
    {
        var limits = ProbeLimits.Default with { MaxLogBytes = 4096, MaxHostCalls = 1000 };

        var result = await RunAsync("log-flood", null, Grants("""{"log":{}}"""), limits);

        result.Error!.Kind.Should().Be(ProbeErrorKind.ResourceLimit);
        result.LogsTruncated.Should().BeTrue();
        result.Logs.Sum(l => Encoding.UTF8.GetByteCount(l.Message)).Should().BeLessThanOrEqualTo(limits.MaxLogBytes);
        await AssertHealthyAsync();
    }

    [Test]
    public async Task VerdictOutOfBounds_IsRefusedWithInvalidArgumentWithoutTrapping()
    {
        // The probe reports success only if set_result refused both of its out-of-bounds ranges with HW_EINVAL.
        var result = await RunAsync("verdict-out-of-bounds", null, ProbeGrants.None);

        result.Success.Should().BeTrue(result.Message);
        await AssertHealthyAsync();
    }

    [Test]
    public async Task VerdictOnlyOutOfBounds_FailsWithNoVerdict()
    {
        var result = await RunAsync("verdict-wild-pointer", null, ProbeGrants.None);

        result.Error!.Kind.Should().Be(ProbeErrorKind.NoVerdict);
        result.Logs.Where(l => l.Message.StartsWith("set_result:", StringComparison.Ordinal)).Should().HaveCount(4)
            .And.OnlyContain(l => l.Message.Contains("outside memory", StringComparison.Ordinal));
        await AssertHealthyAsync();
    }

    [Test]
    public async Task HugeConfig_OverWhatTheProbeCanAllocate_FailsWithResourceLimit()
    {
        var config = $$"""{"pad":"{{new string('x', 32 << 20)}}"}""";

        var result = await RunAsync("http-status", config, HttpGrant($"127.0.0.1:{Server.Port}"), ProbeLimits.Default with { MemoryPages = 64 });

        result.Error!.Kind.Should().Be(ProbeErrorKind.ResourceLimit);
        result.Message.Should().Contain("hw_alloc could not allocate");
        await AssertHealthyAsync();
    }

    [Test]
    public async Task HugeConfig_WithinTheLimits_IsReadByTheProbe()
    {
        var config = $$"""{"pad":"{{new string('x', 8 << 20)}}","url":"{{Server.Url("/health")}}"}""";

        var result = await RunAsync("http-status", config, HttpGrant($"127.0.0.1:{Server.Port}"));

        result.Success.Should().BeTrue(result.Message);
        await AssertHealthyAsync();
    }

    [Test]
    public async Task DeeplyNestedConfig_IsRefusedBeforeRunning()
    {
        var config = new string('[', 100_000) + new string(']', 100_000);

        var act = () => RunAsync("http-status", config, HttpGrant($"127.0.0.1:{Server.Port}"));

        (await act.Should().ThrowAsync<ProbeConfigurationException>()).Which.Field.Should().Be("config");
        await AssertHealthyAsync();
    }

    [Test]
    public async Task ConfigWithALoneSurrogate_IsRefusedBeforeRunning()
    {
        // The one way a string can hold what UTF-8 cannot encode; replacing it would hand the probe another config.
        var act = () => RunAsync("http-status", "{\"url\":\"http://a.test/\uD800\"}", HttpGrant("a.test"));

        (await act.Should().ThrowAsync<ProbeConfigurationException>()).Which.Message.Should().Contain("UTF-8");
        await AssertHealthyAsync();
    }
}
