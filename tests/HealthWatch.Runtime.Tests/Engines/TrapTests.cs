using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class TrapTests(EngineFactory factory) : EngineTestBase(factory)
{
    private IWasmStore _store = null!;
    private IWasmInstance _instance = null!;

    [SetUp]
    public void InstantiateTraps()
    {
        _store = Engine.CreateStore();
        var imports = new WasmImports().Define("host", "fail", _store.CreateFunction(new FuncType([], []), (_, _) => { }));
        _instance = _store.Instantiate(Module("traps"), imports);
    }

    [TearDown]
    public void DisposeStore() => _store.Dispose();

    private static IEnumerable<TestCaseData> Traps()
    {
        yield return new TestCaseData("div_by_zero", new WasmValue[] { 0 }, TrapCode.IntegerDivideByZero, "integer divide by zero");
        yield return new TestCaseData("overflow", Array.Empty<WasmValue>(), TrapCode.IntegerOverflow, "integer overflow");
        yield return new TestCaseData("trunc_nan", Array.Empty<WasmValue>(), TrapCode.InvalidConversionToInteger, "invalid conversion to integer");
        yield return new TestCaseData("oob_load", new WasmValue[] { 65533 }, TrapCode.MemoryOutOfBounds, "out of bounds memory access");
        yield return new TestCaseData("oob_load", new WasmValue[] { -1 }, TrapCode.MemoryOutOfBounds, "out of bounds memory access");
        yield return new TestCaseData("call_indirect", new WasmValue[] { 2 }, TrapCode.UndefinedElement, "undefined element");
        yield return new TestCaseData("call_indirect", new WasmValue[] { 1 }, TrapCode.UninitializedElement, "uninitialized element");
        yield return new TestCaseData("call_indirect_wrong_type", new WasmValue[] { 0 }, TrapCode.IndirectCallTypeMismatch, "indirect call type mismatch");
        yield return new TestCaseData("unreachable", Array.Empty<WasmValue>(), TrapCode.Unreachable, "unreachable");
    }

    [TestCaseSource(nameof(Traps))]
    public void Invoke_TrappingFunction_ThrowsTrapWithCodeAndSpecMessage(string export, WasmValue[] arguments, TrapCode code, string message)
    {
        var trap = Function(_instance, export).Invoking(f => f.Invoke(arguments)).Should().Throw<WasmTrapException>().Which;

        trap.Code.Should().Be(code);
        trap.Message.Should().Be(message);
    }

    [Test]
    public void Invoke_TrapInNestedCalls_HasFramesInnermostFirstWithNames()
    {
        var trap = Function(_instance, "unreachable").Invoking(f => f.Invoke()).Should().Throw<WasmTrapException>().Which;

        trap.Frames.Should().Equal(
            new WasmFrame(2, "inner", "traps"),
            new WasmFrame(3, "middle", "traps"),
            new WasmFrame(4, "outer", "traps"));
        trap.ToString().Should().Contain("traps!inner").And.Contain("traps!outer");
    }

    [Test]
    public void Invoke_AfterATrap_TheStoreStillWorks()
    {
        var call = Function(_instance, "call_indirect");

        for (var i = 0; i < 3; i++)
        {
            call.Invoking(f => f.Invoke(5)).Should().Throw<WasmTrapException>();
            call.Invoke(0).Single().AsInt32().Should().Be(42);
        }
    }
}
