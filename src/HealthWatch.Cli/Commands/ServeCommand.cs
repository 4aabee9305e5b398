using HealthWatch.Cli.CommandLine;
using HealthWatch.Cli.Sidecar;

namespace HealthWatch.Cli.Commands;

/// <summary><c>healthwatch serve --stdio</c>: the editor-extension sidecar, JSON-RPC 2.0 on stdin/stdout (docs/sidecar.md).</summary>
internal sealed class ServeCommand : ICommand
{
    private const string Stdio = "--stdio";

    public string Name => "serve";

    public string Summary => "run as a sidecar speaking JSON-RPC 2.0 on stdin/stdout (for editor extensions)";

    public string Synopsis => "serve --stdio";

    public string Description =>
        """
        Serves JSON-RPC 2.0 with LSP-style framing (Content-Length headers) on stdin and stdout, as
        vscode-jsonrpc speaks it: initialize, module/load, module/unload, probe/run, probe/schedule
        (results as probe/result notifications), probe/cancel, shutdown and the exit notification.
        Logs go to stderr. The protocol is in docs/sidecar.md.

        Ends at the end of stdin (exit code 0) or on exit: 0 after shutdown, 1 without it.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Stdio, null, "serve on stdin/stdout (the only transport)"),
    ];

    public int Run(ParsedArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        if (!arguments.HasOption(Stdio) || arguments.Positionals.Count > 0)
        {
            throw CliException.Usage("expected 'serve --stdio'");
        }

        // The protocol is bytes, not text: the raw streams, so no console encoding or newline translation touches a frame.
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        return SidecarServer.RunAsync(input, output, stderr).GetAwaiter().GetResult();
    }
}
