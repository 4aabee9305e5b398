using HealthWatch.Runtime.Conformance;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Tests.Engines;

namespace HealthWatch.Runtime.Tests.Conformance;

/// <summary>
/// The WebAssembly core spec suite, once per engine of <see cref="EngineFixtureSource"/>, one test case per .wast
/// file: a case passes when every failing command is listed in tests/HealthWatch.Runtime.Conformance/known-failures.txt
/// and every listed one still fails.
/// </summary>
[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
[Parallelizable(ParallelScope.Children)]
public sealed class SpecSuiteTests(EngineFactory factory)
{
    private const int MaxProblemsShown = 40;
    private const string SuiteMissing = "(suite missing)";

    private static readonly Lazy<KnownFailures> Known = new(KnownFailures.LoadEmbedded);

    // Engines are thread-safe and each file gets its own store, so the parallel cases share one engine.
    private IWasmEngine _engine = null!;

    public static IEnumerable<TestCaseData> Files()
    {
        var directory = SpecSuite.DefaultDirectory();
        var files = directory is not null && Directory.Exists(directory) ? SpecSuite.ListFiles(directory) : [SuiteMissing];
        return files.Select(file => new TestCaseData(file).SetArgDisplayNames(file));
    }

    [OneTimeSetUp]
    public void CreateEngine() => _engine = factory.CreateIfAvailable()!;

    [SetUp]
    public void SkipIfEngineUnavailable() => factory.IgnoreIfUnavailable();

    [OneTimeTearDown]
    public void DisposeEngine() => _engine?.Dispose();

    [TestCaseSource(nameof(Files))]
    public void SpecFile_FailsOnlyKnownFailures(string file)
    {
        var directory = SpecSuite.DefaultDirectory();
        if (file == SuiteMissing || directory is null || !Directory.Exists(directory))
        {
            Assert.Ignore(
                $"WebAssembly spec suite not found at {directory ?? "(no repository root)"}: set {SpecSuite.DirectoryVariable}, " +
                $"or put it at {SpecSuite.RelativeToRepository} relative to the repository root.");
        }

        var verdict = FileVerdict.Judge(SpecFileRunner.Run(_engine, directory!, file), Known.Value);

        var problems = verdict.Problems().ToList();
        if (problems.Count > 0)
        {
            var more = problems.Count > MaxProblemsShown ? $"{Environment.NewLine}... and {problems.Count - MaxProblemsShown} more" : string.Empty;
            Assert.Fail(
                $"{file} on {factory}: {verdict.Result.Passed} passed, {verdict.Result.Failed} failed ({verdict.Known.Count} known), {problems.Count} problems:" +
                $"{Environment.NewLine}{string.Join(Environment.NewLine, problems.Take(MaxProblemsShown))}{more}");
        }
    }
}
