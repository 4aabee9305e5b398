using HealthWatch.Runtime.DependencyInjection;
using HealthWatch.Runtime.Engines.Managed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealthWatch.Runtime.Engines.Wasmtime.Tests;

public class WasmEngineFactoryTests
{
    private const string Missing = "libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB): add the package";

    [Test]
    public void Create_AutoWithoutTheLibrary_FallsBackToManagedAndSaysWhy()
    {
        var wasmtimeCreated = false;

        var selection = WasmEngineFactory.Create(WasmEngineKind.Auto, Probe(false), () => { wasmtimeCreated = true; return null!; }, () => new ManagedEngine());

        selection.Engine.Should().BeOfType<ManagedEngine>();
        selection.Reason.Should().Be($"auto fell back to the managed engine: {Missing}");
        wasmtimeCreated.Should().BeFalse();
    }

    [Test]
    public void Create_AutoWithTheLibrary_UsesWasmtime()
    {
        using var wasmtime = new ManagedEngine();

        var selection = WasmEngineFactory.Create(WasmEngineKind.Auto, Probe(true), () => wasmtime, () => throw new AssertionException("managed created"));

        selection.Engine.Should().BeSameAs(wasmtime);
        selection.Reason.Should().Be("auto: libwasmtime loaded from /x/libwasmtime.so");
    }

    [Test]
    public void Create_WasmtimeWithoutTheLibrary_ThrowsWithTheMessage()
    {
        var create = () => WasmEngineFactory.Create(WasmEngineKind.Wasmtime, Probe(false), () => null!, () => new ManagedEngine());

        create.Should().Throw<DllNotFoundException>().WithMessage(Missing);
    }

    [Test]
    public void Create_Managed_NeverProbesForTheLibrary()
    {
        var selection = WasmEngineFactory.Create(
            WasmEngineKind.Managed, (out string d) => throw new AssertionException("probed"), () => null!, () => new ManagedEngine());

        selection.Engine.Should().BeOfType<ManagedEngine>();
        selection.Reason.Should().Be("the managed engine was asked for");
    }

    [Test]
    public void Create_UndefinedKind_Throws()
    {
        var create = () => WasmEngineFactory.Create((WasmEngineKind)9);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Create_RealAutoWithoutTheLibrary_IsManaged()
    {
        Assume.That(WasmtimeEngine.IsAvailable(out _), Is.False, "libwasmtime is present here");

        using var engine = WasmEngineFactory.Create(WasmEngineKind.Auto).Engine;

        engine.Name.Should().Be("managed");
    }

    [Test]
    public void Create_ManagedWithOptions_CreatesTheEngineWithThem()
    {
        using var engine = WasmEngineFactory.Create(WasmEngineKind.Managed, managedOptions: new ManagedEngineOptions { ConsumeFuel = false }).Engine;

        var meteredStore = () => engine.CreateStore(new WasmStoreLimits { Fuel = 1_000 });

        meteredStore.Should().Throw<NotSupportedException>().WithMessage("*without fuel metering*");
    }

    [Test]
    public void WasmtimeEngine_WithoutTheLibrary_ThrowsDllNotFoundNamingThePackage()
    {
        Assume.That(WasmtimeEngine.IsAvailable(out _), Is.False, "libwasmtime is present here");

        var create = () => new WasmtimeEngine();

        create.Should().Throw<DllNotFoundException>().Which.Message.Should()
            .StartWith("libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB)").And.Contain("HealthWatch.Runtime.Native.");
    }

    [Test]
    public void WasmtimeEngine_InvalidOptions_ThrowsBeforeLookingForTheLibrary()
    {
        var create = () => new WasmtimeEngine(new WasmtimeEngineOptions { MaxWasmStackBytes = 0 });

        create.Should().Throw<ArgumentException>().WithMessage("Invalid Wasmtime engine options: MaxWasmStackBytes*");
    }

    [Test]
    public void AddWasmProbeRuntime_BadEngineOptions_FailsAtStartListingThem()
    {
        using var provider = new ServiceCollection()
            .AddWasmProbeRuntime(o =>
            {
                o.Engine = (WasmEngineKind)5;
                o.Wasmtime = new WasmtimeEngineOptions { EpochInterval = TimeSpan.FromSeconds(5), ConsumeFuel = false };
                o.Managed = new ManagedEngineOptions { ConsumeFuel = false, Tiering = (ManagedTiering)7, TierUpThreshold = 0 };
            })
            .Services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<WasmProbeRuntimeOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().BeEquivalentTo(
            "Engine must be Auto, Managed or Wasmtime (was 5).",
            "Wasmtime.EpochInterval must be from 1 ms to 1 s (was 5000 ms).",
            "Wasmtime.ConsumeFuel must be true: every probe run has a fuel limit.",
            "Managed.ConsumeFuel must be true: every probe run has a fuel limit.",
            "Managed.Tiering must be Adaptive, CompiledOnly or InterpretedOnly (was 7).",
            "Managed.TierUpThreshold must be at least 1 (was 0).");
    }

    [Test]
    public void AddWasmProbeRuntime_ManagedOptions_ShapeTheManagedEngine()
    {
        var options = new ManagedEngineOptions { Tiering = ManagedTiering.CompiledOnly };
        using var provider = new ServiceCollection()
            .AddWasmProbeRuntime(o => (o.Engine, o.Managed) = (WasmEngineKind.Managed, options))
            .Services.BuildServiceProvider();

        provider.GetRequiredService<IWasmEngine>().Should().BeOfType<ManagedEngine>().Which.Options.Should().BeSameAs(options);
    }

    [Test]
    public void AddWasmProbeRuntime_EngineWasmtimeWithoutTheLibrary_FailsAtStartNamingThePackage()
    {
        Assume.That(WasmtimeEngine.IsAvailable(out _), Is.False, "libwasmtime is present here");
        using var provider = new ServiceCollection().AddWasmProbeRuntime(o => o.Engine = WasmEngineKind.Wasmtime).Services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<WasmProbeRuntimeOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().Which.Failures.Should().ContainSingle()
            .Which.Should().StartWith("Engine is Wasmtime, but libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB)").And.Contain("HealthWatch.Runtime.Native.");
    }

    [Test]
    public void AddWasmProbeRuntime_EngineManaged_RegistersTheManagedEngine()
    {
        using var provider = new ServiceCollection().AddWasmProbeRuntime(o => o.Engine = WasmEngineKind.Managed).Services.BuildServiceProvider();

        provider.GetRequiredService<IWasmEngine>().Should().BeOfType<ManagedEngine>();
    }

    [Test]
    public void WasmProbeRuntimeOptions_Defaults_AreAutoAndDefaultEngineSettings()
    {
        var options = new WasmProbeRuntimeOptions();

        options.Engine.Should().Be(WasmEngineKind.Auto);
        options.Wasmtime.Should().BeSameAs(WasmtimeEngineOptions.Default);
        options.Managed.Should().BeSameAs(ManagedEngineOptions.Default);
    }

    private static WasmEngineFactory.TryProbe Probe(bool available) => (out string description) =>
    {
        description = available ? "libwasmtime loaded from /x/libwasmtime.so" : Missing;
        return available;
    };
}
