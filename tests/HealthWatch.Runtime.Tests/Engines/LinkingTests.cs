using System.Text;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class LinkingTests(EngineFactory factory) : EngineTestBase(factory)
{
    private IWasmStore _store = null!;

    [SetUp]
    public void CreateStore() => _store = Engine.CreateStore();

    [TearDown]
    public void DisposeStore() => _store.Dispose();

    [Test]
    public void Instantiate_AllImportsMatch_CallsThroughThem()
    {
        var instance = _store.Instantiate(Module("linking"), Imports());

        Function(instance, "call_f").Invoke(4).Single().AsInt32().Should().Be(5);
        Function(instance, "read_g").Invoke().Single().AsInt64().Should().Be(77);
    }

    [Test]
    public void Imports_OfTheModule_DescribeEveryKind()
    {
        Module("linking").Imports.Should().Equal(
            new ImportDescriptor("env", "f", new FuncType([ValType.I32], [ValType.I32])),
            new ImportDescriptor("env", "mem", new MemoryType(new Limits(1, 2))),
            new ImportDescriptor("env", "table", new TableType(ValType.FuncRef, new Limits(2, null))),
            new ImportDescriptor("env", "g", new GlobalType(ValType.I64, true)));
    }

    [Test]
    public void Instantiate_MissingImport_ThrowsUnknownImport()
    {
        var imports = Imports();
        var partial = new WasmImports();
        foreach (var name in new[] { "f", "mem", "table" })
        {
            imports.TryGet("env", name, out var value);
            partial.Define("env", name, value!);
        }

        var error = _store.Invoking(s => s.Instantiate(Module("linking"), partial)).Should().Throw<WasmLinkException>().Which;

        error.Reason.Should().Be("unknown import");
        (error.ImportModule, error.ImportName).Should().Be(("env", "g"));
    }

    private static IEnumerable<TestCaseData> Incompatible()
    {
        yield return Case("f", s => s.CreateFunction(new FuncType([ValType.I64], [ValType.I32]), (_, _) => { }), "function of another type");
        yield return Case("f", s => s.CreateGlobal(new GlobalType(ValType.I32, false), 1), "global for a function");
        yield return Case("mem", s => s.CreateMemory(new MemoryType(new Limits(1, null))), "memory without maximum");
        yield return Case("mem", s => s.CreateMemory(new MemoryType(new Limits(1, 3))), "memory maximum too large");
        yield return Case("mem", s => s.CreateMemory(new MemoryType(new Limits(0, 2))), "memory too small");
        yield return Case("table", s => s.CreateTable(new TableType(ValType.FuncRef, new Limits(1, null)), WasmValue.Null(ValType.FuncRef)), "table too small");
        yield return Case("table", s => s.CreateTable(new TableType(ValType.ExternRef, new Limits(2, null)), WasmValue.Null(ValType.ExternRef)), "table of externref");
        yield return Case("g", s => s.CreateGlobal(new GlobalType(ValType.I64, false), 1L), "immutable global");
        yield return Case("g", s => s.CreateGlobal(new GlobalType(ValType.I32, true), 1), "global of another type");

        static TestCaseData Case(string name, Func<IWasmStore, IWasmExtern> create, string display) =>
            new TestCaseData(name, create).SetArgDisplayNames(display);
    }

    [TestCaseSource(nameof(Incompatible))]
    public void Instantiate_IncompatibleImport_ThrowsIncompatibleImportType(string name, Func<IWasmStore, IWasmExtern> create)
    {
        var imports = Imports().Define("env", name, create(_store));

        var error = _store.Invoking(s => s.Instantiate(Module("linking"), imports)).Should().Throw<WasmLinkException>().Which;

        error.Reason.Should().Be("incompatible import type");
        error.ImportName.Should().Be(name);
    }

    [Test]
    public void Instantiate_MemoryGrownPastTheImportMinimum_Matches()
    {
        var memory = _store.CreateMemory(new MemoryType(new Limits(0, 2)));
        memory.Grow(1);

        _store.Invoking(s => s.Instantiate(Module("linking"), Imports().Define("env", "mem", memory))).Should().NotThrow();
    }

    [Test]
    public void Instantiate_ImportFromAnotherStore_ThrowsWasmLinkException()
    {
        using var other = Engine.CreateStore();
        var imports = Imports().Define("env", "f", other.CreateFunction(new FuncType([ValType.I32], [ValType.I32]), (a, r) => r[0] = a[0]));

        _store.Invoking(s => s.Instantiate(Module("linking"), imports)).Should().Throw<WasmLinkException>()
            .Which.ImportName.Should().Be("f");
    }

    [Test]
    public void Instantiate_DataSegmentOutOfBounds_TrapsAndKeepsEarlierWrites()
    {
        var memory = _store.CreateMemory(new MemoryType(new Limits(1, null)));

        _store.Invoking(s => s.Instantiate(Module("segments"), new WasmImports().Define("env", "mem", memory)))
            .Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.MemoryOutOfBounds);
        Encoding.ASCII.GetString(memory.GetSpan(0, 3)).Should().Be("abc");
    }

    [Test]
    public void Instantiate_StartFunction_RunsWithImportedGlobal()
    {
        var recorded = new List<int>();
        var imports = new WasmImports()
            .Define("env", "record", _store.CreateFunction(new FuncType([ValType.I32], []), (a, _) => recorded.Add(a[0].AsInt32())))
            .Define("env", "value", _store.CreateGlobal(new GlobalType(ValType.I32, false), 31));

        _store.Instantiate(Module("start"), imports);

        recorded.Should().Equal(31);
    }

    [Test]
    public void Instantiate_StartFunctionTraps_ThrowsTheTrap()
    {
        var imports = new WasmImports()
            .Define("env", "record", _store.CreateFunction(new FuncType([ValType.I32], []), (_, _) => throw new FormatException()))
            .Define("env", "value", _store.CreateGlobal(new GlobalType(ValType.I32, false), 1));

        var trap = _store.Invoking(s => s.Instantiate(Module("start"), imports)).Should().Throw<WasmTrapException>().Which;

        trap.Code.Should().Be(TrapCode.HostError);
        trap.InnerException.Should().BeOfType<FormatException>();
        trap.Frames.Select(f => f.FunctionName).Should().Equal("start");
    }

    [Test]
    public void DefineInstance_ExportsOfOneInstance_SatisfyAnother()
    {
        var memory = _store.Instantiate(Module("memory"));
        var imports = new WasmImports().DefineInstance("env", memory);

        _store.Invoking(s => s.Instantiate(Module("segments"), imports)).Should().Throw<WasmTrapException>();
        Function(memory, "load8").Invoke(1).Single().AsInt32().Should().Be('b');
    }

    private WasmImports Imports() => new WasmImports()
        .Define("env", "f", _store.CreateFunction(new FuncType([ValType.I32], [ValType.I32]), (a, r) => r[0] = a[0].AsInt32() + 1))
        .Define("env", "mem", _store.CreateMemory(new MemoryType(new Limits(1, 2))))
        .Define("env", "table", _store.CreateTable(new TableType(ValType.FuncRef, new Limits(2, null)), WasmValue.Null(ValType.FuncRef)))
        .Define("env", "g", _store.CreateGlobal(new GlobalType(ValType.I64, true), 77L));
}
