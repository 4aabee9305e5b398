using HealthWatch.Cli.CommandLine;
using HealthWatch.Cli.Probes;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Cli.Commands;

/// <summary><c>healthwatch run</c>: runs a probe with the grants and limits given, and prints its result as JSON.</summary>
internal sealed class RunCommand : ICommand
{
    private const string Config = "--config";
    private const string AllowHttp = "--allow-http";
    private const string Allow = "--allow";
    private const string Manifest = "--manifest";
    private const string Fuel = "--fuel";
    private const string Timeout = "--timeout";
    private const string MemoryPages = "--memory-pages";

    public string Name => "run";

    public string Summary => "run a health probe with explicit grants and print its result as JSON";

    public string Synopsis => "run <probe.wasm> [--config JSON|@FILE] [--allow-http HOSTS] [--allow CAPABILITY]... [options]\n       healthwatch run --manifest FILE [<probe.wasm>] [options]";

    public string Description =>
        """
        Runs a probe (see docs/probe-abi.md) through the probe runtime on the engine --engine names
        (default auto: wasmtime when libwasmtime loads, else managed) and prints
        its result as JSON on stdout: success, message, metrics, data, logs, usage and latencyMs.

        The probe gets exactly the capabilities granted, nothing else; a probe that imports something
        of a capability not granted does not run. Grants:
          --allow-http 127.0.0.1:8080,example.com   the http capability for these hosts (host[:port])
          --allow log                               a capability without options (log, clock, random, ...)
          --allow 'tcp={"allow":["db:5432"]}'       a capability with its grant options as JSON
        A manifest (docs/manifest.schema.json) gives the module, config, grants and limits in one
        file; the module path, --config, grant and limit options given with it override its values.

        Errors that stop the run before the probe starts (a capability not granted, a bad manifest,
        grant or config, a bad module) are printed in the same JSON shape: success false, latencyMs 0,
        error {kind, message}.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Config, "JSON|@FILE", "the probe's config: JSON text, or @ and a file holding it (default {})"),
        new(AllowHttp, "HOSTS", "grant http for these comma-separated host[:port] patterns"),
        new(Allow, "CAPABILITY[=JSON]", "grant a capability, with its options as JSON if it has any (repeatable)", Repeatable: true),
        new(Manifest, "FILE", "read module, config, grants and limits from a manifest"),
        new(Fuel, "N", "instruction budget (default 1000000000)"),
        new(Timeout, "MS", "wall-clock budget in milliseconds (default 30000)"),
        new(MemoryPages, "N", "the most 64 KiB pages the probe's memory may grow to (default 1024)"),
        EngineOption.Spec,
    ];

    public int Run(ParsedArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        var manifestPath = arguments.GetString(Manifest);
        if (arguments.Positionals.Count > 1 || (arguments.Positionals.Count == 0 && manifestPath is null))
        {
            throw CliException.Usage("expected one probe module file (or --manifest FILE)");
        }

        var limits = ReadLimitOverrides(arguments);
        var capabilities = CapabilityRegistry.CreateDefault();
        using var engine = EngineOption.Create(arguments, stderr);
        ProbeResult result;
        try
        {
            result = Execute(engine, ReadRequest(arguments, manifestPath, limits, capabilities), capabilities);
        }
        catch (Exception e) when (RunFailure.From(e) is { } failure)
        {
            stdout.WriteLine(ProbeResultJson.Serialize(failure.Result, indented: true));
            return failure.ExitCode;
        }

        stdout.WriteLine(ProbeResultJson.Serialize(result, indented: true));
        return result switch
        {
            { Success: true } => ExitCodes.Success,

            // Not a failed check but a broken probe (an import the host lacks, a missing export): no run could pass.
            { Error.Kind: ProbeErrorKind.AbiViolation } => ExitCodes.LinkError,
            _ => ExitCodes.ProbeFailed,
        };
    }

    /// <summary>The run the options describe: the manifest's, if any, with the options over it.</summary>
    private static RunRequest ReadRequest(ParsedArguments arguments, string? manifestPath, Func<ProbeLimits, ProbeLimits> limits, CapabilityRegistry capabilities)
    {
        var manifest = manifestPath is null ? null : RunRequest.LoadManifest(manifestPath, capabilities);
        var grants = manifest?.Grants ?? new ProbeGrants();
        ProbeGrantFlags.Apply(grants, capabilities, arguments.GetAll(Allow), arguments.GetString(AllowHttp));
        return new RunRequest(
            arguments.Positionals.Count == 1 ? arguments.Positionals[0] : manifest!.ModulePath,
            arguments.GetString(Config) is { } config ? RunRequest.ReadConfig(config) : manifest?.ConfigJson,
            grants,
            limits(manifest?.Limits ?? ProbeLimits.Default));
    }

    private static ProbeResult Execute(IWasmEngine engine, RunRequest request, CapabilityRegistry capabilities)
    {
        using var runtime = new ProbeRuntime(engine, capabilities: capabilities);

        // A console command has no synchronization context, so waiting on the runtime's tasks cannot deadlock.
        var module = runtime.LoadModuleAsync(ModuleFile.Read(request.ModulePath)).GetAwaiter().GetResult();
        return runtime.ExecuteProbeAsync(module, request.ConfigJson, request.Grants, request.Limits).GetAwaiter().GetResult();
    }

    /// <summary>Reads the limit options now, so a bad value is a usage error before anything is loaded.</summary>
    private static Func<ProbeLimits, ProbeLimits> ReadLimitOverrides(ParsedArguments arguments)
    {
        var fuel = arguments.GetInt64(Fuel, 1, long.MaxValue);
        var timeout = arguments.GetInt64(Timeout, 1, int.MaxValue);
        var pages = arguments.GetInt64(MemoryPages, 1, 65536);
        return limits => limits with
        {
            Fuel = fuel ?? limits.Fuel,
            Timeout = timeout is { } ms ? TimeSpan.FromMilliseconds(ms) : limits.Timeout,
            MemoryPages = pages is { } n ? (uint)n : limits.MemoryPages,
        };
    }
}
