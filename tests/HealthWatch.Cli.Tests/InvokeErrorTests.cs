namespace HealthWatch.Cli.Tests;

/// <summary>Bad modules, link errors and traps: the documented exit code and message, never a .NET stack trace.</summary>
public class InvokeErrorTests
{
    private string _scratch = null!;

    [SetUp]
    public void CreateScratchDirectory() => _scratch = Directory.CreateTempSubdirectory("healthwatch-cli-tests").FullName;

    [TearDown]
    public void DeleteScratchDirectory() => Directory.Delete(_scratch, recursive: true);

    [Test]
    public void Invoke_RandomBytes_ReportsMalformedModule()
    {
        var bytes = new byte[256];
        new Random(1234).NextBytes(bytes);
        var path = Path.Combine(_scratch, "random.wasm");
        File.WriteAllBytes(path, bytes);

        var result = Cli.Run("invoke", path, "f");

        result.ShouldExit(3);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: malformed module: ");
    }

    [Test]
    public void Invoke_TruncatedModule_ReportsMalformedModuleWithOffset()
    {
        var path = Path.Combine(_scratch, "truncated.wasm");
        File.WriteAllBytes(path, File.ReadAllBytes(Cli.Module("c/fib.wasm"))[..40]);

        var result = Cli.Run("invoke", path, "fib", "1");

        result.ShouldExit(3);
        result.StderrLines.Should().ContainSingle().Which.Should().MatchRegex("^error: malformed module: .+ \\(at offset 0x[0-9a-f]+\\)$");
    }

    [Test]
    public void Invoke_MissingFile_ReportsBadModule()
    {
        var path = Path.Combine(_scratch, "missing.wasm");

        var result = Cli.Run("invoke", path, "f");

        result.ShouldExit(3);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith($"error: cannot read '{path}': ");
    }

    [Test]
    public void Invoke_ModuleWithImports_NamesTheFirstImport()
    {
        var result = Cli.Invoke("wat/imports.wasm", "run");

        result.ShouldExit(4);
        result.StderrLines.Should().ContainSingle().Which.Should().Be(
            "error: cannot instantiate: unknown import \"env\" \"log\" (func (i32) -> ()); invoke provides no imports");
    }

    [Test]
    public void Invoke_TrapInNestedCall_PrintsTrapAndBacktraceInnermostFirst()
    {
        var result = Cli.Invoke("wat/trap.wasm", "nested");

        result.ShouldExit(1);
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().Equal("trap: unreachable", "wasm backtrace:", "  0: trap!inner", "  1: trap!middle", "  2: trap!nested");
    }

    [TestCase("div", new[] { "1", "0" }, "integer divide by zero")]
    [TestCase("div", new[] { "-2147483648", "-1" }, "integer overflow")]
    [TestCase("load", new[] { "65533" }, "out of bounds memory access")]
    [TestCase("load", new[] { "-1" }, "out of bounds memory access")]
    [TestCase("recurse", new[] { "0" }, "call stack exhausted")]
    public void Invoke_Trap_PrintsSpecMessageAndExitsWithOne(string export, string[] args, string message)
    {
        var result = Cli.Invoke("wat/trap.wasm", export, args);

        result.ShouldExit(1);
        result.StderrLines[0].Should().Be($"trap: {message}");
        result.StderrLines[1].Should().Be("wasm backtrace:");
        result.StderrLines[2].Should().Be($"  0: trap!{export}");
        result.Stderr.Should().NotContain(" at ");
    }

    [Test]
    public void Invoke_CallStackExhausted_ShowsOnlyTheInnermostFrames()
    {
        var result = Cli.Invoke("wat/trap.wasm", "recurse", "0");

        result.ShouldExit(1);
        result.StderrLines.Length.Should().BeLessThan(40);
        result.StderrLines[^1].Should().MatchRegex(@"^  \.\.\. \d+ more$");
    }

    [Test]
    public void Invoke_StartFunctionTraps_ReportsTrap()
    {
        var result = Cli.Invoke("wat/start_trap.wasm", "never");

        result.ShouldExit(1);
        result.StderrLines.Should().Equal("trap: unreachable", "wasm backtrace:", "  0: start_trap!start");
    }
}
