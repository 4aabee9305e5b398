using HealthWatch.Runtime.Conformance;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Conformance;

public class TrapTextsTests
{
    [TestCase("integer divide by zero", TrapCode.IntegerDivideByZero)]
    [TestCase("out of bounds memory access", TrapCode.MemoryOutOfBounds)]
    [TestCase("uninitialized element", TrapCode.UninitializedElement)]
    [TestCase("uninitialized element 2", TrapCode.UninitializedElement)]
    [TestCase("undefined element", TrapCode.UndefinedElement)]
    [TestCase("call stack exhausted", TrapCode.CallStackExhausted)]
    public void ToCode_MapsTheInterpretersText(string text, TrapCode code) => TrapTexts.ToCode(text).Should().Be(code);

    [TestCase("something else")]
    [TestCase("")]
    [TestCase(null)]
    public void ToCode_UnknownText_IsNull(string? text) => TrapTexts.ToCode(text).Should().BeNull();
}
