using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.DependencyInjection;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;
using HealthWatch.Runtime.Tests.Probes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealthWatch.Runtime.Tests.DependencyInjection;

public sealed class WasmProbeRuntimeServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddWasmProbeRuntime_Defaults_ResolvesAWorkingRuntime()
    {
        await using var provider = new ServiceCollection().AddLogging().AddWasmProbeRuntime().Services.BuildServiceProvider();

        var runtime = provider.GetRequiredService<IProbeRuntime>();
        var module = await runtime.LoadModuleAsync(TestProbes.Read("echo"));
        var result = await runtime.ExecuteProbeAsync(module, """{"success":true}""", ProbeGrants.None);

        result.Success.Should().BeTrue();
        runtime.Should().BeSameAs(provider.GetRequiredService<ProbeRuntime>());
        provider.GetRequiredService<IWasmEngine>().Should().BeOfType<ManagedEngine>();
    }

    [Test]
    public void AddWasmProbeRuntime_Configure_ReachesTheRuntimeOptions()
    {
        using var provider = new ServiceCollection()
            .AddWasmProbeRuntime(o => o.DefaultLimits = o.DefaultLimits with { Fuel = 42 })
            .Services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<WasmProbeRuntimeOptions>>().Value.ToRuntimeOptions().DefaultLimits.Fuel.Should().Be(42);
    }

    [Test]
    public void AddWasmProbeRuntime_InvalidOptions_FailsAtStartWithEveryProblem()
    {
        using var provider = new ServiceCollection()
            .AddWasmProbeRuntime(o =>
            {
                o.ModuleCacheMaxEntries = -1;
                o.ModuleCacheMaxBytes = -1;
                o.DefaultLimits = o.DefaultLimits with { Timeout = TimeSpan.Zero };
            })
            .Services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().HaveCount(3)
            .And.Contain(f => f.Contains("ModuleCacheMaxEntries", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("ModuleCacheMaxBytes", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("DefaultLimits.timeoutMs", StringComparison.Ordinal));
    }

    [Test]
    public void AddWasmProbeRuntime_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        var capability = TestProbes.Registry().Capabilities.Single(c => c.Name == "test-block");

        services.AddWasmProbeRuntime().AddCapability(capability);
        var count = services.Count;
        services.AddWasmProbeRuntime(o => o.ModuleCacheMaxEntries = 1).AddCapability(capability);

        services.Count.Should().Be(count + 1, "only the second configure action is new");
        foreach (var type in new[] { typeof(IProbeRuntime), typeof(ProbeRuntime), typeof(IWasmEngine), typeof(CapabilityRegistry), typeof(ProbeCapability), typeof(IValidateOptions<WasmProbeRuntimeOptions>) })
        {
            services.Count(d => d.ServiceType == type).Should().Be(1, type.Name);
        }
    }

    [Test]
    public void AddWasmProbeRuntime_OwnEngineRegisteredFirst_IsKept()
    {
        using var engine = new ManagedEngine(new ManagedEngineOptions { ConsumeFuel = false });
        using var provider = new ServiceCollection().AddSingleton<IWasmEngine>(engine).AddWasmProbeRuntime().Services.BuildServiceProvider();

        provider.GetRequiredService<IWasmEngine>().Should().BeSameAs(engine);
    }

    [Test]
    public void AddCapability_Capability_IsInTheRegistry()
    {
        var capability = TestProbes.Registry().Capabilities.Single(c => c.Name == "test-block");
        using var provider = new ServiceCollection().AddWasmProbeRuntime().AddCapability(capability).Services.BuildServiceProvider();

        var registry = provider.GetRequiredService<CapabilityRegistry>();

        registry.TryGetCapability("test-block", out var found).Should().BeTrue();
        found.Should().BeSameAs(capability);
        registry.TryGetCapability("log", out _).Should().BeTrue();
    }
}
