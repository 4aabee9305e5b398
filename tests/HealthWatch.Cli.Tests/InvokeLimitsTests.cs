using System.Diagnostics;

namespace HealthWatch.Cli.Tests;

/// <summary>--fuel, --timeout and --max-memory-pages.</summary>
public class InvokeLimitsTests
{
    [TestCase("spin")]
    [TestCase("spin_calls")]
    public void Invoke_FuelOnEndlessLoop_TrapsOutOfFuel(string export)
    {
        var result = Cli.Invoke("wat/loop.wasm", export, "--fuel", "100000");

        result.ShouldExit(1);
        result.StderrLines[0].Should().Be("trap: out of fuel");
    }

    [Test]
    public void Invoke_EnoughFuel_Finishes()
    {
        var result = Cli.Invoke("wat/loop.wasm", "count", "--fuel=1000000", "1000");

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal("1000");
    }

    [Test]
    public void Invoke_TooLittleFuelForAFiniteLoop_TrapsOutOfFuel()
    {
        var result = Cli.Invoke("wat/loop.wasm", "count", "1000000", "--fuel", "1000");

        result.ShouldExit(1);
        result.StderrLines[0].Should().Be("trap: out of fuel");
    }

    [TestCase("spin")]
    [TestCase("spin_calls")]
    public void Invoke_TimeoutOnEndlessLoop_InterruptsQuickly(string export)
    {
        var clock = Stopwatch.StartNew();

        var result = Cli.Invoke("wat/loop.wasm", export, "--timeout", "100");

        result.ShouldExit(1);
        result.StderrLines[0].Should().Be("trap: interrupted");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Test]
    public void Invoke_TimeoutNotReached_Finishes()
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "20", "--timeout", "60000");

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal("6765");
    }

    [Test]
    public void Invoke_GrowWithinDefaultLimit_ReturnsOldSize()
    {
        Cli.Invoke("wat/grow.wasm", "grow", "3").StdoutLines.Should().Equal("1");
    }

    [Test]
    public void Invoke_GrowPastMaxMemoryPages_ReturnsMinusOne()
    {
        var result = Cli.Invoke("wat/grow.wasm", "grow", "2", "--max-memory-pages", "2");

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal("-1");
    }

    [Test]
    public void Invoke_GrowUpToMaxMemoryPages_Succeeds()
    {
        Cli.Invoke("wat/grow.wasm", "grow_then_size", "1", "--max-memory-pages", "2").StdoutLines.Should().Equal("2");
    }

    [Test]
    public void Invoke_CModuleHeapPastMaxMemoryPages_SeesFailedGrow()
    {
        // sort_checksum returns -2 when its heap cannot grow to hold the array (400 KB here).
        Cli.Invoke("c/sort.wasm", "sort_checksum", "100000", "1", "--max-memory-pages", "4").StdoutLines.Should().Equal("-2");
    }
}
