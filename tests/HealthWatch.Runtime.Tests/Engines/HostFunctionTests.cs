using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class HostFunctionTests(EngineFactory factory) : EngineTestBase(factory)
{
    private static FuncType Unary(ValType type) => new([type], [type]);

    [Test]
    public void Invoke_ThroughImportsOfEveryType_PassesValuesBothWays()
    {
        using var store = Engine.CreateStore();
        var token = new object();
        var seen = new List<WasmValue>();
        var imports = new WasmImports();
        foreach (var (name, type) in new[] { ("i32", ValType.I32), ("i64", ValType.I64), ("f32", ValType.F32), ("f64", ValType.F64), ("funcref", ValType.FuncRef), ("externref", ValType.ExternRef) })
        {
            imports.Define("host", name, store.CreateFunction(Unary(type), (args, results) =>
            {
                seen.Add(args[0]);
                results[0] = type switch
                {
                    ValType.I32 => WasmValue.FromInt32(args[0].AsInt32() * 2),
                    ValType.I64 => WasmValue.FromInt64(args[0].AsInt64() * 2),
                    ValType.F32 => WasmValue.FromSingle(args[0].AsSingle() * 2),
                    ValType.F64 => WasmValue.FromDouble(args[0].AsDouble() * 2),
                    _ => args[0],
                };
            }));
        }

        imports.Define("host", "multi", store.CreateFunction(
            new FuncType([ValType.I32, ValType.I64], [ValType.I64, ValType.I32, ValType.F64]),
            (args, results) =>
            {
                results[0] = args[1];
                results[1] = args[0];
                results[2] = WasmValue.FromDouble(0.25);
            }));
        var instance = store.Instantiate(Module("host"), imports);

        Function(instance, "call_i32").Invoke(21).Single().AsInt32().Should().Be(42);
        Function(instance, "call_i64").Invoke(1L << 40).Single().AsInt64().Should().Be(1L << 41);
        Function(instance, "call_f32").Invoke(1.25f).Single().AsSingle().Should().Be(2.5f);
        Function(instance, "call_f64").Invoke(-4.0).Single().AsDouble().Should().Be(-8.0);
        var callI32 = Function(instance, "call_i32");
        Function(instance, "call_funcref").Invoke(WasmValue.FromFuncRef(callI32)).Single().AsFunction().Should().BeSameAs(callI32);
        Function(instance, "call_externref").Invoke(WasmValue.FromExternRef(token)).Single().AsReference().Should().BeSameAs(token);
        Function(instance, "call_multi").Invoke(3, 4L).Should().Equal(WasmValue.FromInt64(4), WasmValue.FromInt32(3), WasmValue.FromDouble(0.25));
        seen.Should().HaveCount(6);
        seen[4].AsFunction().Should().BeSameAs(callI32);
    }

    [Test]
    public void GetExport_OfAReexportedHostFunction_IsTheSameObject()
    {
        using var store = Engine.CreateStore();
        var imports = HostImports(store, out var hostI32);

        var instance = store.Instantiate(Module("host"), imports);

        instance.GetExport("reexported").Should().BeSameAs(hostI32);
    }

    [Test]
    public void Invoke_HostFunctionDirectly_RunsTheCallback()
    {
        using var store = Engine.CreateStore();
        var function = store.CreateFunction(new FuncType([ValType.I32, ValType.I32], [ValType.I32]), (args, results) => results[0] = args[0].AsInt32() - args[1].AsInt32());

        function.Invoke(10, 3).Single().AsInt32().Should().Be(7);
    }

    [Test]
    public void Invoke_HostFunctionThrows_TrapsWithHostErrorAndTheException()
    {
        using var store = Engine.CreateStore();
        var failure = new InvalidOperationException("boom");
        var imports = new WasmImports().Define("host", "fail", store.CreateFunction(new FuncType([], []), (_, _) => throw failure));
        var instance = store.Instantiate(Module("traps"), imports);

        var trap = Function(instance, "call_host").Invoking(f => f.Invoke()).Should().Throw<WasmTrapException>().Which;

        trap.Code.Should().Be(TrapCode.HostError);
        trap.InnerException.Should().BeSameAs(failure);
        trap.Frames.Select(f => f.FunctionName).Should().Equal("host_caller");
    }

    [Test]
    public void Invoke_HostFunctionThrowsATrap_TrapPassesThroughWithItsCode()
    {
        using var store = Engine.CreateStore();
        var imports = new WasmImports().Define("host", "fail", store.CreateFunction(new FuncType([], []), (_, _) => throw new WasmTrapException(TrapCode.Unreachable)));
        var instance = store.Instantiate(Module("traps"), imports);

        Function(instance, "call_host").Invoking(f => f.Invoke()).Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.Unreachable);
    }

    [Test]
    public void Invoke_HostFunctionWritesAResultOfTheWrongType_TrapsWithHostError()
    {
        using var store = Engine.CreateStore();
        var function = store.CreateFunction(new FuncType([], [ValType.I32]), (_, results) => results[0] = WasmValue.FromInt64(1));

        function.Invoking(f => f.Invoke()).Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.HostError);
    }

    [Test]
    public void Invoke_HostFunctionCallsBackIntoTheStore_Works()
    {
        using var store = Engine.CreateStore();
        IWasmFunction? add = null;
        var imports = HostImports(store, out _);
        imports.Define("host", "i32", store.CreateFunction(Unary(ValType.I32), (args, results) => results[0] = add!.Invoke(args[0], 100)[0]));
        var instance = store.Instantiate(Module("host"), imports);
        add = Function(store.Instantiate(Module("values")), "add");

        Function(instance, "call_i32").Invoke(5).Single().AsInt32().Should().Be(105);
    }

    private static WasmImports HostImports(IWasmStore store, out IWasmFunction hostI32)
    {
        var imports = new WasmImports();
        foreach (var type in new[] { ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.FuncRef, ValType.ExternRef })
        {
            imports.Define("host", type.ToWatName(), store.CreateFunction(Unary(type), (args, results) => results[0] = args[0]));
        }

        imports.Define("host", "multi", store.CreateFunction(
            new FuncType([ValType.I32, ValType.I64], [ValType.I64, ValType.I32, ValType.F64]),
            (args, results) => (results[0], results[1], results[2]) = (args[1], args[0], WasmValue.FromDouble(0))));
        imports.TryGet("host", "i32", out var function);
        hostI32 = (IWasmFunction)function!;
        return imports;
    }
}
