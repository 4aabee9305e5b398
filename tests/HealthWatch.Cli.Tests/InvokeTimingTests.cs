using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthWatch.Cli.Tests;

/// <summary>--repeat and --warmup: calls made, results printed once, the timing line last on stderr.</summary>
public partial class InvokeTimingTests
{
    [Test]
    public void Invoke_RepeatAndWarmup_PrintsResultsOnceAndTimingLineLast()
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "20", "--repeat", "5", "--warmup", "2");

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal("6765");
        result.StderrLines.Should().NotBeEmpty();
        TimingLine().IsMatch(result.StderrLines[^1]).Should().BeTrue("'{0}' should be the timing line", result.StderrLines[^1]);
    }

    [Test]
    public void Invoke_RepeatOnly_ReportsNonNegativeInvariantDecimals()
    {
        var result = Cli.Invoke("c/sort.wasm", "sort_checksum", "1000", "42", "--repeat", "3");

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal("-86345924");
        var match = TimingLine().Match(result.StderrLines[^1]);
        match.Success.Should().BeTrue();
        foreach (var group in new[] { "compile", "instantiate", "first", "median" })
        {
            double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(0);
        }
    }

    [Test]
    public void Invoke_WarmupOnly_TimesOneCall()
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "10", "--warmup", "3");

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal("55");
        TimingLine().IsMatch(result.StderrLines[^1]).Should().BeTrue();
    }

    [Test]
    public void Invoke_NoRepeatOrWarmup_PrintsNoTimingLine()
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "10");

        result.ShouldExit(0);
        result.Stderr.Should().BeEmpty();
    }

    [TestCase("--repeat", "0", "from 1 to 1000000")]
    [TestCase("--repeat", "-2", "from 1 to 1000000")]
    [TestCase("--repeat", "many", "from 1 to 1000000")]
    [TestCase("--repeat", "1000001", "from 1 to 1000000")]
    [TestCase("--warmup", "-1", "from 0 to 1000000")]
    [TestCase("--warmup", "1.5", "from 0 to 1000000")]
    public void Invoke_BadRepeatOrWarmup_ReportsUsageError(string option, string value, string range)
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "1", option, value);

        result.ShouldExit(2);
        result.StderrLines[0].Should().Be($"error: option '{option}' needs an integer {range}, not '{value}'");
        result.Stdout.Should().BeEmpty();
    }

    [Test]
    public void Invoke_TrapWhileRepeating_ReportsTrapWithoutTimingLine()
    {
        var result = Cli.Invoke("c/matmul.wasm", "matmul_f64", "65", "--repeat", "3");

        result.ShouldExit(1);
        result.StderrLines[0].Should().StartWith("trap: ");
        result.Stderr.Should().NotContain("timing:");
    }

    [GeneratedRegex(@"^timing: compile_ms=(?<compile>\d+\.\d{3}) instantiate_ms=(?<instantiate>\d+\.\d{3}) first_call_ms=(?<first>\d+\.\d{3}) median_call_ms=(?<median>\d+\.\d{3})$")]
    private static partial Regex TimingLine();
}
