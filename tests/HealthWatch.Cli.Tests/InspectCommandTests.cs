namespace HealthWatch.Cli.Tests;

/// <summary><c>healthwatch inspect</c>: imports with their capabilities, exports, required capabilities and ABI fit.</summary>
public class InspectCommandTests
{
    [Test]
    public void Inspect_HttpStatus_ListsImportsWithCapabilitiesAndExports()
    {
        var result = Cli.Run("inspect", Cli.Probe("http-status.wasm"));

        result.ShouldExit(0);
        result.Stdout.Should().MatchRegex(@"healthwatch\.http_send +func \(i32, i32\) -> \(i32\) +http\n")
            .And.MatchRegex(@"healthwatch\.set_result +func \(i32, i32\) -> \(i32\) +\w+ \(always granted\)\n")
            .And.MatchRegex(@"\n  hw_probe +func \(i32, i32\) -> \(i32\)\n")
            .And.Contain("\nRequired capabilities: http\n")
            .And.Contain("\nProbe ABI: ok\n");
    }

    [Test]
    public void Inspect_HttpStatusAsJson_GivesTheSameFacts()
    {
        var json = Cli.Run("inspect", Cli.Probe("http-status.wasm"), "--json").Json;

        json.GetProperty("requiredCapabilities").EnumerateArray().Select(c => c.GetString()).Should().Equal("http");
        var imports = json.GetProperty("imports").EnumerateArray().ToList();
        imports.Should().Contain(i => i.GetProperty("name").GetString() == "http_send"
            && i.GetProperty("capability").GetString() == "http" && i.GetProperty("needsGrant").GetBoolean());
        imports.Should().Contain(i => i.GetProperty("name").GetString() == "set_result" && !i.GetProperty("needsGrant").GetBoolean());
        json.GetProperty("exports").EnumerateArray().Select(e => e.GetProperty("name").GetString())
            .Should().Contain(["memory", "hw_alloc", "hw_probe"]);
        json.GetProperty("abiProblems").GetArrayLength().Should().Be(0);
        json.GetProperty("sha256").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Test]
    public void Inspect_FilesystemImport_RequiresFilesystem()
    {
        var json = Cli.Run("inspect", Cli.Probe("hostile/filesystem-import.wasm"), "--json").Json;

        json.GetProperty("requiredCapabilities").EnumerateArray().Select(c => c.GetString()).Should().Equal("filesystem");
        json.GetProperty("imports").EnumerateArray().Should().Contain(i =>
            i.GetProperty("module").GetString() == "wasi_snapshot_preview1" && i.GetProperty("name").GetString() == "path_open"
            && i.GetProperty("capability").GetString() == "filesystem");
    }

    [Test]
    public void Inspect_UnknownImport_IsAnAbiProblem()
    {
        var result = Cli.Run("inspect", Cli.Probe("hostile/unknown-import.wasm"));

        result.ShouldExit(0);
        result.Stdout.Should().Contain("env.foo").And.Contain("(no capability provides it)")
            .And.Contain("Required capabilities: unknown:env.foo")
            .And.Contain("Probe ABI problems:\n  import env.foo: no capability provides it, so the probe cannot run\n");
    }

    [Test]
    public void Inspect_ModuleThatIsNotAProbe_ListsTheMissingExports()
    {
        var result = Cli.Run("inspect", Cli.Module("c/fib.wasm"));

        result.ShouldExit(0);
        result.Stdout.Should().Contain("Imports (0):\n  (none)\n")
            .And.Contain("Required capabilities: none\n")
            .And.Contain("  missing export hw_alloc (func (i32) -> (i32))\n")
            .And.Contain("  missing export hw_probe (func (i32, i32) -> (i32))\n");
    }

    [Test]
    public void Inspect_MissingFile_ReportsBadModule()
    {
        var result = Cli.Run("inspect", Cli.Probe("missing.wasm"));

        result.ShouldExit(3);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("error: cannot read ");
    }
}
