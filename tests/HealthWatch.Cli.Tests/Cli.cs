using System.Text.Json;
using HealthWatch.Cli;

namespace HealthWatch.Cli.Tests;

/// <summary>What one in-process run of the command line printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Stdout parsed as one JSON document.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Asserts the exit code, showing both outputs when it differs.</summary>
    public void ShouldExit(int exitCode) =>
        ExitCode.Should().Be(exitCode, "the command printed:\n{0}{1}", Stdout, Stderr);
}

/// <summary>Runs <c>healthwatch</c> in-process and finds the test modules copied next to the test assembly.</summary>
internal static class Cli
{
    public static string ModulesDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "modules");

    public static string Module(string relativePath) => Path.Combine(ModulesDirectory, relativePath);

    /// <summary>A sample probe from <c>samples/probes</c>, e.g. <c>http-status.wasm</c> or <c>hostile/trap.wasm</c>.</summary>
    public static string Probe(string relativePath) => Path.Combine(AppContext.BaseDirectory, "probes", relativePath);

    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs <c>healthwatch invoke MODULE EXPORT ARGS...</c> with the module path resolved.</summary>
    public static CliResult Invoke(string module, string export, params string[] rest) =>
        Run(["invoke", Module(module), export, .. rest]);
}
