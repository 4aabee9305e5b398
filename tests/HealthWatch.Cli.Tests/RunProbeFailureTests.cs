namespace HealthWatch.Cli.Tests;

/// <summary>
/// <c>healthwatch run</c> of probes that fail, and of runs that cannot start: every outcome is one JSON result on
/// stdout with a documented exit code, never a .NET stack trace.
/// </summary>
public class RunProbeFailureTests
{
    [Test]
    public void Run_ProbeTraps_ReportsTrapWithExitCodeOne()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/trap.wasm"));

        result.ShouldExit(1);
        var json = result.Json;
        json.GetProperty("success").GetBoolean().Should().BeFalse("the verdict set before the trap does not count");
        json.GetProperty("error").GetProperty("kind").GetString().Should().Be("trap");
        json.GetProperty("error").GetProperty("message").GetString().Should().Contain("unreachable");
        json.GetProperty("latencyMs").GetDouble().Should().BePositive();
    }

    [Test]
    public void Run_InfiniteLoopWithTimeout_ReportsTimeout()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/infinite-loop.wasm"), "--timeout", "200", "--fuel", "9000000000000000000");

        result.ShouldExit(1);
        result.Json.GetProperty("error").GetProperty("kind").GetString().Should().Be("timeout");
    }

    [Test]
    public void Run_InfiniteLoopWithFuel_ReportsOutOfFuel()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/infinite-loop.wasm"), "--fuel", "100000");

        result.ShouldExit(1);
        result.Json.GetProperty("error").GetProperty("kind").GetString().Should().Be("outOfFuel");
    }

    [Test]
    public void Run_FilesystemImport_IsRefusedBeforeRunning()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/filesystem-import.wasm"));

        result.ShouldExit(6);
        result.Json.GetProperty("error").GetProperty("message").GetString().Should().Be("Capability not granted: filesystem");
    }

    [Test]
    public void Run_ImportNoCapabilityProvides_ReportsAbiViolationAsLinkError()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/unknown-import.wasm"));

        result.ShouldExit(4);
        result.Json.GetProperty("error").GetProperty("kind").GetString().Should().Be("abiViolation");
        result.Json.GetProperty("error").GetProperty("message").GetString().Should().Contain("\"env\" \"foo\"");
    }

    [Test]
    public void Run_NoVerdict_ReportsNoVerdict()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/no-verdict.wasm"));

        result.ShouldExit(1);
        result.Json.GetProperty("error").GetProperty("kind").GetString().Should().Be("noVerdict");
    }

    [Test]
    public void Run_WasiProbeWithAllowLog_KeepsItsStdoutAsLogLines()
    {
        var result = Cli.Run("run", Cli.Probe("wasi-hello.wasm"), "--config", """{"name":"cli"}""", "--allow", "log");

        result.ShouldExit(0);
        var messages = result.Json.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString());
        messages.Should().Contain("hello, cli, from wasi-libc");
    }

    [Test]
    public void Run_ConfigIsNotJson_ReportsInvalidConfiguration()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/no-verdict.wasm"), "--config", "{url:");

        result.ShouldExit(7);
        result.Json.GetProperty("error").GetProperty("kind").GetString().Should().Be("invalidConfiguration");
        result.Json.GetProperty("error").GetProperty("message").GetString().Should().StartWith("config: ");
    }

    [Test]
    public void Run_AllowUnknownCapability_ListsTheKnownOnes()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/no-verdict.wasm"), "--allow", "teleport");

        result.ShouldExit(7);
        result.Json.GetProperty("error").GetProperty("message").GetString().Should()
            .StartWith("grants.teleport: is not a known capability (known: ").And.Contain("http");
    }

    [Test]
    public void Run_AllowWithBadJson_ReportsInvalidConfiguration()
    {
        var result = Cli.Run("run", Cli.Probe("hostile/no-verdict.wasm"), "--allow", "tcp={allow");

        result.ShouldExit(7);
        result.Json.GetProperty("error").GetProperty("message").GetString().Should().StartWith("grants.tcp: is not valid JSON");
    }

    [Test]
    public void Run_MalformedModule_ReportsInvalidModule()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0, 0x61, 0x73, 0x6d, 9, 9]);

            var result = Cli.Run("run", path);

            result.ShouldExit(3);
            result.Json.GetProperty("error").GetProperty("kind").GetString().Should().Be("invalidModule");
            result.Json.GetProperty("error").GetProperty("message").GetString().Should().StartWith("malformed module: ");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Run_MissingModuleFile_ReportsInvalidModule()
    {
        var result = Cli.Run("run", Cli.Probe("missing.wasm"));

        result.ShouldExit(3);
        result.Json.GetProperty("error").GetProperty("message").GetString().Should().StartWith("cannot read ");
    }

    [TestCase(new string[0], "expected one probe module file (or --manifest FILE)")]
    [TestCase(new[] { "a.wasm", "b.wasm" }, "expected one probe module file (or --manifest FILE)")]
    [TestCase(new[] { "a.wasm", "--memory-pages", "65537" }, "option '--memory-pages' needs an integer from 1 to 65536, not '65537'")]
    [TestCase(new[] { "a.wasm", "--timeout", "0" }, "option '--timeout' needs an integer from 1 to 2147483647, not '0'")]
    public void Run_BadCommandLine_IsAUsageErrorOnStderr(string[] args, string message)
    {
        var result = Cli.Run(["run", .. args]);

        result.ShouldExit(2);
        result.Stdout.Should().BeEmpty();
        result.StderrLines[0].Should().Be($"error: {message}");
    }
}
