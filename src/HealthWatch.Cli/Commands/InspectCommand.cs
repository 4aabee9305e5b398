using HealthWatch.Cli.CommandLine;
using HealthWatch.Cli.Probes;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.DependencyInjection;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Cli.Commands;

/// <summary><c>healthwatch inspect</c>: what a module imports and exports, and which capabilities a run must grant it.</summary>
internal sealed class InspectCommand : ICommand
{
    private const string Json = "--json";

    public string Name => "inspect";

    public string Summary => "list a module's imports, exports and required capabilities";

    public string Synopsis => "inspect <module.wasm> [--json]";

    public string Description =>
        """
        Loads (validates and compiles) the module without running it and lists its imports, each with
        the capability that provides it, its exports, the capabilities a run must grant, and whether it
        has what the probe ABI needs (docs/probe-abi.md): memory, hw_alloc, hw_probe, and only imports
        the host provides, with the right types.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } = [new(Json, null, "print JSON instead of text")];

    public int Run(ParsedArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        if (arguments.Positionals.Count != 1)
        {
            throw CliException.Usage("expected one module file");
        }

        var path = arguments.Positionals[0];
        var capabilities = CapabilityRegistry.CreateDefault();
        using var engine = WasmEngineFactory.Create(WasmEngineKind.Auto).Engine;
        using var runtime = new ProbeRuntime(engine, capabilities: capabilities);

        // A console command has no synchronization context, so waiting on the runtime's task cannot deadlock.
        var module = runtime.LoadModuleAsync(ModuleFile.Read(path)).GetAwaiter().GetResult();
        var report = ModuleReport.Create(path, module, capabilities);
        stdout.Write(arguments.HasOption(Json) ? ModuleReportWriter.ToJson(report) : ModuleReportWriter.ToText(report));
        return ExitCodes.Success;
    }
}
