using System.Diagnostics;

namespace HealthWatch.Cli.Tests;

/// <summary>healthwatch against node's WebAssembly on the C test modules (tests/modules/cases.json).</summary>
public class NodeComparisonTests
{
    public static IEnumerable<TestCaseData> CommittedCases() =>
        ExpectedCase.LoadCommitted().Select(c => new TestCaseData(c).SetArgDisplayNames(c.ToString()));

    [TestCaseSource(nameof(CommittedCases))]
    public void Invoke_CommittedCase_PrintsWhatNodeComputed(ExpectedCase expected)
    {
        var actual = Cli.Invoke(expected.Module, expected.Export, expected.Args);

        expected.Mismatch(actual).Should().BeNull();
    }

    [Test]
    public void ExpectedJson_CoversEveryCModuleAndTraps()
    {
        var cases = ExpectedCase.LoadCommitted();
        var cModules = Directory.GetFiles(Path.Combine(Cli.ModulesDirectory, "c"), "*.wasm").Select(p => $"c/{Path.GetFileName(p)}");

        cases.Select(c => c.Module).Distinct().Should().BeEquivalentTo(cModules);
        cases.Should().Contain(c => c.Trap != null);
    }

    [Test]
    public void Invoke_EveryCaseRunLiveUnderNode_PrintsWhatNodeComputes()
    {
        var node = FindOnPath("node");
        if (node is null)
        {
            Assert.Ignore("node not found");
        }

        var live = ExpectedCase.Parse(RunNode(node, Path.Combine(Cli.ModulesDirectory, "node-invoke.mjs"), Path.Combine(Cli.ModulesDirectory, "cases.json")));

        live.Should().NotBeEmpty();
        live.Select(c => c.Mismatch(Cli.Invoke(c.Module, c.Export, c.Args))).Where(m => m != null).Should().BeEmpty();
    }

    private static string RunNode(string node, params string[] args)
    {
        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(2)).Should().BeTrue("node should finish");
        process.ExitCode.Should().Be(0, "node failed: {0}", stderr.Result);
        return stdout;
    }

    internal static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
