namespace HealthWatch.Runtime.Engines.Managed.Tests.Compilation;

public class NumericTests
{
    private static readonly CompiledTestModule Module = CompiledTestModule.Load("numeric.wasm");

    [Test]
    public void RemS_MinByMinusOne_IsZero() => Module.Call("i32.rem_s", int.MinValue, -1).Should().Be(0);

    [Test]
    public void DivS_Traps()
    {
        Module.TrapOf("i32.div_s", 1, 0).Should().Be(TrapCode.IntegerDivideByZero);
        Module.TrapOf("i32.div_s", int.MinValue, -1).Should().Be(TrapCode.IntegerOverflow);
    }

    [Test]
    public void DivU_IsUnsigned() => Module.Call("i64.div_u", -1L, 2L).Should().Be(long.MaxValue);

    [Test]
    public void Shifts_MaskTheCount()
    {
        Module.Call("i32.shl", 1, 33).Should().Be(2);
        Module.Call("i64.rotr", 1L, 65L).Should().Be(long.MinValue);
    }

    [TestCase(-0.99f, 0)]
    [TestCase(4294967040f, -256)]
    public void TruncF32U_InRange_Truncates(float value, int expected) => Module.Call("i32.trunc_f32_u", value).Should().Be(expected);

    [TestCase(-1f, TrapCode.IntegerOverflow)]
    [TestCase(4294967296f, TrapCode.IntegerOverflow)]
    [TestCase(float.NaN, TrapCode.InvalidConversionToInteger)]
    public void TruncF32U_OutOfRange_Traps(float value, TrapCode code) => Module.TrapOf("i32.trunc_f32_u", value).Should().Be(code);

    [Test]
    public void TruncF64S_Boundaries()
    {
        Module.Call("i64.trunc_f64_s", -9223372036854775808d).Should().Be(long.MinValue);
        Module.TrapOf("i64.trunc_f64_s", 9223372036854775808d).Should().Be(TrapCode.IntegerOverflow);
    }

    [TestCase(double.NaN, 0)]
    [TestCase(-3e9, int.MinValue)]
    [TestCase(3e9, int.MaxValue)]
    [TestCase(-2147483648.9, int.MinValue)]
    public void TruncSat_Saturates(double value, int expected) => Module.Call("i32.trunc_sat_f64_s", value).Should().Be(expected);

    [Test]
    public void ConvertI64U_ToF32_RoundsOnce()
    {
        // 2^63 + 2^39 + 1 lies just above the midpoint between two f32 values: rounding through f64 would tie to even (down).
        var value = unchecked((long)0x8000008000000001UL);
        Module.Call("f32.convert_i64_u", value).Should().Be(9223373136366403584f);
    }

    [Test]
    public void Min_NegativeZeroIsBelowPositiveZero() =>
        BitConverter.SingleToInt32Bits((float)Module.Call("f32.min", 0f, -0f)!).Should().Be(int.MinValue);

    [Test]
    public void Neg_KeepsNaNPayload()
    {
        var nan = BitConverter.Int64BitsToDouble(0x7FF4000000000001);
        BitConverter.DoubleToInt64Bits((double)Module.Call("f64.neg", nan)!).Should().Be(unchecked((long)0xFFF4000000000001));
    }

    [Test]
    public void SignallingNaNConstant_KeepsItsBits() => Module.Call("f32.snan").Should().Be(0x7FA00000);

    [Test]
    public void MulByOne_QuietsSignallingNaN()
    {
        var snan = BitConverter.Int32BitsToSingle(0x7FA00000);
        BitConverter.SingleToInt32Bits((float)Module.Call("f32.mul_one", snan)!).Should().Be(0x7FE00000);
    }

    [TestCase(1, 1.5)]
    [TestCase(0, 2.5)]
    public void Select_PicksByCondition(int condition, double expected) =>
        Module.Call("select_f64", 1.5, 2.5, condition).Should().Be(expected);
}
