using System.Diagnostics;

namespace HealthWatch.Cli.Tests.Sidecar;

/// <summary>The sidecar as an editor extension meets it: a separate process driven by npm's vscode-jsonrpc (Sidecar/client/client.mjs).</summary>
public class SidecarNodeClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Test]
    public void NodeClient_VscodeJsonRpcDrivesServeStdio_AllChecksPass()
    {
        var node = NodeComparisonTests.FindOnPath("node");
        var npm = NodeComparisonTests.FindOnPath("npm");
        if (node is null || npm is null)
        {
            Assert.Ignore("node not found");
        }

        var client = Path.Combine(AppContext.BaseDirectory, "Sidecar", "client");
        if (!Directory.Exists(Path.Combine(client, "node_modules")))
        {
            Run(npm, client, "ci", "--no-audit", "--no-fund");
        }

        // healthwatch.dll next to the tests cannot start alone: Microsoft.Extensions.Logging.Abstractions comes from the
        // ASP.NET Core framework the tests reference, so it is not copied. The tests' runtimeconfig and deps bring it.
        var tests = Path.Combine(AppContext.BaseDirectory, typeof(SidecarNodeClientTests).Assembly.GetName().Name!);
        var output = Run(
            node, client, "client.mjs", Cli.Probe("http-status.wasm"),
            "exec", "--runtimeconfig", $"{tests}.runtimeconfig.json", "--depsfile", $"{tests}.deps.json", Path.Combine(AppContext.BaseDirectory, "healthwatch.dll"));

        output.Should().Contain("ok   exit after shutdown ends with code 0").And.NotContain("FAIL");
    }

    private static string Run(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit(Timeout).Should().BeTrue($"{Path.GetFileName(program)} should finish");
        process.ExitCode.Should().Be(0, "{0} {1} failed:\n{2}{3}", Path.GetFileName(program), string.Join(' ', args), stdout, stderr.Result);
        return stdout;
    }
}
