using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

/// <summary><see cref="WasmStoreLimits.MaxTables"/>: every table of a store counts, whoever made it.</summary>
[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class TableCountLimitTests(EngineFactory factory) : EngineTestBase(factory)
{
    [Test]
    public void Instantiate_TablesOfEarlierInstancesFillTheLimit_TrapsResourceLimitExceeded()
    {
        using var store = Engine.CreateStore(new WasmStoreLimits { MaxTables = 2 });
        store.Instantiate(Module("grow"));
        store.Instantiate(Module("grow"));

        var act = () => store.Instantiate(Module("grow"));

        act.Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.ResourceLimitExceeded);
    }

    [Test]
    public void Instantiate_NoTablesAllowed_TrapsResourceLimitExceeded()
    {
        using var store = Engine.CreateStore(new WasmStoreLimits { MaxTables = 0 });

        var act = () => store.Instantiate(Module("grow"));

        act.Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.ResourceLimitExceeded);
    }

    [Test]
    public void CreateTable_CountsAgainstTheLimit()
    {
        using var store = Engine.CreateStore(new WasmStoreLimits { MaxTables = 1 });
        store.CreateTable(new TableType(ValType.FuncRef, new Limits(1, null)), WasmValue.Null(ValType.FuncRef));

        var act = () => store.Instantiate(Module("grow"));

        act.Should().Throw<WasmTrapException>().Which.Code.Should().Be(TrapCode.ResourceLimitExceeded);
    }
}
