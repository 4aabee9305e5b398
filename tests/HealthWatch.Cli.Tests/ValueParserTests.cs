using HealthWatch.Runtime.Engines;

namespace HealthWatch.Cli.Tests;

public class ValueParserTests
{
    [TestCase("0", 0)]
    [TestCase("-1", -1)]
    [TestCase("+17", 17)]
    [TestCase("2147483647", int.MaxValue)]
    [TestCase("-2147483648", int.MinValue)]
    [TestCase("4294967295", -1)]
    [TestCase("2147483648", int.MinValue)]
    [TestCase("0xffffffff", -1)]
    [TestCase("0X7FFFFFFF", int.MaxValue)]
    [TestCase("-0x80000000", int.MinValue)]
    public void TryParse_I32_AcceptsSignedUnsignedAndHex(string text, int expected)
    {
        ValueParser.TryParse(ValType.I32, text, out var value).Should().BeTrue();
        value.Should().Be(WasmValue.FromInt32(expected));
    }

    [TestCase("-9223372036854775808", long.MinValue)]
    [TestCase("18446744073709551615", -1L)]
    [TestCase("0x8000000000000000", long.MinValue)]
    [TestCase("12586269025", 12586269025L)]
    public void TryParse_I64_AcceptsSignedUnsignedAndHex(string text, long expected)
    {
        ValueParser.TryParse(ValType.I64, text, out var value).Should().BeTrue();
        value.Should().Be(WasmValue.FromInt64(expected));
    }

    [TestCase(ValType.I32, "4294967296")]
    [TestCase(ValType.I32, "-2147483649")]
    [TestCase(ValType.I32, "0x100000000")]
    [TestCase(ValType.I32, "1.5")]
    [TestCase(ValType.I32, "")]
    [TestCase(ValType.I32, "-")]
    [TestCase(ValType.I32, "0x")]
    [TestCase(ValType.I32, " 1")]
    [TestCase(ValType.I64, "18446744073709551616")]
    [TestCase(ValType.I64, "-9223372036854775809")]
    [TestCase(ValType.F32, "1e39")]
    [TestCase(ValType.F64, "1e309")]
    [TestCase(ValType.F64, "abc")]
    [TestCase(ValType.F64, "--1")]
    [TestCase(ValType.F64, "1,5")]
    [TestCase(ValType.F64, "")]
    [TestCase(ValType.ExternRef, "0")]
    public void TryParse_InvalidText_Fails(ValType type, string text)
    {
        ValueParser.TryParse(type, text, out _).Should().BeFalse();
    }

    [TestCase("nan", 0x7FF8_0000_0000_0000UL)]
    [TestCase("-nan", 0xFFF8_0000_0000_0000UL)]
    [TestCase("NaN", 0x7FF8_0000_0000_0000UL)]
    [TestCase("inf", 0x7FF0_0000_0000_0000UL)]
    [TestCase("-Infinity", 0xFFF0_0000_0000_0000UL)]
    [TestCase("-0", 0x8000_0000_0000_0000UL)]
    [TestCase("0", 0UL)]
    [TestCase("0.1", 0x3FB9_9999_9999_999AUL)]
    [TestCase("-2.5e-3", 0xBF64_7AE1_47AE_147BUL)]
    [TestCase("5e-324", 1UL)]
    public void TryParse_F64_GivesExactBits(string text, ulong bits)
    {
        ValueParser.TryParse(ValType.F64, text, out var value).Should().BeTrue();
        value.Should().Be(WasmValue.FromDoubleBits(bits));
    }

    [TestCase("nan", 0x7FC0_0000U)]
    [TestCase("-inf", 0xFF80_0000U)]
    [TestCase("-0", 0x8000_0000U)]
    [TestCase("0.1", 0x3DCC_CCCDU)]
    [TestCase("16777217", 0x4B80_0000U)]
    public void TryParse_F32_RoundsOnceToSingle(string text, uint bits)
    {
        ValueParser.TryParse(ValType.F32, text, out var value).Should().BeTrue();
        value.Should().Be(WasmValue.FromSingleBits(bits));
    }

    [Test]
    public void TryParse_F32_AvoidsDoubleRounding()
    {
        // Just above halfway between 1 and the next float; rounded to double first it would be exactly halfway (-> 1).
        ValueParser.TryParse(ValType.F32, "1.00000005960464477550", out var value).Should().BeTrue();
        value.Should().Be(WasmValue.FromSingleBits(0x3F80_0001));
    }

    [Test]
    public void TryParse_NullForReferenceType_GivesNull()
    {
        ValueParser.TryParse(ValType.FuncRef, "null", out var value).Should().BeTrue();
        value.IsNull.Should().BeTrue();
    }

    [Test]
    public void ParseArguments_WrongCount_NamesTheParameterTypes()
    {
        var type = new FuncType([ValType.I32, ValType.F64], []);

        var act = () => ValueParser.ParseArguments("f", type, ["1"]);

        act.Should().Throw<CliException>().Where(e => e.ExitCode == 2 && e.Message == "export 'f' takes 2 arguments (i32, f64), got 1");
    }

    [Test]
    public void ParseArguments_BadValue_NamesTheArgument()
    {
        var type = new FuncType([ValType.I32, ValType.F64], []);

        var act = () => ValueParser.ParseArguments("f", type, ["1", "x"]);

        act.Should().Throw<CliException>().Where(e => e.Message == "argument 2 of 'f': 'x' is not a valid f64");
    }
}
