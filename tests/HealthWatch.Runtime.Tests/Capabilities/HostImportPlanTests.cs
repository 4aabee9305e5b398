using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities;

/// <summary>The binder works out each module's imports once (an <see cref="ImportPlan"/>); the grants are still checked on every bind.</summary>
public sealed class HostImportPlanTests : CapabilityTestBase
{
    [Test]
    public void Bind_Twice_UsesOnePlanAndCreatesFreshFunctions()
    {
        var registry = CapabilityRegistry.CreateDefault();
        var module = Module("always");
        using var firstStore = CreateStore();
        using var secondStore = CreateStore();

        var first = HostImportBinder.Bind(module, registry, ProbeGrants.None, Context(), firstStore);
        registry.ImportPlans.TryGetValue(module, out var plan).Should().BeTrue();
        var second = HostImportBinder.Bind(module, registry, ProbeGrants.None, Context(), secondStore);

        registry.ImportPlans.TryGetValue(module, out var again).Should().BeTrue();
        again.Should().BeSameAs(plan);
        first.TryGet("healthwatch", "set_result", out var firstFunction).Should().BeTrue();
        second.TryGet("healthwatch", "set_result", out var secondFunction).Should().BeTrue();
        secondFunction.Should().NotBeSameAs(firstFunction);
    }

    [Test]
    public void Bind_PlannedModuleWithoutTheGrant_IsStillRefused()
    {
        var registry = CapabilityRegistry.CreateDefault();
        var module = Module("healthwatch");
        using var store = CreateStore();
        HostImportBinder.Bind(module, registry, GrantAll(), Context(), store);

        var bind = () => HostImportBinder.Bind(module, registry, ProbeGrants.None, Context(), CreateStore());

        bind.Should().Throw<CapabilityNotGrantedException>().WithMessage("Capability not granted: log");
    }

    [Test]
    public void Bind_ModuleThatCannotLink_KeepsNoPlanAndFailsEveryTime()
    {
        var registry = CapabilityRegistry.CreateDefault();
        var module = Module("unknown");

        for (var i = 0; i < 2; i++)
        {
            var bind = () => HostImportBinder.Bind(module, registry, ProbeGrants.None, Context(), CreateStore());
            bind.Should().Throw<WasmLinkException>();
        }

        registry.ImportPlans.TryGetValue(module, out _).Should().BeFalse();
    }

    private static ProbeContext Context() => new(ProbeGrants.None, ProbeLimits.Default, CancellationToken.None);
}
