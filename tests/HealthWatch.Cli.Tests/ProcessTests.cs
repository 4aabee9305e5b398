using System.Diagnostics;

namespace HealthWatch.Cli.Tests;

/// <summary>The real executable: console output, exit codes, and that the process ends (no thread keeps it alive).</summary>
public class ProcessTests
{
    [Test]
    public void Healthwatch_InvokeFib_PrintsResultAndExitsZero()
    {
        var result = RunProcess("invoke", Cli.Module("c/fib.wasm"), "fib", "20");

        result.Should().Be(new CliResult(0, "6765\n", string.Empty));
    }

    [Test]
    public void Healthwatch_TimeoutOnEndlessLoop_ExitsWithTrapCode()
    {
        var result = RunProcess("invoke", Cli.Module("wat/loop.wasm"), "spin", "--timeout", "100");

        result.ShouldExit(1);
        result.StderrLines[0].Should().Be("trap: interrupted");
    }

    [Test]
    public void Healthwatch_BadArgument_ExitsWithUsageCodeAndNoStackTrace()
    {
        var result = RunProcess("invoke", Cli.Module("c/fib.wasm"), "fib", "twenty");

        result.ShouldExit(2);
        result.Stderr.Should().NotContain(" at ");
    }

    private static CliResult RunProcess(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "healthwatch.exe" : "healthwatch"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            Assert.Fail("healthwatch did not exit within 30 s");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
