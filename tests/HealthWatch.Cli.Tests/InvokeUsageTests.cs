namespace HealthWatch.Cli.Tests;

/// <summary>Command-line mistakes: exit code 2, a one-line reason and a pointer to --help, no stack trace.</summary>
public class InvokeUsageTests
{
    [Test]
    public void Invoke_NoModule_ReportsUsageError()
    {
        var result = Cli.Run("invoke");

        result.ShouldExit(2);
        result.StderrLines.Should().Equal("error: expected a module file and an export name", "Run 'healthwatch invoke --help' for usage.");
    }

    [Test]
    public void Invoke_UnknownOption_ReportsUsageError()
    {
        var result = Cli.Invoke("wat/types.wasm", "id_i32", "1", "--fast");

        result.ShouldExit(2);
        result.StderrLines[0].Should().Be("error: unknown option '--fast'");
    }

    [Test]
    public void Invoke_TooFewArguments_NamesTheParameterTypes()
    {
        var result = Cli.Invoke("wat/types.wasm", "swap", "1", "2");

        result.ShouldExit(2);
        result.StderrLines[0].Should().Be("error: export 'swap' takes 4 arguments (i32, i64, f32, f64), got 2");
    }

    [Test]
    public void Invoke_TooManyArguments_ReportsUsageError()
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "1", "2");

        result.ShouldExit(2);
        result.StderrLines[0].Should().Be("error: export 'fib' takes 1 argument (i32), got 2");
    }

    [Test]
    public void Invoke_BadArgumentsForModuleWithTrappingStart_ReportsUsageBeforeRunningStart()
    {
        var result = Cli.Invoke("wat/start_trap.wasm", "never", "1");

        result.ShouldExit(2);
        result.StderrLines[0].Should().Be("error: export 'never' takes no arguments, got 1");
    }

    [TestCase("id_i32", "abc", "'abc' is not a valid i32")]
    [TestCase("id_i32", "4294967296", "'4294967296' is not a valid i32")]
    [TestCase("id_i64", "1.0", "'1.0' is not a valid i64")]
    [TestCase("id_f32", "1e39", "'1e39' is not a valid f32")]
    [TestCase("id_f64", "0x10", "'0x10' is not a valid f64")]
    public void Invoke_UnparsableArgument_ReportsUsageError(string export, string argument, string reason)
    {
        var result = Cli.Invoke("wat/types.wasm", export, argument);

        result.ShouldExit(2);
        result.StderrLines[0].Should().Be($"error: argument 1 of '{export}': {reason}");
        result.Stdout.Should().BeEmpty();
    }

    [Test]
    public void Invoke_UnknownExport_ListsTheFunctionExports()
    {
        var result = Cli.Invoke("c/fib.wasm", "fibonacci", "1");

        result.ShouldExit(2);
        result.StderrLines[0].Should().Be("error: no export named 'fibonacci'; function exports: fib, fib_i64, fib_iter_i64");
    }

    [Test]
    public void Invoke_ExportIsNotAFunction_ReportsItsKind()
    {
        var result = Cli.Invoke("wat/grow.wasm", "memory");

        result.ShouldExit(2);
        result.StderrLines[0].Should().StartWith("error: export 'memory' is a memory, not a function;");
    }

    [TestCase("--fuel", "-1")]
    [TestCase("--fuel", "lots")]
    [TestCase("--timeout", "0")]
    [TestCase("--max-memory-pages", "4294967296")]
    public void Invoke_BadOptionValue_ReportsUsageError(string option, string value)
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "1", option, value);

        result.ShouldExit(2);
        result.StderrLines[0].Should().StartWith($"error: option '{option}' needs an integer");
    }
}
