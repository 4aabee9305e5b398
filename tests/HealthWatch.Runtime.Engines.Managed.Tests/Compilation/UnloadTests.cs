using System.Runtime.CompilerServices;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

public class UnloadTests
{
    [Test]
    public void CompiledModule_Unreferenced_IsCollected()
    {
        var assembly = CompileRunAndForget();

        for (var i = 0; i < 10 && assembly.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        assembly.IsAlive.Should().BeFalse("the module's code lives in a collectible assembly that nothing references");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileRunAndForget()
    {
        var module = CompiledTestModule.Load("control.wasm");
        module.Call("loop_sum", 10).Should().Be(1055);
        return new WeakReference(module.Compiled.Methods[0].Module.Assembly);
    }
}
