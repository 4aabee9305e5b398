// Runs the tcp-connect probe (args[0]) against a loopback listener, first directly through IProbeRuntime, then as
// a health check while the listener is open and after it closed; prints one line per step for the test to read.
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HealthWatch.Runtime.Probes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var port = ((IPEndPoint)listener.LocalEndpoint).Port;
var manifest = ProbeManifest.Parse($$"""
    { "module": {{JsonSerializer.Serialize(Path.GetFullPath(args[0]))}},
      "config": { "host": "127.0.0.1", "port": {{port}}, "timeoutMs": 2000 },
      "grants": { "tcp": { "allow": ["127.0.0.1:{{port}}"] } },
      "limits": { "timeoutMs": 10000 } }
    """);

var services = new ServiceCollection();
services.AddLogging();
services.AddWasmProbeRuntime();
services.AddHealthChecks().AddWasmProbe("tcp", manifest);
await using var provider = services.BuildServiceProvider();

var runtime = provider.GetRequiredService<IProbeRuntime>();
var module = await runtime.LoadModuleAsync(manifest.ModulePath);
var result = await runtime.ExecuteProbeAsync(module, manifest.ConfigJson, manifest.Grants, manifest.Limits);
Console.WriteLine($"run: {ProbeResultJson.Serialize(result)}");

var health = provider.GetRequiredService<HealthCheckService>();
var open = (await health.CheckHealthAsync()).Entries["tcp"];
Console.WriteLine($"open: {open.Status} {open.Description}");

listener.Stop();
var closed = (await health.CheckHealthAsync()).Entries["tcp"];
Console.WriteLine($"closed: {closed.Status} {closed.Description}");
