using System.Text;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class MemoryTableGlobalTests(EngineFactory factory) : EngineTestBase(factory)
{
    [Test]
    public void GetSpan_AfterInstantiation_ShowsTheDataSegment()
    {
        var memory = Instantiate("memory").GetMemory("mem")!;

        memory.Pages.Should().Be(1);
        memory.Length.Should().Be(65536);
        Encoding.ASCII.GetString(memory.GetSpan(16, 5)).Should().Be("hello");
    }

    [Test]
    public void GetSpan_WritesByTheHost_AreSeenByTheGuestAndBack()
    {
        var instance = Instantiate("memory");
        var memory = instance.GetMemory("mem")!;

        memory.GetSpan(100, 1)[0] = 0xAB;
        Function(instance, "store32").Invoke(200, 0x01020304);

        Function(instance, "load8").Invoke(100).Single().AsInt32().Should().Be(0xAB);
        memory.GetSpan(200, 4).ToArray().Should().Equal(4, 3, 2, 1);
    }

    [Test]
    public void GetSpan_OutsideTheMemory_ThrowsArgumentOutOfRange()
    {
        var memory = Instantiate("memory").GetMemory("mem")!;

        memory.Invoking(m => m.GetSpan(65533, 4)).Should().Throw<ArgumentOutOfRangeException>();
        memory.Invoking(m => m.GetSpan(-1, 1)).Should().Throw<ArgumentOutOfRangeException>();
        memory.Invoking(m => m.GetSpan(long.MaxValue - 1, 4)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Grow_ThroughTheApiAndTheGuest_ReturnsOldSizeUntilTheMaximum()
    {
        var instance = Instantiate("memory");
        var memory = instance.GetMemory("mem")!;

        memory.Grow(1).Should().Be(1);
        Function(instance, "grow").Invoke(2).Single().AsInt32().Should().Be(2);
        Function(instance, "size").Invoke().Single().AsInt32().Should().Be(4);
        memory.Grow(1).Should().Be(-1);
        Function(instance, "grow").Invoke(1).Single().AsInt32().Should().Be(-1);
        memory.Pages.Should().Be(4);
        memory.GetSpan((4 * 65536) - 4, 4).ToArray().Should().Equal(0, 0, 0, 0);
        Encoding.ASCII.GetString(memory.GetSpan(16, 5)).Should().Be("hello");
    }

    [Test]
    public void MemoryGrow_PastTheStoreLimit_ReturnsMinusOne()
    {
        var instance = Instantiate("grow", limits: WasmStoreLimits.Default with { MaxMemoryPages = 3 });

        Function(instance, "grow").Invoke(2).Single().AsInt32().Should().Be(1);
        Function(instance, "grow").Invoke(1).Single().AsInt32().Should().Be(-1);
        instance.GetMemory("mem")!.Grow(1).Should().Be(-1);
        instance.GetMemory("mem")!.Pages.Should().Be(3);
    }

    [Test]
    public void TableGrow_PastTheStoreLimit_ReturnsMinusOne()
    {
        var instance = Instantiate("grow", limits: WasmStoreLimits.Default with { MaxTableElements = 4 });

        Function(instance, "table_grow").Invoke(3).Single().AsInt32().Should().Be(1);
        Function(instance, "table_grow").Invoke(1).Single().AsInt32().Should().Be(-1);
        instance.GetTable("table")!.Size.Should().Be(4);
    }

    [Test]
    public void Instantiate_MemoryMinimumOverTheStoreLimit_TrapsWithResourceLimitExceeded()
    {
        using var store = Engine.CreateStore(WasmStoreLimits.Default with { MaxMemoryPages = 0 });

        store.Invoking(s => s.Instantiate(Module("grow"))).Should().Throw<WasmTrapException>()
            .Which.Code.Should().Be(TrapCode.ResourceLimitExceeded);
    }

    [Test]
    public void Table_ElementsFromTheSegment_CanBeReadReplacedAndCalled()
    {
        var instance = Instantiate("tables");
        var table = instance.GetTable("table")!;
        var seven = Function(instance, "seven");
        var call = Function(instance, "call");

        table.Size.Should().Be(3);
        table.Get(0).AsFunction().Should().BeSameAs(seven);
        table.Get(2).IsNull.Should().BeTrue();
        call.Invoke(1).Single().AsInt32().Should().Be(8);
        table.Set(2, WasmValue.FromFuncRef(seven));
        call.Invoke(2).Single().AsInt32().Should().Be(7);
    }

    [Test]
    public void Table_HostFunctionInTheTable_IsCalledIndirectly()
    {
        using var store = Engine.CreateStore();
        var instance = store.Instantiate(Module("tables"));
        var table = instance.GetTable("table")!;

        table.Grow(2, WasmValue.FromFuncRef(store.CreateFunction(new FuncType([], [ValType.I32]), (_, r) => r[0] = 99))).Should().Be(3);

        Function(instance, "call").Invoke(4).Single().AsInt32().Should().Be(99);
        table.Size.Should().Be(5);
        table.Grow(6, WasmValue.Null(ValType.FuncRef)).Should().Be(-1);
    }

    [Test]
    public void Table_WrongValues_AreRejected()
    {
        var instance = Instantiate("tables");
        var table = instance.GetTable("table")!;
        var foreign = Function(Instantiate("tables"), "seven");

        table.Invoking(t => t.Get(3)).Should().Throw<ArgumentOutOfRangeException>();
        table.Invoking(t => t.Set(0, 5)).Should().Throw<ArgumentException>();
        table.Invoking(t => t.Set(0, WasmValue.FromFuncRef(foreign))).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Global_MutableExport_IsSharedBetweenHostAndGuest()
    {
        var instance = Instantiate("tables");
        var counter = instance.GetGlobal("counter")!;

        counter.GlobalType.Should().Be(new GlobalType(ValType.I32, true));
        Function(instance, "bump").Invoke().Single().AsInt32().Should().Be(6);
        counter.Value = 41;
        Function(instance, "bump").Invoke().Single().AsInt32().Should().Be(42);
        counter.Value.AsInt32().Should().Be(42);
    }

    [Test]
    public void Global_SetImmutableOrWrongType_Throws()
    {
        var instance = Instantiate("tables");
        var pi = instance.GetGlobal("pi")!;

        pi.Value.AsDouble().Should().Be(3.25);
        pi.Invoking(g => g.Value = 1.0).Should().Throw<InvalidOperationException>();
        instance.GetGlobal("counter")!.Invoking(g => g.Value = 1L).Should().Throw<ArgumentException>();
    }

    [Test]
    public void CreateMemoryTableGlobal_HostObjects_HaveTheRequestedTypesAndValues()
    {
        using var store = Engine.CreateStore();
        var token = new object();

        var memory = store.CreateMemory(new MemoryType(new Limits(2, 3)));
        var table = store.CreateTable(new TableType(ValType.ExternRef, new Limits(2, null)), WasmValue.FromExternRef(token));
        var global = store.CreateGlobal(new GlobalType(ValType.F32, false), 1.5f);

        memory.Pages.Should().Be(2);
        memory.Grow(2).Should().Be(-1);
        table.Get(1).AsReference().Should().BeSameAs(token);
        global.Value.AsSingle().Should().Be(1.5f);
        store.Invoking(s => s.CreateGlobal(new GlobalType(ValType.I32, true), 1L)).Should().Throw<ArgumentException>();
    }
}
