using System.Collections.Concurrent;
using System.Diagnostics;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;

namespace HealthWatch.Fuzz;

/// <summary>
/// Feeds mutated modules to <see cref="ManagedEngine.LoadModule"/>, and instantiates and calls the ones that load
/// under small limits. Only <see cref="WasmException"/>s may come out: any other exception, an input taking longer
/// than <see cref="SlowInput"/> or a working set above <see cref="MaxWorkingSet"/> is unexpected, and the input is
/// saved. Input i is mutated with <c>new Random(seed, i)</c>-style seeding, so any input can be regenerated.
/// </summary>
internal static class MutationRunner
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(10);

    // A hang that never returns cannot be counted after the fact: the watchdog reports it and ends the process.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);
    private const long MaxWorkingSet = 4L << 30;

    private static readonly WasmStoreLimits Limits = new() { Fuel = 1_000_000, MaxMemoryPages = 16, MaxTableElements = 10_000 };

    public static int Run(int count, int seed, string unexpectedDir, IReadOnlyList<string> roots)
    {
        var corpus = roots.SelectMany(r => Directory.Exists(r) ? Directory.EnumerateFiles(r, "*.wasm", SearchOption.AllDirectories) : [r])
            .Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        using var engine = new ManagedEngine();

        // Most spec modules are meant to be rejected; mutating valid ones reaches the validator, compiler and runtime.
        var valid = corpus.Where(bytes => Loads(engine, bytes)).ToArray();
        var unexpected = 0;
        var loaded = 0;
        var instantiated = 0;
        var running = new ConcurrentDictionary<int, (long Start, byte[] Input)>();
        using var watchdog = new Timer(_ => CheckHang(running, unexpected, seed, unexpectedDir), null, Hang / 4, Hang / 4);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var random = new Random(HashCode.Combine(seed, i));
            var pool = valid.Length > 0 && random.Next(4) != 0 ? valid : corpus;
            var input = Mutator.Mutate(pool[random.Next(pool.Length)], random);
            var start = Stopwatch.GetTimestamp();
            running[i] = (start, input);
            var problem = Check(engine, input, ref loaded, ref instantiated);
            var elapsed = Stopwatch.GetElapsedTime(start);
            running.TryRemove(i, out _);
            problem ??= elapsed > SlowInput ? $"took {elapsed.TotalSeconds:F1} s" : null;
            problem ??= Environment.WorkingSet > MaxWorkingSet ? $"working set {Environment.WorkingSet >> 20} MiB" : null;
            if (problem is not null)
            {
                Interlocked.Increment(ref unexpected);
                Save(unexpectedDir, seed, i, input, problem);
            }
        });
        Console.Error.WriteLine($"mutate: {clock.Elapsed.TotalSeconds:F0} s, {corpus.Length} seed modules ({valid.Length} valid), {loaded} inputs loaded, {instantiated} instantiated");
        Console.WriteLine($"mutate: {count} inputs, {unexpected} unexpected");
        return unexpected == 0 ? 0 : 1;
    }

    private static bool Loads(ManagedEngine engine, byte[] bytes)
    {
        try
        {
            engine.LoadModule(bytes).Dispose();
            return true;
        }
        catch (WasmModuleException)
        {
            return false;
        }
    }

    /// <summary>What went wrong with <paramref name="input"/>, or null when only typed engine errors came out.</summary>
    private static string? Check(ManagedEngine engine, byte[] input, ref int loaded, ref int instantiated)
    {
        try
        {
            using var module = engine.LoadModule(input);
            Interlocked.Increment(ref loaded);
            using var store = engine.CreateStore(Limits);
            using var timeout = new CancellationTokenSource(CallTimeout);
            var instance = store.Instantiate(module, Stubs(store, module), timeout.Token);
            Interlocked.Increment(ref instantiated);
            foreach (var export in instance.Exports.Where(e => e.Kind == ExternKind.Function))
            {
                var function = (IWasmFunction)instance.GetExport(export.Name)!;
                try
                {
                    function.Invoke([.. function.FunctionType.Parameters.Select(WasmValue.Default)], new WasmValue[function.FunctionType.Results.Count], timeout.Token);
                }
                catch (WasmTrapException)
                {
                    // A trap is an expected outcome; the next export still runs.
                }
            }

            return null;
        }
        catch (WasmException)
        {
            return null;
        }
        catch (StubException)
        {
            // The host could not build an import the module asks for (e.g. a memory over the store's limit).
            return null;
        }
#pragma warning disable CA1031 // Anything but a typed engine error is exactly what the fuzzer looks for.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e.ToString();
        }
    }

    /// <summary>An import for everything the module imports: functions return zeros, the rest is created to fit.</summary>
    private static WasmImports Stubs(IWasmStore store, IWasmModule module)
    {
        var imports = new WasmImports();
        foreach (var import in module.Imports)
        {
            IWasmExtern value;
            try
            {
                value = import.Type switch
                {
                    FuncType f => store.CreateFunction(f, (_, results) =>
                    {
                        for (var r = 0; r < results.Length; r++)
                        {
                            results[r] = WasmValue.Default(f.Results[r]);
                        }
                    }),
                    MemoryType m => store.CreateMemory(m),
                    TableType t => store.CreateTable(t, WasmValue.Null(t.ElementType)),
                    GlobalType g => store.CreateGlobal(g, WasmValue.Default(g.ValueType)),
                    _ => throw new StubException(),
                };
            }
            catch (Exception e) when (e is ArgumentException or WasmException)
            {
                throw new StubException();
            }

            imports.Define(import.Module, import.Name, value);
        }

        return imports;
    }

    private static void CheckHang(ConcurrentDictionary<int, (long Start, byte[] Input)> running, int unexpected, int seed, string unexpectedDir)
    {
        foreach (var (index, (start, input)) in running)
        {
            if (Stopwatch.GetElapsedTime(start) > Hang)
            {
                Save(unexpectedDir, seed, index, input, $"hang: no result after {Hang.TotalSeconds} s");
                Console.WriteLine($"mutate: aborted at a hang (input {index}), {unexpected + 1} unexpected so far");
                Environment.Exit(1);
            }
        }
    }

    private static void Save(string dir, int seed, int index, byte[] input, string problem)
    {
        Directory.CreateDirectory(dir);
        var name = Path.Combine(dir, $"seed{seed}-input{index}");
        File.WriteAllBytes(name + ".wasm", input);

        File.WriteAllText(name + ".txt", $"eng/mutate.sh input {index} of seed {seed}\n{problem}\n");
        Console.Error.WriteLine($"unexpected: input {index}: {problem.Split('\n')[0]}");
    }

    private sealed class StubException : Exception;
}
