using HealthWatch.Runtime.Conformance;

namespace HealthWatch.Runtime.Tests.Conformance;

public class RunnerArgumentsTests
{
    [Test]
    public void Parse_ReadsDirectoryFilesAndFlags()
    {
        var parsed = RunnerArguments.Parse(["/suite", "--file", "i32", "--file", "f32.wast", "--verbose", "--jobs", "3"]);

        parsed.Directory.Should().Be("/suite");
        parsed.Files.Should().Equal("i32", "f32");
        parsed.Verbose.Should().BeTrue();
        parsed.Jobs.Should().Be(3);
    }

    [Test]
    public void Parse_Nothing_UsesDefaults()
    {
        var parsed = RunnerArguments.Parse([]);

        parsed.Directory.Should().BeNull();
        parsed.Files.Should().BeEmpty();
        parsed.Verbose.Should().BeFalse();
    }

    [TestCase("--file")]
    [TestCase("--jobs", "0")]
    [TestCase("--bogus")]
    [TestCase("a", "b")]
    public void Parse_RejectsBadArguments(params string[] args)
    {
        var act = () => RunnerArguments.Parse(args);

        act.Should().Throw<ArgumentException>();
    }
}
