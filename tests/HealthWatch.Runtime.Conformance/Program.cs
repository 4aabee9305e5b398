using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Engines.Wasmtime;

namespace HealthWatch.Runtime.Conformance;

/// <summary>
/// Runs the WebAssembly spec suite and prints one line per file and a final
/// <c>spec: N passed, M failed, K skipped</c> line. Exit code: 0 when every failure is a known failure and no
/// known failure passes, 1 otherwise, 2 when the suite folder is missing or the arguments are wrong. An engine that
/// cannot run here (wasmtime without its library) skips the run: one line saying why, exit code 0.
/// </summary>
internal static class Program
{
    private const int MaxProblemsPerFile = 10;

    // The only place that names concrete engines: how to create each, and why it cannot run here (null when it can).
    private static readonly Dictionary<string, (Func<IWasmEngine> Create, Func<string?> Unavailable)> Engines = new(StringComparer.Ordinal)
    {
        ["managed"] = (() => new ManagedEngine(), () => null),
        ["managed-compiled"] = (() => new ManagedEngine(new ManagedEngineOptions { Tiering = ManagedTiering.CompiledOnly }), () => null),
        ["managed-interpreted"] = (() => new ManagedEngine(new ManagedEngineOptions { Tiering = ManagedTiering.InterpretedOnly }), () => null),
        ["managed-tierup"] = (() => new ManagedEngine(new ManagedEngineOptions { TierUpThreshold = 2 }), () => null),
        ["wasmtime"] = (() => new WasmtimeEngine(), () => WasmtimeEngine.IsAvailable(out _) ? null : "libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB)"),
    };

    private static int Main(string[] args)
    {
        RunnerArguments arguments;
        try
        {
            arguments = RunnerArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            return Usage(e.Message);
        }

        var engineName = arguments.Engine ?? "managed";
        if (!Engines.TryGetValue(engineName, out var engineEntry))
        {
            return Usage($"unknown engine {engineName}; known: {string.Join(", ", Engines.Keys)}");
        }

        if (engineEntry.Unavailable() is { } reason)
        {
            Console.WriteLine($"spec ({engineName}): skipped: {reason}");
            return 0;
        }

        var directory = arguments.Directory ?? SpecSuite.DefaultDirectory();
        if (directory is null || !Directory.Exists(directory))
        {
            Console.Error.WriteLine(
                $"spec suite not found at {directory ?? $"{SpecSuite.RelativeToRepository} (no {SpecSuite.SolutionFile} above the working directory)"}; pass DIR or set {SpecSuite.DirectoryVariable}");
            return 2;
        }

        var available = SpecSuite.ListFiles(directory);
        var missing = arguments.Files.Where(f => !available.Contains(f)).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"no such spec file in {directory}: {string.Join(", ", missing)}");
            return 2;
        }

        var files = arguments.Files.Count > 0 ? arguments.Files : available;
        var known = KnownFailures.LoadEmbedded();
        using var engine = engineEntry.Create();
        var verdicts = SuiteRun.Run(engine, directory, files, known, arguments.Jobs, v => Report(v, arguments.Verbose));

        // Entries for files that don't exist can never pass or fail: they are stale too.
        var orphans = arguments.Files.Count > 0 ? [] : known.Entries.Where(k => !available.Contains(k.File)).ToList();
        foreach (var orphan in orphans)
        {
            Console.WriteLine($"  {KnownFailures.ResourceName}: {orphan} names no file of the suite: remove it");
        }

        Console.WriteLine(
            $"spec: {verdicts.Sum(v => v.Result.Passed)} passed, {verdicts.Sum(v => v.Result.Failed)} failed, {verdicts.Sum(v => v.Result.Skipped)} skipped");
        return verdicts.All(v => v.IsClean) && orphans.Count == 0 ? 0 : 1;
    }

    private static void Report(FileVerdict verdict, bool verbose)
    {
        var result = verdict.Result;
        var known = verdict.Known.Count > 0 ? $" ({verdict.Known.Count} known)" : string.Empty;
        Console.WriteLine($"{result.Name}: {result.Passed} passed, {result.Failed} failed, {result.Skipped} skipped{known}");
        var problems = verdict.Problems().ToList();
        foreach (var problem in verbose ? problems : problems.Take(MaxProblemsPerFile))
        {
            Console.WriteLine($"  {problem}");
        }

        if (!verbose && problems.Count > MaxProblemsPerFile)
        {
            Console.WriteLine($"  ... and {problems.Count - MaxProblemsPerFile} more (--verbose shows all)");
        }

        if (verbose)
        {
            foreach (var line in verdict.Known.Select(k => $"  known: {k}").Concat(result.Commands.Where(c => c.Note is not null).Select(c => $"  note: {c}")))
            {
                Console.WriteLine(line);
            }
        }
    }

    private static int Usage(string error)
    {
        Console.Error.WriteLine(error);
        Console.Error.WriteLine(RunnerArguments.Usage);
        return 2;
    }
}
