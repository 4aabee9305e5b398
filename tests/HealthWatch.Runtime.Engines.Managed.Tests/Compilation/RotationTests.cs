using HealthWatch.Runtime.Engines.Managed.Compilation;
using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

public class RotationTests
{
    private static readonly CompiledTestModule Module = CompiledTestModule.Load("rotations.wasm");

    [TestCase(0x6A09E667)]
    [TestCase(1)]
    [TestCase(0)]
    [TestCase(-1)]
    public void Sigma1_RotateInstructions_MatchTheDefinition(int x)
    {
        var u = (uint)x;
        var expected = (int)(((u >> 6) | (u << 26)) ^ ((u >> 11) | (u << 21)) ^ ((u >> 25) | (u << 7)));

        Module.Call("sigma1", x).Should().Be(expected);
    }

    [Test]
    public void Rotl64_FeedingAdd_MatchesTheDefinition() =>
        Module.Call("rotl64_add", unchecked((long)0x8000_0000_0000_0001UL), 5L).Should().Be((1L << 12) + (1L << 13) + 5);

    [TestCase(0, 1)]
    [TestCase(4, 0)]
    public void RotateFeedingOr_TestedForZero_TestsTheOr(int other, int expected) =>
        Module.Call("rotl32_or_eqz", 0, other).Should().Be(expected);

    [TestCase("rotl32_xor_zero_if", 2)]
    [TestCase("rotr64_zero_or_br_if", 2)]
    [TestCase("rotl32_and_folded_minus_one_eqz", 1)]
    public void RotateCombinedWithAnIdentityConstant_TestedForZero_TakesTheZeroBranch(string export, int expected) =>
        Module.Call(export, 0).Should().Be(expected);

    // The instructions after a rotation, as the compiler sees them.
    [TestCase(new byte[] { 0x73 }, false, true, TestName = "xor right after")]
    [TestCase(new byte[] { 0x73 }, true, false, TestName = "xor of a constant pushed before")]
    [TestCase(new byte[] { 0x20, 0, 0x41, 3, 0x77, 0x73 }, false, true, TestName = "xor after another rotation")]
    [TestCase(new byte[] { 0x20, 1, 0x28, 2, 0, 0x6A }, false, true, TestName = "add of a load")]
    [TestCase(new byte[] { 0x7C }, false, true, TestName = "i64 add")]
    [TestCase(new byte[] { 0x41, 0, 0x73 }, false, false, TestName = "xor with a constant")]
    [TestCase(new byte[] { 0x41, 0x7F, 0xC0, 0x71 }, false, false, TestName = "and with a constant extended")]
    [TestCase(new byte[] { 0x41, 1, 0x41, 1, 0x6B, 0x73 }, false, false, TestName = "xor with a difference of constants")]
    [TestCase(new byte[] { 0x20, 0, 0x41, 1, 0x6A, 0x73 }, false, true, TestName = "xor with a local plus a constant")]
    [TestCase(new byte[] { 0x45 }, false, false, TestName = "eqz")]
    [TestCase(new byte[] { 0x41, 0, 0x47 }, false, false, TestName = "ne")]
    [TestCase(new byte[] { 0x04, 0x40 }, false, false, TestName = "if")]
    [TestCase(new byte[] { 0x0D, 0 }, false, false, TestName = "br_if")]
    [TestCase(new byte[] { 0x21, 0 }, false, false, TestName = "local.set")]
    [TestCase(new byte[] { 0xA7, 0x73 }, false, false, TestName = "wrap before xor")]
    [TestCase(new byte[] { 0x20, 0, 0x45, 0x73 }, false, true, TestName = "eqz of another value, then xor")]
    public void FeedsCombiningOperation_NextInstructions_DecidesTheForm(byte[] code, bool constantBelow, bool expected) =>
        FunctionCompiler.FeedsCombiningOperation(new WasmReader(code), constantBelow, static (_, _) => false).Should().Be(expected);

    // Local 0 may be a constant to the JIT (read before any non-constant assignment); local 1 may not.
    [TestCase(new byte[] { 0x20, 0, 0x73 }, false, TestName = "xor with a local the JIT may know")]
    [TestCase(new byte[] { 0x20, 0, 0x20, 0, 0x6A, 0x73 }, false, TestName = "xor with a sum of locals the JIT may know")]
    [TestCase(new byte[] { 0x20, 1, 0x73 }, true, TestName = "xor with a local set from a computed value")]
    [TestCase(new byte[] { 0x20, 0, 0x20, 1, 0x6A, 0x73 }, true, TestName = "xor with a sum of a known and a varying local")]
    public void FeedsCombiningOperation_LocalThatMayBeConstant_CountsAsAConstant(byte[] code, bool expected) =>
        FunctionCompiler.FeedsCombiningOperation(new WasmReader(code), constantBelow: false, static (local, _) => local == 0).Should().Be(expected);

    [TestCase("rotl32_xor_param_if", 2)]
    [TestCase("rotl32_xor_unset_local_if", 2)]
    [TestCase("rotl32_xor_local_set_later_if", 2)]
    public void RotateCombinedWithALocalTheJitMayKnow_TestedForZero_TakesTheZeroBranch(string export, int expected) =>
        Module.Call(export, 0).Should().Be(expected);
}
