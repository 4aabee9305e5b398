using System.Diagnostics;
using System.Globalization;
using HealthWatch.Cli.CommandLine;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Cli.Commands;

/// <summary><c>healthwatch invoke</c>: calls one export of a module that has no imports and prints its results.</summary>
internal sealed class InvokeCommand : ICommand
{
    private const string Fuel = "--fuel";
    private const string Timeout = "--timeout";
    private const string MaxMemoryPages = "--max-memory-pages";
    private const string Repeat = "--repeat";
    private const string Warmup = "--warmup";

    // Bounds the array of timed durations; a benchmark needs far fewer calls.
    private const int MaxCalls = 1_000_000;

    public string Name => "invoke";

    public string Summary => "call an exported function and print its results";

    public string Synopsis => "invoke <module.wasm> <export> [args...] [options]";

    public string Description =>
        """
        Loads the module with the engine --engine names (default auto: wasmtime when libwasmtime
        loads, else managed), instantiates it without imports, calls the
        exported function <export> and prints each result on its own line.

        Arguments are parsed by the export's parameter types:
          i32, i64  signed decimal (-1), or unsigned decimal or hex for the same bits (4294967295, 0xffffffff)
          f32, f64  decimal (1.5, -0, 2e-3), nan, inf, -inf
        Results: integers in signed decimal; floats as the shortest decimal that round-trips (NaN, Infinity, -0).
        A trap prints 'trap: <message>' and the WebAssembly backtrace on stderr.

        With --repeat or --warmup the export is called W times untimed, then R times timed, in one
        instance (results are printed once), and the last line on stderr is
          timing: compile_ms=X instantiate_ms=X first_call_ms=X median_call_ms=X
        compile is loading the module, first call the first of all calls, median over the R timed calls.
        Without --fuel the engine's code does not meter fuel (it still checks --timeout).
        """;

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(Fuel, "N", "trap with 'out of fuel' after about N instructions"),
        new(Timeout, "MS", "interrupt execution after MS milliseconds"),
        new(MaxMemoryPages, "N", "limit each memory to N 64 KiB pages (memory.grow past it returns -1)"),
        new(Repeat, "R", "time R calls (default 1 with --warmup) and print the timing line"),
        new(Warmup, "W", "make W untimed calls before the timed ones (default 0)"),
        EngineOption.Spec,
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
        var repeat = arguments.GetInt64(Repeat, 1, MaxCalls);
        var warmup = arguments.GetInt64(Warmup, 0, MaxCalls);
        var timed = repeat is not null || warmup is not null;

        // Without --fuel nothing ever sets a fuel limit, so the code need not meter it (as V8 and wasmtime's CLI).
        using var engine = EngineOption.Create(arguments, stderr, meterFuel: limits.Fuel is not null);
        var bytes = ModuleFile.Read(path);
        var start = Stopwatch.GetTimestamp();
        using var module = engine.LoadModule(bytes);
        var compile = Stopwatch.GetElapsedTime(start);
        var type = FindFunctionExport(module, exportName);

        // Checked before instantiation, so that a mistyped argument never runs the start function.
        var parameters = ValueParser.ParseArguments(exportName, type, arguments.Positionals.Skip(2).ToList());
        RequireNoImports(module);

        using var store = engine.CreateStore(limits);
        using var deadline = timeout is { } ms ? new CancellationTokenSource(TimeSpan.FromMilliseconds(ms)) : new CancellationTokenSource();
        start = Stopwatch.GetTimestamp();
        var instance = store.Instantiate(module, cancellationToken: deadline.Token);
        var instantiate = Stopwatch.GetElapsedTime(start);
        var function = instance.GetFunction(exportName)
            ?? throw new InvalidOperationException($"The instance lacks the function export '{exportName}' its module declares.");
        var results = new WasmValue[type.Results.Count];
        var calls = new CallTimes((int)(warmup ?? 0), (int)(repeat ?? 1));
        for (var call = 0; call < calls.Total; call++)
        {
            start = Stopwatch.GetTimestamp();
            function.Invoke(parameters, results, deadline.Token);
            calls.Record(call, Stopwatch.GetElapsedTime(start));
        }

        foreach (var result in results)
        {
            stdout.WriteLine(result.ToString());
        }

        if (timed)
        {
            stderr.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"timing: compile_ms={Milliseconds(compile)} instantiate_ms={Milliseconds(instantiate)} first_call_ms={Milliseconds(calls.First)} median_call_ms={Milliseconds(calls.Median())}"));
        }

        return ExitCodes.Success;
    }

    private static string Milliseconds(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture);

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

    /// <summary>The durations of <c>warmup + repeat</c> calls: the first call's, and the median of the last <c>repeat</c>.</summary>
    private sealed class CallTimes(int warmup, int repeat)
    {
        private readonly TimeSpan[] timed = new TimeSpan[repeat];

        public int Total => warmup + repeat;

        public TimeSpan First { get; private set; }

        public void Record(int call, TimeSpan elapsed)
        {
            if (call == 0)
            {
                First = elapsed;
            }

            if (call >= warmup)
            {
                timed[call - warmup] = elapsed;
            }
        }

        public TimeSpan Median()
        {
            Array.Sort(timed);
            var middle = timed.Length / 2;
            return timed.Length % 2 == 1 ? timed[middle] : (timed[middle - 1] + timed[middle]) / 2;
        }
    }
}
