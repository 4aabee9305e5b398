namespace HealthWatch.Cli.Tests;

/// <summary>How arguments are read and results printed: every numeric type, special floats, multiple results.</summary>
public class InvokeValuesTests
{
    [TestCase("id_i32", "-5", "-5")]
    [TestCase("id_i32", "0xffffffff", "-1")]
    [TestCase("id_i32", "4294967295", "-1")]
    [TestCase("id_i32", "2147483648", "-2147483648")]
    [TestCase("id_i64", "-9223372036854775808", "-9223372036854775808")]
    [TestCase("id_i64", "0xffffffffffffffff", "-1")]
    [TestCase("id_i64", "18446744073709551615", "-1")]
    public void Invoke_Integers_PrintsSignedDecimal(string export, string argument, string printed)
    {
        var result = Cli.Invoke("wat/types.wasm", export, argument);

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal(printed);
    }

    [TestCase("id_f64", "0.1", "0.1")]
    [TestCase("id_f32", "0.1", "0.1")]
    [TestCase("id_f64", "-0", "-0")]
    [TestCase("id_f32", "-0", "-0")]
    [TestCase("id_f64", "nan", "NaN")]
    [TestCase("id_f64", "-nan", "NaN")]
    [TestCase("id_f32", "nan", "NaN")]
    [TestCase("id_f64", "inf", "Infinity")]
    [TestCase("id_f32", "-inf", "-Infinity")]
    [TestCase("id_f64", "1e300", "1E+300")]
    [TestCase("id_f64", "123456789012", "123456789012")]
    [TestCase("id_f32", "16777217", "16777216")]
    public void Invoke_FloatArgument_RoundTripsAsShortestDecimal(string export, string argument, string printed)
    {
        var result = Cli.Invoke("wat/types.wasm", export, argument);

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal(printed);
    }

    [TestCase("neg_zero_f32", "-0")]
    [TestCase("neg_zero_f64", "-0")]
    [TestCase("nan_f64", "NaN")]
    [TestCase("inf_f32", "Infinity")]
    [TestCase("neg_inf_f64", "-Infinity")]
    [TestCase("tiny_f64", "5E-324")]
    [TestCase("third_f32", "0.33333334")]
    public void Invoke_SpecialFloatResult_PrintsInvariantShortestForm(string export, string printed)
    {
        var result = Cli.Invoke("wat/types.wasm", export);

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal(printed);
    }

    [TestCase("add_f64", "0.1", "0.2", "0.30000000000000004")]
    [TestCase("add_f32", "0.1", "0.2", "0.3")]
    [TestCase("div_f64", "1", "0", "Infinity")]
    [TestCase("div_f64", "-1", "0", "-Infinity")]
    [TestCase("div_f64", "0", "0", "NaN")]
    [TestCase("add_i32", "2147483647", "1", "-2147483648")]
    [TestCase("add_i64", "9223372036854775807", "1", "-9223372036854775808")]
    public void Invoke_Arithmetic_PrintsResult(string export, string left, string right, string printed)
    {
        var result = Cli.Invoke("wat/types.wasm", export, left, right);

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal(printed);
    }

    [Test]
    public void Invoke_MultipleResults_PrintsOnePerLine()
    {
        var result = Cli.Invoke("wat/types.wasm", "swap", "-1", "0x7fffffffffffffff", "1.5", "-2.25");

        result.ShouldExit(0);
        result.Stdout.Should().Be("-2.25\n1.5\n9223372036854775807\n-1\n");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public void Invoke_NoResults_PrintsNothing()
    {
        var result = Cli.Invoke("wat/types.wasm", "nothing");

        result.ShouldExit(0);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public void Invoke_DoubleDashBeforeArguments_PassesOptionLookingValues()
    {
        var result = Cli.Invoke("wat/types.wasm", "id_f64", "--", "-inf");

        result.StdoutLines.Should().Equal("-Infinity");
    }
}
