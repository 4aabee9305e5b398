using HealthWatch.Runtime.Conformance;

namespace HealthWatch.Runtime.Tests.Conformance;

public class KnownFailuresTests
{
    [Test]
    public void Parse_ReadsEntriesAndIgnoresCommentsAndBlankLines()
    {
        var known = KnownFailures.Parse("""
            # header comment

            f32:123 sign of NaN after f32.demote   # trailing comment
            binary-leb128:7	overlong encoding accepted
            """);

        known.Entries.Should().HaveCount(2);
        known.Find("f32", 123)!.Reason.Should().Be("sign of NaN after f32.demote");
        known.Find("binary-leb128", 7)!.Reason.Should().Be("overlong encoding accepted");
        known.Find("f32", 124).Should().BeNull();
        known.Find("f64", 123).Should().BeNull();
    }

    [TestCase("f32:12")]
    [TestCase("f32 reason")]
    [TestCase("f32:x reason")]
    [TestCase("f32:0 reason")]
    [TestCase(":12 reason")]
    [TestCase("f32:-3 reason")]
    public void Parse_RejectsMalformedLines(string line)
    {
        var act = () => KnownFailures.Parse($"# ok\n{line}\n");

        act.Should().Throw<FormatException>().WithMessage("known-failures.txt:2:*");
    }

    [Test]
    public void Parse_RejectsDuplicates()
    {
        var act = () => KnownFailures.Parse("f32:1 a\nf32:1 b\n");

        act.Should().Throw<FormatException>().WithMessage("*listed twice*");
    }

    [Test]
    public void TheProjectsList_Parses() => KnownFailures.LoadEmbedded().Should().NotBeNull();

    [Test]
    public void Judge_SeparatesUnexpectedKnownAndStale()
    {
        var known = KnownFailures.Parse("t:2 listed and failing\nt:3 listed but passing\nother:2 another file\n");
        var result = new FileResult("t", [
            CommandResult.Pass("t", 1, "module"),
            CommandResult.Fail("t", 2, "assert_return", "x"),
            CommandResult.Pass("t", 3, "assert_return"),
            CommandResult.Fail("t", 4, "assert_trap", "y"),
            CommandResult.Skip("t", 5, "assert_malformed", "text"),
        ]);

        var verdict = FileVerdict.Judge(result, known);

        verdict.Unexpected.Select(c => c.Line).Should().Equal(4);
        verdict.Known.Select(c => c.Line).Should().Equal(2);
        verdict.Stale.Select(k => k.Line).Should().Equal(3);
        verdict.IsClean.Should().BeFalse();
        verdict.Problems().Should().HaveCount(2);
        (result.Passed, result.Failed, result.Skipped).Should().Be((2, 2, 1));
    }

    [Test]
    public void Judge_AllFailuresKnown_IsClean()
    {
        var known = KnownFailures.Parse("t:2 reason\n");
        var result = new FileResult("t", [CommandResult.Fail("t", 2, "assert_return", "x"), CommandResult.Fail("t", 2, "assert_return", "y")]);

        FileVerdict.Judge(result, known).IsClean.Should().BeTrue();
    }
}
