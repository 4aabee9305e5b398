using System.Globalization;
using HealthWatch.Fuzz;

// diff: compares the managed engine's trace of each module with node's (module.wasm.v8.txt, from run-v8.mjs).
// mutate: feeds mutated modules to the managed engine and checks that only typed engine errors come out.
return args switch
{
    ["diff", var results, var divergences, .. var modules] => DiffRunner.Run(results, divergences, modules),
    ["mutate", var count, var seed, var unexpected, .. var inputs] when inputs.Length > 0 =>
        MutationRunner.Run(int.Parse(count, CultureInfo.InvariantCulture), int.Parse(seed, CultureInfo.InvariantCulture), unexpected, inputs),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HealthWatch.Fuzz diff RESULTS DIVERGENCE_DIR MODULE...");
    Console.Error.WriteLine("       HealthWatch.Fuzz mutate COUNT SEED UNEXPECTED_DIR FILE_OR_DIR...");
    return 2;
}
