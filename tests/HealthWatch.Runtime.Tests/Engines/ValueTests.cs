using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Tests.Engines;

[TestFixtureSource(typeof(EngineFixtureSource), nameof(EngineFixtureSource.Engines))]
public sealed class ValueTests(EngineFactory factory) : EngineTestBase(factory)
{
    private static readonly object Token = new();

    private static IEnumerable<TestCaseData> NumericValues()
    {
        yield return new TestCaseData("i32", WasmValue.FromInt32(-123456789)).SetArgDisplayNames("i32");
        yield return new TestCaseData("i64", WasmValue.FromInt64(long.MinValue + 7)).SetArgDisplayNames("i64");
        yield return new TestCaseData("f32", WasmValue.FromSingle(-1.5f)).SetArgDisplayNames("f32");
        yield return new TestCaseData("f32", WasmValue.FromSingleBits(0x7FA0_0001)).SetArgDisplayNames("f32 NaN payload");
        yield return new TestCaseData("f64", WasmValue.FromDouble(Math.PI)).SetArgDisplayNames("f64");
        yield return new TestCaseData("f64", WasmValue.FromDoubleBits(0x8000_0000_0000_0000)).SetArgDisplayNames("f64 negative zero");
    }

    [TestCaseSource(nameof(NumericValues))]
    public void Invoke_IdentityExport_ReturnsTheArgumentBitForBit(string export, WasmValue value)
    {
        var instance = Instantiate("values");

        Function(instance, export).Invoke(value).Should().Equal(value);
    }

    // .NET 10's JIT turned each of these into a 4-byte load (https://github.com/dotnet/runtime/issues/133580).
    [TestCase("load8_u", 0, 0x3B)]
    [TestCase("load8_s", 1, -126)]
    [TestCase("load16_u", 0, 0x823B)]
    [TestCase("load16_s", 2, -31716)]
    [TestCase("load8_u", 65535, 0)]
    public void Invoke_ReinterpretOfANarrowLoad_HoldsOnlyTheLoadedBytes(string export, int address, int expected)
    {
        var instance = Instantiate("reinterpret");

        Function(instance, export).Invoke(address).Single().AsInt32().Should().Be(expected);
    }

    // Memory is zero at address 0, so every rotation is zero: if/br_if take the zero branch, eqz gives 1.
    [TestCase("rotr32_if", 2)]
    [TestCase("rotl32_eqz", 1)]
    [TestCase("rotr64_eqz", 1)]
    [TestCase("rotl64_br_if", 2)]
    public void Invoke_RotateTestedForZero_TakesTheZeroBranch(string export, int expected)
    {
        var instance = Instantiate("rotate");

        Function(instance, export).Invoke(0).Single().AsInt32().Should().Be(expected);
    }

    [Test]
    public void Invoke_ExternRef_ReturnsTheSameObject()
    {
        var instance = Instantiate("values");

        var result = Function(instance, "externref").Invoke(WasmValue.FromExternRef(Token)).Single();

        result.AsReference().Should().BeSameAs(Token);
        Function(instance, "is_null").Invoke(WasmValue.Null(ValType.ExternRef)).Single().AsInt32().Should().Be(1);
        Function(instance, "is_null").Invoke(WasmValue.FromExternRef(Token)).Single().AsInt32().Should().Be(0);
    }

    [Test]
    public void Invoke_FuncRef_ReturnsTheSameFunctionObject()
    {
        var instance = Instantiate("values");
        var add = Function(instance, "add");

        var result = Function(instance, "funcref").Invoke(WasmValue.FromFuncRef(add)).Single().AsFunction();

        result.Should().BeSameAs(add);
        result!.Invoke(2, 3).Single().AsInt32().Should().Be(5);
        Function(instance, "funcref").Invoke(WasmValue.Null(ValType.FuncRef)).Single().IsNull.Should().BeTrue();
    }

    [Test]
    public void Invoke_RefFuncOfAnExport_IsTheExportedFunction()
    {
        var instance = Instantiate("values");
        var self = Function(instance, "self");

        self.Invoke().Single().AsFunction().Should().BeSameAs(self);
    }

    [Test]
    public void Invoke_MultiValue_ReturnsAllResultsInOrder()
    {
        var instance = Instantiate("values");

        Function(instance, "swap").Invoke(7L, 0.5).Should().Equal(WasmValue.FromDouble(0.5), WasmValue.FromInt64(7));
        Function(instance, "nine").Invoke(10).Should().Equal(
            10, 11L, 2.5f, 3.5, 14, -5L, 6.5f, -7.25, 18);
    }

    [Test]
    public void Invoke_NoParametersNoResults_Succeeds()
    {
        var instance = Instantiate("values");

        Function(instance, "nop").Invoke().Should().BeEmpty();
    }

    [Test]
    public void Invoke_WrongArgumentCountOrType_ThrowsArgumentException()
    {
        var add = Function(Instantiate("values"), "add");

        add.Invoking(f => f.Invoke(1)).Should().Throw<ArgumentException>();
        add.Invoking(f => f.Invoke(1, 2L)).Should().Throw<ArgumentException>();
        add.Invoking(f => f.Invoke(1, 2, 3)).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Invoke_FunctionOfAnotherStoreAsArgument_ThrowsArgumentException()
    {
        var other = Function(Instantiate("values"), "add");
        var identity = Function(Instantiate("values"), "funcref");

        identity.Invoking(f => f.Invoke(WasmValue.FromFuncRef(other))).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Exports_OfModuleAndInstance_DescribeTheFunctionTypes()
    {
        var module = Module("values");
        var instance = Instantiate("values");

        module.Name.Should().Be("values");
        module.Imports.Should().BeEmpty();
        module.Exports.Select(e => e.Name).Should().StartWith(["i32", "i64", "f32", "f64", "funcref", "externref", "add", "swap"]);
        module.Exports.Single(e => e.Name == "swap").Type.Should().Be(new FuncType([ValType.I64, ValType.F64], [ValType.F64, ValType.I64]));
        instance.Exports.Should().Equal(module.Exports);
        Function(instance, "add").FunctionType.Should().Be(new FuncType([ValType.I32, ValType.I32], [ValType.I32]));
        instance.GetExport("missing").Should().BeNull();
    }
}
