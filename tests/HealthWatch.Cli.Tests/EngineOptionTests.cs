using HealthWatch.Runtime.Engines.Wasmtime;

namespace HealthWatch.Cli.Tests;

/// <summary><c>--engine</c> on invoke and run: the choice, the fallback of auto, and the error for a missing libwasmtime.</summary>
public class EngineOptionTests
{
    private const string Missing = "libwasmtime not found (set HEALTHWATCH_WASMTIME_LIB)";

    [Test]
    public void Invoke_EngineWasmtimeWithoutTheLibrary_ExitsEightNamingRidPackageAndVariable()
    {
        Assume.That(WasmtimeEngine.IsAvailable(out _), Is.False, "libwasmtime is present here");

        var result = Cli.Invoke("c/fib.wasm", "fib", "10", "--engine", "wasmtime");

        result.ShouldExit(8);
        result.Stdout.Should().BeEmpty();
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith($"error: {Missing}: the wasmtime engine on ")
            .And.Contain("HealthWatch.Runtime.Native.").And.Contain("set HEALTHWATCH_WASMTIME_LIB to the library's path");
    }

    [Test]
    public void Invoke_EngineAutoWithoutTheLibrary_RunsOnTheManagedEngineAndSaysWhy()
    {
        Assume.That(WasmtimeEngine.IsAvailable(out _), Is.False, "libwasmtime is present here");

        var result = Cli.Invoke("c/fib.wasm", "fib", "10", "--engine", "auto");

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal("55");
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith($"engine: managed (auto fell back to the managed engine: {Missing}");
    }

    [Test]
    public void Invoke_EngineManaged_RunsOnTheManagedEngine()
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "10", "--engine", "managed");

        result.ShouldExit(0);
        result.StdoutLines.Should().Equal("55");
        result.StderrLines.Should().Equal("engine: managed (the managed engine was asked for)");
    }

    [Test]
    public void Invoke_UnknownEngine_ReportsUsageError()
    {
        var result = Cli.Invoke("c/fib.wasm", "fib", "10", "--engine", "v8");

        result.ShouldExit(2);
        result.StderrLines[0].Should().Be("error: option '--engine' needs auto, managed or wasmtime, not 'v8'");
    }

    [Test]
    public void Run_EngineWasmtimeWithoutTheLibrary_ExitsEightBeforeLoadingTheProbe()
    {
        Assume.That(WasmtimeEngine.IsAvailable(out _), Is.False, "libwasmtime is present here");

        var result = Cli.Run("run", Cli.Probe("wasi-hello.wasm"), "--allow", "log", "--engine", "wasmtime");

        result.ShouldExit(8);
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith($"error: {Missing}");
    }

    [Test]
    public void Run_EngineAutoWithoutTheLibrary_RunsTheProbeOnTheManagedEngine()
    {
        Assume.That(WasmtimeEngine.IsAvailable(out _), Is.False, "libwasmtime is present here");

        var result = Cli.Run("run", Cli.Probe("wasi-hello.wasm"), "--allow", "log", "--engine", "auto");

        result.ShouldExit(0);
        result.Json.GetProperty("success").GetBoolean().Should().BeTrue();
        result.StderrLines.Should().ContainSingle().Which.Should().StartWith("engine: managed (auto fell back");
    }
}
