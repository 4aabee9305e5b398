using HealthWatch.Runtime.Conformance;

namespace HealthWatch.Runtime.Tests.Conformance;

/// <summary>
/// The WebAssembly core spec suite, one test case per engine and .wast file: each passes when every failing
/// command is listed in tests/HealthWatch.Runtime.Conformance/known-failures.txt and no listed one passes.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public class SpecSuiteTests
{
    private const int MaxProblemsShown = 40;
    private const string SuiteMissing = "(suite missing)";

    private static readonly Lazy<KnownFailures> Known = new(KnownFailures.LoadEmbedded);

    public static IEnumerable<TestCaseData> Files()
    {
        var directory = SpecSuite.DefaultDirectory();
        var files = directory is not null && Directory.Exists(directory) ? SpecSuite.ListFiles(directory) : [SuiteMissing];
        return SpecEngines.All.Keys.SelectMany(engine => files.Select(file => new TestCaseData(engine, file).SetName($"Spec({engine}, {file})")));
    }

    [TestCaseSource(nameof(Files))]
    public void SpecFile_FailsOnlyKnownFailures(string engineName, string file)
    {
        var directory = SpecSuite.DefaultDirectory();
        if (file == SuiteMissing || directory is null || !Directory.Exists(directory))
        {
            Assert.Ignore(
                $"WebAssembly spec suite not found at {directory ?? "(no repository root)"}: set {SpecSuite.DirectoryVariable}, " +
                $"or put it at {SpecSuite.RelativeToRepository} relative to the repository root.");
        }

        using var engine = SpecEngines.All[engineName]();
        var verdict = FileVerdict.Judge(SpecFileRunner.Run(engine, directory!, file), Known.Value);

        var problems = verdict.Problems().ToList();
        if (problems.Count > 0)
        {
            var more = problems.Count > MaxProblemsShown ? $"{Environment.NewLine}... and {problems.Count - MaxProblemsShown} more" : string.Empty;
            Assert.Fail(
                $"{file}: {verdict.Result.Passed} passed, {verdict.Result.Failed} failed ({verdict.Known.Count} known), {problems.Count} problems:" +
                $"{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(MaxProblemsShown))}{more}");
        }
    }
}
