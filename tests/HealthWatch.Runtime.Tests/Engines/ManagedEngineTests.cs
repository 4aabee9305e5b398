using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Tests.Engines;

/// <summary>Behaviour specific to the managed engine: its options and the unloading of compiled code.</summary>
public sealed class ManagedEngineTests
{
    [Test]
    public void CreateStore_FuelLimitWithoutFuelMetering_ThrowsNotSupported()
    {
        using var engine = new ManagedEngine(new ManagedEngineOptions { ConsumeFuel = false });

        engine.Invoking(e => e.CreateStore(new WasmStoreLimits { Fuel = 10 })).Should().Throw<NotSupportedException>();
        using var store = engine.CreateStore();
        store.Invoking(s => s.SetFuel(10)).Should().Throw<NotSupportedException>();
        store.RemainingFuel.Should().BeNull();
    }

    [Test]
    public void Invoke_WithoutFuelMetering_RunsAndIsStillInterruptible()
    {
        using var engine = new ManagedEngine(new ManagedEngineOptions { ConsumeFuel = false });
        using var store = engine.CreateStore();
        var instance = store.Instantiate(engine.LoadModule(EngineTestBase.ReadModule("loops")));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));

        Function(instance, "count").Invoke(100).Single().AsInt32().Should().Be(100);
        Function(instance, "spin").Invoking(f => f.Invoke([], [], timeout.Token)).Should().Throw<WasmTrapException>()
            .Which.Code.Should().Be(TrapCode.Interrupted);
    }

    [Test]
    public void Dispose_ModuleAndEverythingMadeFromIt_LetsTheGcReclaimTheCode()
    {
        using var engine = new ManagedEngine();

        var code = LoadRunAndDrop(engine);

        for (var i = 0; i < 20 && code.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        code.IsAlive.Should().BeFalse();
    }

    [Test]
    public void Instantiate_DisposedModule_ThrowsObjectDisposed()
    {
        using var engine = new ManagedEngine();
        using var store = engine.CreateStore();
        var module = engine.LoadModule(EngineTestBase.ReadModule("values"));

        module.Dispose();

        store.Invoking(s => s.Instantiate(module)).Should().Throw<ObjectDisposedException>();
    }

    // Not inlined: every reference to the module, its store and instance must be gone when this returns.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LoadRunAndDrop(ManagedEngine engine)
    {
        var module = engine.LoadModule(EngineTestBase.ReadModule("traps"));
        var code = new WeakReference(((ManagedModule)module).Compiled.Methods[0].DeclaringType!.Assembly);
        using (var store = engine.CreateStore())
        {
            var imports = new WasmImports().Define("host", "fail", store.CreateFunction(new FuncType([], []), (_, _) => { }));
            var instance = store.Instantiate(module, imports);
            Function(instance, "call_indirect").Invoke(0).Single().AsInt32().Should().Be(42);
            Function(instance, "unreachable").Invoking(f => f.Invoke()).Should().Throw<WasmTrapException>();
        }

        module.Dispose();
        return code;
    }

    private static IWasmFunction Function(IWasmInstance instance, string name) => instance.GetFunction(name)!;
}
