// The main job of HealthWatch.Runtime, end to end: an application embeds the probe runtime through DI, and runs
// untrusted WebAssembly probes against a service (here a loopback HTTP server it starts itself), granting each
// probe exactly what it needs. Exit code 0 when every probe's outcome is the one expected.
using ConsoleConsumer;
using HealthWatch.Runtime.Probes;
using Microsoft.Extensions.DependencyInjection;

await using var server = await LoopbackServer.StartAsync();

var services = new ServiceCollection();
services.AddLogging();
services.AddWasmProbeRuntime(options => options.DefaultLimits = ProbeLimits.Default with { Timeout = TimeSpan.FromSeconds(5) });
await using var provider = services.BuildServiceProvider();
var runtime = provider.GetRequiredService<IProbeRuntime>();

Console.WriteLine($"HealthWatch.Runtime sample: WebAssembly probes against {server.BaseUri}");
Console.WriteLine();
var outcomes = new List<CheckOutcome>();
foreach (var check in SampleChecks.Create(server))
{
    outcomes.Add(await check.RunAsync(runtime));
}

ResultTable.Write(Console.Out, outcomes);
var expected = outcomes.Count(o => o.AsExpected);
var cache = provider.GetRequiredService<ProbeRuntime>().CacheStatistics;
Console.WriteLine();
Console.WriteLine($"Module cache: {cache.Misses} modules compiled, {cache.Hits} loads served from the cache.");
Console.WriteLine($"{expected}/{outcomes.Count} probes behaved as expected.");
return expected == outcomes.Count ? 0 : 1;
