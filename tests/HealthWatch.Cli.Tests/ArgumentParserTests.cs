using HealthWatch.Cli.CommandLine;

namespace HealthWatch.Cli.Tests;

public class ArgumentParserTests
{
    private static readonly OptionSpec[] Options = [new("--fuel", "N", "fuel"), new("--allow", "NAME", "allow", Repeatable: true), OptionSpec.Help];

    [Test]
    public void Parse_OptionsAnywhere_SeparatesThemFromPositionals()
    {
        var parsed = ArgumentParser.Parse(["a.wasm", "--fuel", "10", "f", "-5", "-inf"], Options);

        parsed.Positionals.Should().Equal("a.wasm", "f", "-5", "-inf");
        parsed.GetInt64("--fuel", 0, long.MaxValue).Should().Be(10);
    }

    [Test]
    public void Parse_EqualsForm_ReadsValue()
    {
        ArgumentParser.Parse(["--fuel=7"], Options).GetInt64("--fuel", 0, 100).Should().Be(7);
    }

    [Test]
    public void Parse_DoubleDash_TreatsTheRestAsPositionals()
    {
        var parsed = ArgumentParser.Parse(["x", "--", "--fuel", "-h"], Options);

        parsed.Positionals.Should().Equal("x", "--fuel", "-h");
        parsed.HasOption("--fuel").Should().BeFalse();
    }

    [Test]
    public void Parse_ShortHelp_MeansHelp()
    {
        ArgumentParser.Parse(["-h"], Options).HasOption("--help").Should().BeTrue();
    }

    [Test]
    public void Parse_RepeatableOption_KeepsEveryValueInOrder()
    {
        var parsed = ArgumentParser.Parse(["--allow", "log", "x", "--allow=clock"], Options);

        parsed.GetAll("--allow").Should().Equal("log", "clock");
        parsed.GetString("--allow").Should().Be("clock");
        parsed.GetAll("--fuel").Should().BeEmpty();
    }

    [Test]
    public void GetInt64_AbsentOption_ReturnsNull()
    {
        ArgumentParser.Parse([], Options).GetInt64("--fuel", 0, 10).Should().BeNull();
    }

    [TestCase(new[] { "--bogus" }, "unknown option '--bogus'")]
    [TestCase(new[] { "--fuel" }, "option '--fuel' needs a value (N)")]
    [TestCase(new[] { "--fuel", "1", "--fuel", "2" }, "option '--fuel' is given more than once")]
    [TestCase(new[] { "--help=yes" }, "option '--help' takes no value")]
    public void Parse_BadOption_ThrowsUsageError(string[] args, string message)
    {
        var act = () => ArgumentParser.Parse(args, Options);

        act.Should().Throw<CliException>().Where(e => e.ExitCode == 2 && e.Message == message);
    }

    [TestCase("x")]
    [TestCase("-1")]
    [TestCase("11")]
    [TestCase("0x5")]
    public void GetInt64_ValueOutOfRangeOrNotDecimal_ThrowsUsageError(string value)
    {
        var parsed = ArgumentParser.Parse(["--fuel", value], Options);

        var act = () => parsed.GetInt64("--fuel", 0, 10);

        act.Should().Throw<CliException>().Where(e => e.ExitCode == 2 && e.Message.Contains("from 0 to 10"));
    }
}
