using HealthWatch.Cli.CommandLine;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;

namespace HealthWatch.Cli.Commands;

/// <summary><c>healthwatch invoke</c>: calls one export of a module that has no imports and prints its results.</summary>
internal sealed class InvokeCommand : ICommand
{
    private const string Fuel = "--fuel";
    private const string Timeout = "--timeout";
    private const string MaxMemoryPages = "--max-memory-pages";

    public string Name => "invoke";

    public string Summary => "call an exported function and print its results";

    public string Synopsis => "invoke <module.wasm> <export> [args...] [options]";

    public string Description =>
        """
        Loads the module with the managed engine, instantiates it without imports, calls the
        exported function <export> and prints each result on its own line.

        Arguments are parsed by the export's parameter types:
          i32, i64  signed decimal (-1), or unsigned decimal or hex for the same bits (4294967295, 0xffffffff)
          f32, f64  decimal (1.5, -0, 2e-3), nan, inf, -inf
        Results: integers in signed decimal; floats as the shortest decimal that round-trips (NaN, Infinity, -0).
        A trap prints 'trap: <message>' and the WebAssembly backtrace on stderr.
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Fuel, "N", "trap with 'out of fuel' after about N instructions"),
        new(Timeout, "MS", "interrupt execution after MS milliseconds"),
        new(MaxMemoryPages, "N", "limit each memory to N 64 KiB pages (memory.grow past it returns -1)"),
    ];

    public int Run(ParsedArguments arguments, TextWriter stdout, TextWriter stderr)
    {
        if (arguments.Positionals.Count < 2)
        {
            throw CliException.Usage("expected a module file and an export name");
        }

        var (path, exportName) = (arguments.Positionals[0], arguments.Positionals[1]);
        var limits = ReadLimits(arguments);
        var timeout = arguments.GetInt64(Timeout, 1, int.MaxValue);

        using var engine = new ManagedEngine();
        using var module = ModuleFile.Load(engine, path);
        var type = FindFunctionExport(module, exportName);

        // Checked before instantiation, so that a mistyped argument never runs the start function.
        var parameters = ValueParser.ParseArguments(exportName, type, arguments.Positionals.Skip(2).ToList());
        RequireNoImports(module);

        using var store = engine.CreateStore(limits);
        using var deadline = timeout is { } ms ? new CancellationTokenSource(TimeSpan.FromMilliseconds(ms)) : new CancellationTokenSource();
        var instance = store.Instantiate(module, cancellationToken: deadline.Token);
        var function = instance.GetFunction(exportName)
            ?? throw new InvalidOperationException($"The instance lacks the function export '{exportName}' its module declares.");
        var results = new WasmValue[type.Results.Count];
        function.Invoke(parameters, results, deadline.Token);
        foreach (var result in results)
        {
            stdout.WriteLine(result.ToString());
        }

        return ExitCodes.Success;
    }

    private static WasmStoreLimits ReadLimits(ParsedArguments arguments) => WasmStoreLimits.Default with
    {
        Fuel = arguments.GetInt64(Fuel, 0, long.MaxValue),
        MaxMemoryPages = (uint)(arguments.GetInt64(MaxMemoryPages, 0, uint.MaxValue) ?? WasmStoreLimits.Default.MaxMemoryPages),
    };

    private static FuncType FindFunctionExport(IWasmModule module, string name)
    {
        var functions = module.Exports.Where(e => e.Kind == ExternKind.Function).Select(e => e.Name).ToList();
        var available = functions.Count == 0 ? "the module exports no functions" : $"function exports: {string.Join(", ", functions)}";
        var export = module.Exports.FirstOrDefault(e => e.Name == name)
            ?? throw CliException.Usage($"no export named '{name}'; {available}");
        return export.Type as FuncType
            ?? throw CliException.Usage($"export '{name}' is a {export.Kind.ToString().ToLowerInvariant()}, not a function; {available}");
    }

    private static void RequireNoImports(IWasmModule module)
    {
        if (module.Imports.Count > 0)
        {
            var first = module.Imports[0];
            var type = first.Type is FuncType function ? $"func {function}" : first.Type.ToString();
            throw new CliException(
                ExitCodes.LinkError,
                $"cannot instantiate: unknown import \"{first.Module}\" \"{first.Name}\" ({type}); invoke provides no imports");
        }
    }
}
