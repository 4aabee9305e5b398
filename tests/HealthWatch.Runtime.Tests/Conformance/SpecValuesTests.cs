using HealthWatch.Runtime.Conformance;
using HealthWatch.Runtime.Conformance.Json;
using HealthWatch.Runtime.Conformance.Values;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Conformance;

public class SpecValuesTests
{
    [TestCase("i32", "4294967295", ValType.I32, 0xFFFF_FFFFul)]
    [TestCase("i32", "0", ValType.I32, 0ul)]
    [TestCase("i64", "18446744073709551615", ValType.I64, ulong.MaxValue)]
    [TestCase("f32", "2147483648", ValType.F32, 0x8000_0000ul)]
    [TestCase("f32", "2141192192", ValType.F32, 0x7FA0_0000ul)]
    [TestCase("f64", "9221120237041090561", ValType.F64, 0x7FF8_0000_0000_0001ul)]
    public void ParseArgument_KeepsTheBitPattern(string type, string value, ValType expectedType, ulong expectedBits)
    {
        var parsed = SpecValues.ParseArgument(new SpecValue { Type = type, Value = value }, new HostReferences());

        parsed.Type.Should().Be(expectedType);
        parsed.Bits.Should().Be(expectedBits);
    }

    [Test]
    public void ParseArgument_I32_IsTwosComplement() =>
        SpecValues.ParseArgument(new SpecValue { Type = "i32", Value = "4294967295" }, new HostReferences()).AsInt32().Should().Be(-1);

    [Test]
    public void ParseArgument_ExternRef_IsOneObjectPerId()
    {
        var references = new HostReferences();

        var first = SpecValues.ParseArgument(new SpecValue { Type = "externref", Value = "3" }, references).AsReference();
        var again = SpecValues.ParseArgument(new SpecValue { Type = "externref", Value = "3" }, references).AsReference();
        var other = SpecValues.ParseArgument(new SpecValue { Type = "externref", Value = "4" }, references).AsReference();

        first.Should().NotBeNull().And.BeSameAs(again).And.NotBeSameAs(other);
    }

    [TestCase("externref")]
    [TestCase("funcref")]
    public void ParseArgument_Null_IsANullReference(string type) =>
        SpecValues.ParseArgument(new SpecValue { Type = type, Value = "null" }, new HostReferences()).IsNull.Should().BeTrue();

    [TestCase("i32", "4294967296")]
    [TestCase("i32", "-1")]
    [TestCase("i64", "18446744073709551616")]
    [TestCase("f32", "1.5")]
    [TestCase("f32", "nan:canonical")]
    [TestCase("v128", "0")]
    [TestCase("funcref", "1")]
    [TestCase("i32", null)]
    public void ParseArgument_RejectsWhatItCannotRepresent(string type, string? value)
    {
        var act = () => SpecValues.ParseArgument(new SpecValue { Type = type, Value = value }, new HostReferences());

        act.Should().Throw<SpecDataException>();
    }

    [TestCase("f32", "nan:canonical", nameof(ExpectedKind.CanonicalNan))]
    [TestCase("f64", "nan:arithmetic", nameof(ExpectedKind.ArithmeticNan))]
    [TestCase("f64", "0", nameof(ExpectedKind.Bits))]
    [TestCase("externref", "null", nameof(ExpectedKind.NullReference))]
    [TestCase("funcref", "null", nameof(ExpectedKind.NullReference))]
    [TestCase("externref", "42", nameof(ExpectedKind.HostReference))]
    public void ParseExpected_Classifies(string type, string value, string kind) =>
        SpecValues.ParseExpected(new SpecValue { Type = type, Value = value }).Kind.ToString().Should().Be(kind);

    [TestCase("i32", "nan:canonical")]
    [TestCase("funcref", "0")]
    [TestCase("f32", null)]
    public void ParseExpected_RejectsWhatItCannotCheck(string type, string? value)
    {
        var act = () => SpecValues.ParseExpected(new SpecValue { Type = type, Value = value });

        act.Should().Throw<SpecDataException>();
    }

    [Test]
    public void Expected_Bits_DistinguishSignedZeros()
    {
        var positiveZero = SpecValues.ParseExpected(new SpecValue { Type = "f32", Value = "0" });

        positiveZero.IsMatchedBy(WasmValue.FromSingleBits(0), new HostReferences()).Should().BeTrue();
        positiveZero.IsMatchedBy(WasmValue.FromSingleBits(0x8000_0000), new HostReferences()).Should().BeFalse();
    }

    [Test]
    public void Expected_RequiresTheSameType()
    {
        var expected = SpecValues.ParseExpected(new SpecValue { Type = "i64", Value = "1" });

        expected.IsMatchedBy(WasmValue.FromInt32(1), new HostReferences()).Should().BeFalse();
        expected.IsMatchedBy(WasmValue.FromDoubleBits(1), new HostReferences()).Should().BeFalse();
        expected.IsMatchedBy(WasmValue.FromInt64(1), new HostReferences()).Should().BeTrue();
    }

    [Test]
    public void Expected_NullFuncRef_RejectsExternRefNull()
    {
        var expected = SpecValues.ParseExpected(new SpecValue { Type = "funcref", Value = "null" });

        expected.IsMatchedBy(WasmValue.Null(ValType.ExternRef), new HostReferences()).Should().BeFalse();
        expected.IsMatchedBy(WasmValue.Null(ValType.FuncRef), new HostReferences()).Should().BeTrue();
    }

    [Test]
    public void Expected_HostReference_MatchesOnlyThatIdsObject()
    {
        var references = new HostReferences();
        var expected = SpecValues.ParseExpected(new SpecValue { Type = "externref", Value = "1" });

        expected.IsMatchedBy(WasmValue.FromExternRef(references.Get(1)), references).Should().BeTrue();
        expected.IsMatchedBy(WasmValue.FromExternRef(new HostReference(1)), references).Should().BeFalse();
        expected.IsMatchedBy(WasmValue.FromExternRef(references.Get(2)), references).Should().BeFalse();
        expected.IsMatchedBy(WasmValue.Null(ValType.ExternRef), references).Should().BeFalse();
    }

    [Test]
    public void Format_ShowsValueAndBits()
    {
        SpecValues.Format(WasmValue.FromInt32(-1)).Should().Be("i32 -1 (0xffffffff)");
        SpecValues.Format(WasmValue.FromSingleBits(0x3FC0_0000)).Should().Be("f32 1.5 (0x3fc00000)");
        SpecValues.Format(WasmValue.Null(ValType.FuncRef)).Should().Be("funcref null");
    }
}
