using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Basic;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities.Basic;

public sealed class BasicFunctionsTests : CapabilityTestBase
{
    [TestCase(0, ProbeLogLevel.Trace)]
    [TestCase(2, ProbeLogLevel.Information)]
    [TestCase(4, ProbeLogLevel.Error)]
    [TestCase(-5, ProbeLogLevel.Trace)]
    [TestCase(99, ProbeLogLevel.Error)]
    public void Log_Level_IsClampedToTheAbiRange(int level, ProbeLogLevel expected)
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, "hello");

        run.Call("log", level, 0, 5);

        run.Lines(ProbeLogLevel.Trace).Should().Equal((expected, "hello"));
    }

    [Test]
    public void Log_InvalidUtf8_IsReplaced()
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, (byte)'a', 0xFF, (byte)'b', 0xE2, 0x82);

        run.Call("log", 2, 0, 5);

        run.Lines().Should().Equal((ProbeLogLevel.Information, "a\uFFFDb\uFFFD"));
    }

    [Test]
    public void Log_RangeOutsideMemory_LogsWhyAtDebug()
    {
        var run = Start("healthwatch", GrantAll());

        run.Call("log", 2, 65530, 10);

        run.Logs.Should().ContainSingle().Which.Should().Match<ProbeLogEntry>(l => l.Level == ProbeLogLevel.Debug && l.Message.StartsWith("log: ", StringComparison.Ordinal));
    }

    [Test]
    public void Log_PastMaxLogBytes_DropsLinesAndSaysSo()
    {
        var run = Start("healthwatch", GrantAll(), ProbeLimits.Default with { MaxLogBytes = 10 });
        run.Write(0, "0123456789abcdef");

        run.Call("log", 2, 0, 6);
        run.Call("log", 2, 0, 16);
        run.Call("log", 2, 0, 4);

        run.Lines().Select(l => l.Message).Should().Equal("012345", "0123");
        run.Context.LogTruncated.Should().BeTrue();
    }

    [Test]
    public void ClockNowMs_Called_ReturnsUnixMilliseconds()
    {
        var run = Start("healthwatch", GrantAll());

        var now = run.Call("clock_now_ms").Single().AsInt64();

        now.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 60_000);
    }

    [Test]
    public void ClockMonotonicNs_CalledTwice_NeverGoesBack()
    {
        var run = Start("healthwatch", GrantAll());

        var first = run.Call("clock_monotonic_ns").Single().AsInt64();
        Thread.Sleep(2);
        var second = run.Call("clock_monotonic_ns").Single().AsInt64();

        first.Should().BeGreaterThanOrEqualTo(0);
        (second - first).Should().BeGreaterThanOrEqualTo(1_000_000);
    }

    [Test]
    public void RandomFill_Range_FillsItAndReturnsZero()
    {
        var run = Start("healthwatch", GrantAll());

        run.CallI32("random_fill", 8, 64).Should().Be(0);

        run.Bytes(8, 64).ToArray().Should().Contain(b => b != 0);
        run.Bytes(0, 8).ToArray().Should().OnlyContain(b => b == 0);
        run.Bytes(72, 8).ToArray().Should().OnlyContain(b => b == 0);
    }

    [Test]
    public void RandomFill_RangeOutsideMemory_ReturnsInvalidArgument()
    {
        var run = Start("healthwatch", GrantAll());

        run.CallI32("random_fill", 65535, 2).Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void EnvGet_GrantedVariable_WritesItsValue()
    {
        var run = Start("healthwatch", GrantAll().Grant("env", new EnvGrant(new Dictionary<string, string> { ["REGION"] = "eu-west-é" })));
        run.Write(0, "REGION");

        run.CallI32("env_get", 0, 6, 100, 64).Should().Be(10);

        run.ReadString(100, 10).Should().Be("eu-west-é");
    }

    [Test]
    public void EnvGet_VariableNotInTheGrant_ReturnsNotFound()
    {
        var run = Start("healthwatch", GrantAll().Grant("env", new EnvGrant(new Dictionary<string, string> { ["A"] = "1" })));
        run.Write(0, "PATH");

        run.CallI32("env_get", 0, 4, 100, 64).Should().Be(ProbeErrorCodes.NotFound);
        run.Write(0, "a");
        run.CallI32("env_get", 0, 1, 100, 64).Should().Be(ProbeErrorCodes.NotFound, "names are case-sensitive");
    }

    [Test]
    public void EnvGet_GrantedWithoutOptions_HasNoVariables()
    {
        var run = Start("healthwatch", GrantAll());
        run.Write(0, "HOME");

        run.CallI32("env_get", 0, 4, 100, 64).Should().Be(ProbeErrorCodes.NotFound);
    }

    [TestCase(65535, 4, 100, 64)]
    [TestCase(0, 1, 65535, 64)]
    public void EnvGet_RangeOutsideMemory_ReturnsInvalidArgument(int name, int nameLength, int output, int capacity)
    {
        var run = Start("healthwatch", GrantAll().Grant("env", new EnvGrant(new Dictionary<string, string> { ["A"] = "1" })));
        run.Write(0, "A");

        run.CallI32("env_get", name, nameLength, output, capacity).Should().Be(ProbeErrorCodes.InvalidArgument);
    }
}
