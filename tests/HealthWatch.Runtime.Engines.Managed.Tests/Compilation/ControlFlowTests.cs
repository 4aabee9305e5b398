using System.Reflection;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

public class ControlFlowTests
{
    private static readonly CompiledTestModule Module = CompiledTestModule.Load("control.wasm");

    [TestCase(0, 101)]
    [TestCase(1, 107)]
    public void BrIf_WithValuesBelowTheCarriedOne_DropsThem(int condition, int expected) =>
        Module.Call("br_if_with_excess", condition).Should().Be(expected);

    [TestCase(0, 1111)]
    [TestCase(1, 1101)]
    [TestCase(2, 1001)]
    [TestCase(3, 1101)]
    [TestCase(4, 1101)]
    [TestCase(-1, 1101)]
    public void BrTable_TargetsAtDifferentDepths_KeepTheirBaseValues(int index, int expected) =>
        Module.Call("br_table_depths", index).Should().Be(expected);

    [TestCase(1, 1001)]
    [TestCase(10, 1055)]
    public void Loop_WithParameterAndValueBelow_Iterates(int n, int expected) =>
        Module.Call("loop_sum", n).Should().Be(expected);

    [Test]
    public void MultiValue_CallAndBlockParameters_PassAllValues() =>
        Module.Call("multi_value").Should().Be(4.5);

    [TestCase(0, 40)]
    [TestCase(1, 42)]
    public void If_WithParameterAndNoElse_PassesParameterThrough(int condition, int expected) =>
        Module.Call("if_param_no_else", condition).Should().Be(expected);

    [Test]
    public void DeadCode_AfterBlockNothingReaches_IsSkipped()
    {
        Module.Call("dead_after_block", 0).Should().Be(5);
        Module.TrapOf("dead_after_block", 1).Should().Be(TrapCode.Unreachable);
    }

    [TestCase(0, 1, 2)]
    [TestCase(1, 8, 9)]
    public void Return_FromNestedBlocks_ReturnsOnlyTheResults(int condition, int first, int second) =>
        Module.Call("return_with_excess", condition).Should().Be((first, second));

    [TestCase(0, 0)]
    [TestCase(1, 10)]
    public void ManySpills_ReuseTemporaries(int condition, int expected)
    {
        Module.Call("many_spills", condition).Should().Be(expected);

        var locals = Module.Method("many_spills").GetMethodBody()!.LocalVariables;
        locals.Count(l => l.LocalType == typeof(int)).Should().BeLessThan(4, "one pooled i32 temporary serves every spill");
    }

    [Test]
    public void CompiledModule_NamesMethodsAndMapsThemBack()
    {
        var method = Module.Method("named");
        method.Name.Should().Be("f9_named");
        Module.Compiled.FunctionIndexOf(method).Should().Be(9);
        Module.Compiled.FunctionIndexOf(MethodBase.GetCurrentMethod()!).Should().Be(-1);
        Module.Compiled.FunctionPointers.Should().HaveCount(Module.Compiled.Methods.Length).And.NotContain(0);
        Module.Compiled.MaxFrameBytes.Should().BeGreaterThan(1024);
    }
}
