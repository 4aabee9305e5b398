using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Probes;

public sealed class ProbeRuntimeOptionsTests
{
    [Test]
    public void Validate_Defaults_Passes()
    {
        var act = () => ProbeRuntimeOptions.Default.Validate();

        act.Should().NotThrow();
    }

    [Test]
    public void Validate_SeveralProblems_ListsThemAllInOneMessage()
    {
        var options = new ProbeRuntimeOptions
        {
            DefaultLimits = ProbeLimits.Default with { Fuel = 0, MemoryPages = 0 },
            ModuleCacheMaxEntries = -1,
        };

        var act = () => options.Validate();

        act.Should().Throw<ArgumentException>()
            .Which.Message.Should().ContainAll("DefaultLimits.fuel", "DefaultLimits.memoryPages", "ModuleCacheMaxEntries");
    }

    [Test]
    public void Constructor_InvalidOptions_Throws()
    {
        using var engine = new ManagedEngine();

        var act = () => new ProbeRuntime(engine, new ProbeRuntimeOptions { ModuleCacheMaxBytes = -1 });

        act.Should().Throw<ArgumentException>().WithMessage("*ModuleCacheMaxBytes*");
    }

    [Test]
    public void ProbeLimitsValidate_TimeoutTooLong_ThrowsNamingTimeout()
    {
        var act = () => (ProbeLimits.Default with { Timeout = TimeSpan.FromDays(30) }).Validate();

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("timeoutMs");
    }
}
