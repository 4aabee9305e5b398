namespace HealthWatch.Runtime.Engines.Wasmtime.Tests;

public class WasmtimeErrorsTests
{
    // wasmtime_trap_code_t values of wasmtime/trap.h (48.0.0).
    [TestCase((byte)0, TrapCode.CallStackExhausted)]
    [TestCase((byte)1, TrapCode.MemoryOutOfBounds)]
    [TestCase((byte)2, TrapCode.MemoryOutOfBounds)]
    [TestCase((byte)3, TrapCode.TableOutOfBounds)]
    [TestCase((byte)4, TrapCode.UninitializedElement)]
    [TestCase((byte)5, TrapCode.IndirectCallTypeMismatch)]
    [TestCase((byte)6, TrapCode.IntegerOverflow)]
    [TestCase((byte)7, TrapCode.IntegerDivideByZero)]
    [TestCase((byte)8, TrapCode.InvalidConversionToInteger)]
    [TestCase((byte)9, TrapCode.Unreachable)]
    [TestCase((byte)10, TrapCode.Interrupted)]
    [TestCase((byte)11, TrapCode.OutOfFuel)]
    [TestCase((byte)15, TrapCode.ResourceLimitExceeded)]
    public void ToTrapCode_CoreWasmTrap_IsTheManagedEnginesCode(byte code, TrapCode expected)
    {
        WasmtimeErrors.ToTrapCode(code).Should().Be(expected);
    }

    [TestCase((byte)13)] // NULL_REFERENCE (GC proposal, turned off)
    [TestCase((byte)17)] // CANNOT_ENTER_COMPONENT
    [TestCase((byte)200)]
    public void ToTrapCode_CodeTheCoreHasNoWordFor_IsNull(byte code)
    {
        WasmtimeErrors.ToTrapCode(code).Should().BeNull();
    }

    [Test]
    public void RootCause_ContextChainWithOffset_TakesTheLastCauseAndItsOffset()
    {
        const string Message = "failed to parse WebAssembly module\n\nCaused by:\n    0: unexpected end-of-file (at offset 0x1a)";

        WasmtimeErrors.RootCause(Message).Should().Be(("unexpected end-of-file", 0x1a));
    }

    [Test]
    public void RootCause_SingleLineWithoutOffset_IsTheLineAndMinusOne()
    {
        WasmtimeErrors.RootCause("type mismatch: expected i32, found i64").Should().Be(("type mismatch: expected i32, found i64", -1));
    }

    [TestCase("magic header not detected: bad magic number", ModuleErrorKind.Malformed)]
    [TestCase("unexpected end-of-file", ModuleErrorKind.Malformed)]
    [TestCase("malformed section id", ModuleErrorKind.Malformed)]
    [TestCase("integer representation too long", ModuleErrorKind.Malformed)]
    [TestCase("type mismatch: expected i32, found i64", ModuleErrorKind.Invalid)]
    [TestCase("unknown global 3: global index out of bounds", ModuleErrorKind.Invalid)]
    [TestCase("SIMD support is not enabled", ModuleErrorKind.Unsupported)]
    public void Classify_WasmparserMessage_IsItsKind(string reason, ModuleErrorKind expected)
    {
        WasmtimeErrors.Classify(reason).Should().Be(expected);
    }
}
