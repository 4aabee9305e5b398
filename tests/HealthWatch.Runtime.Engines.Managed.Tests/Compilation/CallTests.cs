namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

/// <summary>Calls through function instances need a store, so these run through the engine.</summary>
public class CallTests
{
    private static IWasmInstance Instantiate()
    {
        var engine = new ManagedEngine();
        var store = engine.CreateStore();
        var twice = store.CreateFunction(
            new FuncType([ValType.I32], [ValType.I32]),
            (arguments, results) => results[0] = arguments[0].AsInt32() * 2);
        var module = engine.LoadModule(CompiledTestModule.Bytes("calls.wasm"));
        return store.Instantiate(module, new WasmImports().Define("host", "twice", twice));
    }

    [Test]
    public void CallIndirect_MatchingType_Calls()
    {
        var dispatch = Instantiate().GetFunction("dispatch")!;

        dispatch.Invoke(0)[0].AsInt32().Should().Be(7);
        dispatch.Invoke(1)[0].AsInt32().Should().Be(14);
    }

    [TestCase(2, TrapCode.IndirectCallTypeMismatch)]
    [TestCase(3, TrapCode.UninitializedElement)]
    [TestCase(4, TrapCode.UndefinedElement)]
    [TestCase(-1, TrapCode.UndefinedElement)]
    public void CallIndirect_Checks(int index, TrapCode code)
    {
        var dispatch = Instantiate().GetFunction("dispatch")!;

        var act = () => dispatch.Invoke(index);

        act.Should().Throw<WasmTrapException>().Which.Code.Should().Be(code);
    }

    [Test]
    public void Call_ImportedHostFunction_PassesArgumentsAndResult() =>
        Instantiate().GetFunction("twice")!.Invoke(21)[0].AsInt32().Should().Be(42);
}
