using HealthWatch.Runtime.Engines.Managed.Compilation;
using HealthWatch.Runtime.Engines.Managed.Decoding;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

public class FunctionScanTests
{
    [TestCase("small", new[] { 0 })]
    [TestCase("calls", new int[0])]
    [TestCase("nested", new[] { 0, 1 })]
    [TestCase("nested_calls", new int[0])]
    [TestCase("many_locals", new int[0])]
    [TestCase("few_around_many", new[] { 0 })]
    [TestCase("may_trap", new[] { 0, 1, 2, 3 })]
    public void FuelInLocal_LoopShape_OnlyLoopsWithFewLocalsAndNoCallsInside(string export, int[] expected) =>
        Scan(export).FuelInLocal.Should().BeEquivalentTo(expected);

    [TestCase("small", new[] { 0 })]
    [TestCase("calls", new int[0])]
    [TestCase("nested", new[] { 0, 1 })]
    [TestCase("many_locals", new int[0])]
    [TestCase("few_around_many", new[] { 0 })]
    [TestCase("may_trap", new[] { 3 })]
    public void FuelStoredOnExit_LoopShape_OnlyFuelInLocalLoopsWhereNothingMayTrap(string export, int[] expected) =>
        Scan(export).FuelStoredOnExit.Should().BeEquivalentTo(expected);

    [Test]
    public void Costs_NestedLoops_OneStretchPerCheckPoint() =>
        Scan("nested").Costs.Should().HaveCount(3, "entry, then the two loop headers");

    private static FunctionScan Scan(string export)
    {
        var module = ModuleDecoder.Decode(CompiledTestModule.Bytes("scan.wasm"));
        var index = module.Exports.Single(e => e.Name == export).Index - module.ImportedFunctionCount;
        var body = module.Bodies[index];
        return FunctionScan.Run(module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset, module.ImportedFunctionCount);
    }
}
