using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;
using HealthWatch.Runtime.Tests.Capabilities.Network;
using HealthWatch.Runtime.Tests.Probes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HealthWatch.Runtime.Tests.Hostile;

/// <summary>
/// One runtime for a fixture of hostile probes (samples/probes/hostile and misbehaving servers): each test runs
/// something hostile, checks it was contained with a typed error, then checks the runtime still runs a good probe.
/// The network capabilities resolve names with a fixed table (<see cref="Names"/>), so "a name that resolves to
/// loopback" needs no DNS; every server is on 127.0.0.1.
/// </summary>
public abstract class HostileTestBase
{
    /// <summary>The test names and what they resolve to; any other name does not resolve.</summary>
    protected static readonly (string Name, string[] Addresses)[] Names =
    [
        ("rebind.test", ["127.0.0.1"]),
        ("rebind-v6.test", ["::1"]),
        ("rebind-mapped.test", ["::ffff:127.0.0.1"]),
        ("metadata.test", ["169.254.169.254"]),
        ("private.test", ["10.0.0.1"]),
    ];

    private ManagedEngine _engine = null!;

    protected ProbeRuntime Runtime { get; private set; } = null!;

    /// <summary>A well-behaved server: <c>/health</c> answers 200 with a small JSON body.</summary>
    private protected KestrelServer Server { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _engine = new ManagedEngine();
        var resolver = NetworkHarness.Resolver(Names);
        var registry = new CapabilityRegistry();
        foreach (var capability in BasicCapabilities.Create())
        {
            registry.Register(capability);
        }

        registry.Register(new HttpCapability(resolver)).Register(new DnsCapability(resolver)).Register(new TcpCapability(resolver));
        Runtime = new ProbeRuntime(_engine, capabilities: registry);
        Server = await KestrelServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Json(new { data = new { state = "ok" } }));
            Map(app);
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Server.DisposeAsync();
        Runtime.Dispose();
        _engine.Dispose();
    }

    /// <summary>Grants as a manifest writes them.</summary>
    protected static ProbeGrants Grants(string json) => ProbeManifest.Parse($$"""{"module":"x.wasm","grants":{{json}}}""").Grants;

    /// <summary>The http grant for exactly <paramref name="allow"/>.</summary>
    protected static ProbeGrants HttpGrant(params string[] allow) =>
        Grants($$$"""{"http":{"allow":[{{{string.Join(",", allow.Select(a => $"\"{a}\""))}}}]}}""");

    /// <summary>More endpoints for <see cref="Server"/>.</summary>
    protected virtual void Map(WebApplication app)
    {
    }

    /// <summary>Runs a probe of samples/probes (or its hostile/ folder) in this fixture's runtime.</summary>
    protected async Task<ProbeResult> RunAsync(string probe, string? config, ProbeGrants grants, ProbeLimits? limits = null)
    {
        var module = await Runtime.LoadModuleAsync(TestProbes.SamplePath(probe));
        return await Runtime.ExecuteProbeAsync(module, config, grants, limits);
    }

    /// <summary>Runs a good probe (http-status against <c>/health</c>) in the same runtime and checks its verdict.</summary>
    protected async Task AssertHealthyAsync()
    {
        var result = await RunAsync("http-status", $$"""{"url":"{{Server.Url("/health")}}"}""", HttpGrant($"127.0.0.1:{Server.Port}"));

        result.Success.Should().BeTrue("the runtime must still run a good probe after a hostile one: {0}", result.Message);
        result.Metrics["status"].Should().Be(200);
    }
}
