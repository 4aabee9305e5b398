using System.Runtime.InteropServices;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;

namespace HealthWatch.Fuzz;

/// <summary>
/// Runs every export of a binaryen -ttf module on the managed engine, in run-v8.mjs's order and trace format, and
/// compares the trace with node's: once with every function compiled, once tiered from the interpreter at a low
/// threshold (so interpreted code, promotion and on-stack replacement all meet the module), and twice metering fuel,
/// interpreted only and compiled only, where the fuel used after every call must also be the same in both (the
/// tiers' fuel accounting, which node has nothing to compare with). Appends one verdict line per module (ok,
/// divergence, crash) to the results file, so that eng/fuzz-diff.sh can restart the runner past a module that
/// killed the process.
/// </summary>
internal static class DiffRunner
{
    // binaryen's hang limit ends every call within milliseconds; the timeout only guards against a hang limit missing.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    // Low, so that a module's calls run interpreted, are promoted and continue compiled from loop headers.
    private const int TierUpThreshold = 3;

    // Far more than a call within binaryen's hang limit uses: fuel is counted, never exhausted.
    private const long MeteredFuel = 1_000_000_000_000;

    public static int Run(string resultsPath, string divergenceDir, IReadOnlyList<string> modules)
    {
        using var compiled = new ManagedEngine(new ManagedEngineOptions { ConsumeFuel = false, Tiering = ManagedTiering.CompiledOnly });
        using var tiered = new ManagedEngine(new ManagedEngineOptions { ConsumeFuel = false, TierUpThreshold = TierUpThreshold });
        using var interpreted = new ManagedEngine(new ManagedEngineOptions { Tiering = ManagedTiering.InterpretedOnly });
        using var meteredCompiled = new ManagedEngine(new ManagedEngineOptions { Tiering = ManagedTiering.CompiledOnly });
        (string Mode, ManagedEngine Engine, bool Metered)[] modes =
        [
            ("compiled", compiled, false),
            ("tiered", tiered, false),
            ("interpreted, metered", interpreted, true),
            ("compiled, metered", meteredCompiled, true),
        ];
        foreach (var path in modules)
        {
            var name = Path.GetFileName(path);
            var theirs = File.ReadAllLines(path + ".v8.txt");
            var verdict = "ok";
            string? description = null;
            try
            {
                var bytes = File.ReadAllBytes(path);
                List<string>? meteredReference = null;
                foreach (var (mode, engine, metered) in modes)
                {
                    var ours = Trace(engine, bytes, metered);
                    var unmetered = ours.Where(line => !line.StartsWith(FuelLine, StringComparison.Ordinal)).ToList();
                    if (!Agree(unmetered, theirs))
                    {
                        verdict = "divergence";
                        description = $"engine: {mode}\n{Describe(unmetered, theirs, "v8")}";
                        break;
                    }

                    if (!metered || ours.Contains("timeout"))
                    {
                        continue;
                    }

                    meteredReference ??= ours;
                    if (!ours.SequenceEqual(meteredReference))
                    {
                        verdict = "divergence";
                        description = $"engine: {mode}: the fuel used differs from the interpreter's\n{Describe(ours, meteredReference, "interp")}";
                        break;
                    }
                }
            }
#pragma warning disable CA1031 // Anything but a typed engine error is exactly what the fuzzer looks for.
            catch (Exception e)
#pragma warning restore CA1031
            {
                verdict = "crash";
                description = e.ToString();
            }

            if (description is not null)
            {
                Directory.CreateDirectory(divergenceDir);
                File.Copy(path, Path.Combine(divergenceDir, name), overwrite: true);
                File.WriteAllText(Path.Combine(divergenceDir, name + ".txt"), $"{verdict}\n{description}\n");
            }

            File.AppendAllText(resultsPath, $"{name} {verdict}\n");
        }

        return 0;
    }

    /// <summary>Starts the line a metered trace adds after each call: the fuel the store has used so far.</summary>
    private const string FuelLine = "fuel ";

    private static List<string> Trace(ManagedEngine engine, byte[] bytes, bool metered)
    {
        var lines = new List<string>();
        IWasmModule module;
        try
        {
            module = engine.LoadModule(bytes);
        }
        catch (WasmModuleException)
        {
            return ["load error", "end"];
        }

        using (module)
        using (var store = engine.CreateStore(metered ? new WasmStoreLimits { Fuel = MeteredFuel } : WasmStoreLimits.Default))
        {
            var imports = new WasmImports();
            foreach (var type in (ValType[])[ValType.I32, ValType.I64, ValType.F32, ValType.F64])
            {
                var name = type.ToWatName();
                imports.Define("fuzzing-support", $"log-{name}", store.CreateFunction(
                    new FuncType([type], []), (arguments, _) => lines.Add($"log {name} {Bits(arguments[0])}")));
            }

            IWasmInstance instance;
            try
            {
                instance = store.Instantiate(module, imports);
            }
            catch (WasmLinkException)
            {
                return ["link error", "end"];
            }
            catch (WasmTrapException)
            {
                return ["trap", "end"];
            }

            var hangLimitInitializer = instance.GetExport("hangLimitInitializer") as IWasmFunction;
            foreach (var export in instance.Exports.Where(e => e.Kind == ExternKind.Function))
            {
                lines.Add($"call {export.Name}");
                var function = (IWasmFunction)instance.GetExport(export.Name)!;
                var results = new WasmValue[function.FunctionType.Results.Count];
                using var timeout = new CancellationTokenSource(CallTimeout);
                try
                {
                    hangLimitInitializer?.Invoke([], [], timeout.Token);
                    function.Invoke([.. function.FunctionType.Parameters.Select(WasmValue.Default)], results, timeout.Token);
                    lines.Add(string.Join(' ', ["result", .. results.Select(r => $"{r.Type.ToWatName()}:{Bits(r)}")]));
                }
                catch (WasmTrapException e) when (e.Code == TrapCode.Interrupted)
                {
                    // The store's state after an interrupted call is not comparable: stop here, as node's timeout does.
                    lines.Add("timeout");
                    return lines;
                }
                catch (WasmTrapException)
                {
                    lines.Add("trap");
                }

                if (metered)
                {
                    lines.Add($"{FuelLine}{MeteredFuel - store.RemainingFuel}");
                }

                if (instance.GetExport("memory") is IWasmMemory memory)
                {
                    lines.Add($"memory {HashMemory(memory.GetSpan(0, (int)memory.Length)):x}");
                }
            }
        }

        lines.Add("end");
        return lines;
    }

    /// <summary>run-v8.mjs's memory hash: FNV-1a over 32-bit little-endian words.</summary>
    private static uint HashMemory(ReadOnlySpan<byte> bytes)
    {
        var hash = 0x811c9dc5u;
        foreach (var word in MemoryMarshal.Cast<byte, uint>(bytes))
        {
            hash = (hash ^ word) * 0x01000193u;
        }

        return hash;
    }

    /// <summary>run-v8.mjs's format: bits in hex, any NaN as <c>nan</c> (NaN payloads are nondeterministic).</summary>
    private static string Bits(WasmValue value) => value.Type switch
    {
        ValType.I32 => ((uint)value.Bits).ToString("x", null),
        ValType.F32 when float.IsNaN(value.AsSingle()) => "nan",
        ValType.F64 when double.IsNaN(value.AsDouble()) => "nan",
        ValType.F32 => ((uint)value.Bits).ToString("x", null),
        ValType.I64 or ValType.F64 => value.Bits.ToString("x", null),
        _ => value.IsNull ? "null" : "ref",
    };

    // eng/fuzz-diff.sh writes a lone `timeout` when node did not finish; both timing out is agreement.
    private static bool Agree(List<string> ours, string[] theirs) =>
        theirs is ["timeout"] ? ours.Contains("timeout") : ours.SequenceEqual(theirs);

    private static string Describe(List<string> ours, IReadOnlyList<string> theirs, string them)
    {
        var length = Math.Min(ours.Count, theirs.Count);
        var first = Enumerable.Range(0, length).FirstOrDefault(i => ours[i] != theirs[i], length);
        var call = ours.Take(first + 1).LastOrDefault(l => l.StartsWith("call ", StringComparison.Ordinal)) ?? "(instantiation)";
        return $"first difference at trace line {first + 1}, in {call}\n" +
            $"managed: {(first < ours.Count ? ours[first] : "(end of trace)")}\n" +
            $"{them + ":",-9}{(first < theirs.Count ? theirs[first] : "(end of trace)")}\n" +
            $"--- managed trace\n{string.Join('\n', ours)}\n--- {them} trace\n{string.Join('\n', theirs)}";
    }
}
