namespace HealthWatch.Cli.Tests;

public class CliAppTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    public void Run_Help_ListsCommandsAndExitCodes(string option)
    {
        var result = Cli.Run(option);

        result.ShouldExit(0);
        result.Stdout.Should().Contain("invoke").And.Contain("run").And.Contain("inspect")
            .And.Contain("Exit codes:").And.Contain("4  link error").And.Contain("6  run: the probe needs a capability");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public void Run_Version_PrintsNameAndVersion()
    {
        var result = Cli.Run("--version");

        result.ShouldExit(0);
        result.Stdout.Should().MatchRegex(@"^healthwatch \d+\.\d+\.\d+\S*\n$");
    }

    [Test]
    public void Run_NoArguments_PrintsHelpToStderrWithUsageCode()
    {
        var result = Cli.Run();

        result.ShouldExit(2);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("Usage: healthwatch <command>");
    }

    [Test]
    public void Run_UnknownCommand_ReportsUsageError()
    {
        var result = Cli.Run("frobnicate");

        result.ShouldExit(2);
        result.StderrLines.Should().Equal("error: unknown command 'frobnicate'", "Run 'healthwatch --help' for usage.");
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public void Run_InvokeHelp_DescribesArgumentsOptionsAndExitCodes(string option)
    {
        var result = Cli.Run("invoke", option);

        result.ShouldExit(0);
        result.Stdout.Should().StartWith("Usage: healthwatch invoke <module.wasm> <export> [args...]")
            .And.Contain("--fuel N").And.Contain("--timeout MS").And.Contain("--max-memory-pages N")
            .And.Contain("--repeat R").And.Contain("--warmup W").And.Contain("timing: compile_ms=")
            .And.Contain("-h, --help").And.Contain("Exit codes:");
    }

    [Test]
    public void Run_InvokeHelpAfterOtherArguments_StillShowsHelp()
    {
        var result = Cli.Run("invoke", "missing.wasm", "f", "--help");

        result.ShouldExit(0);
        result.Stdout.Should().StartWith("Usage: healthwatch invoke");
    }

    [Test]
    public void Run_RunHelp_DescribesGrantsManifestAndExitCodes()
    {
        var result = Cli.Run("run", "--help");

        result.ShouldExit(0);
        result.Stdout.Should().StartWith("Usage: healthwatch run <probe.wasm>")
            .And.Contain("--allow-http HOSTS").And.Contain("--allow CAPABILITY[=JSON]").And.Contain("--manifest FILE")
            .And.Contain("--fuel N").And.Contain("--timeout MS").And.Contain("--memory-pages N")
            .And.Contain("7  run: bad manifest, grant, config or limit");
    }

    [Test]
    public void Run_InspectHelp_DescribesTheJsonOption()
    {
        var result = Cli.Run("inspect", "-h");

        result.ShouldExit(0);
        result.Stdout.Should().StartWith("Usage: healthwatch inspect <module.wasm> [--json]").And.Contain("--json");
    }
}
