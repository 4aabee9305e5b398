namespace HealthWatch.Cli.Tests;

public class CliAppTests
{
    [TestCase("--help")]
    [TestCase("-h")]
    public void Run_Help_ListsCommandsAndExitCodes(string option)
    {
        var result = Cli.Run(option);

        result.ShouldExit(0);
        result.Stdout.Should().Contain("invoke").And.Contain("Exit codes:").And.Contain("4  link error");
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
            .And.Contain("-h, --help").And.Contain("Exit codes:");
    }

    [Test]
    public void Run_InvokeHelpAfterOtherArguments_StillShowsHelp()
    {
        var result = Cli.Run("invoke", "missing.wasm", "f", "--help");

        result.ShouldExit(0);
        result.Stdout.Should().StartWith("Usage: healthwatch invoke");
    }
}
