namespace HealthWatch.Runtime.Engines.Wasmtime.Tests;

public class WasmtimeEngineOptionsTests
{
    [Test]
    public void Validate_Defaults_Passes()
    {
        WasmtimeEngineOptions.Default.Invoking(o => o.Validate()).Should().NotThrow();
        WasmtimeEngineOptions.Default.Should().BeEquivalentTo(new
        {
            ConsumeFuel = true,
            EpochInterval = TimeSpan.FromMilliseconds(10),
            MaxWasmStackBytes = 512 * 1024,
            OptimizationLevel = WasmtimeOptimizationLevel.Speed,
            CacheDirectory = (string?)null,
        });
    }

    [Test]
    public void Validate_EveryBadSetting_OneMessageListingAll()
    {
        var options = new WasmtimeEngineOptions
        {
            EpochInterval = TimeSpan.Zero,
            MaxWasmStackBytes = 1024,
            OptimizationLevel = (WasmtimeOptimizationLevel)7,
            CacheDirectory = string.Empty,
        };

        var error = options.Invoking(o => o.Validate()).Should().Throw<ArgumentException>().Which;

        error.Message.Should().StartWith("Invalid Wasmtime engine options: ")
            .And.Contain("EpochInterval must be from 1 ms to 1 s (was 0 ms).")
            .And.Contain("MaxWasmStackBytes must be from 65536 to 67108864 (was 1024).")
            .And.Contain("OptimizationLevel must be None, Speed or SpeedAndSize (was 7).")
            .And.Contain("CacheDirectory must be null or a folder path.");
    }

    [TestCase(1)]
    [TestCase(1000)]
    public void Validate_EpochIntervalAtTheBounds_Passes(int milliseconds)
    {
        new WasmtimeEngineOptions { EpochInterval = TimeSpan.FromMilliseconds(milliseconds) }.GetProblems().Should().BeEmpty();
    }

    [Test]
    public void Validate_StackAboveTheLimit_Fails()
    {
        new WasmtimeEngineOptions { MaxWasmStackBytes = WasmtimeEngineOptions.MaxWasmStackLimit + 1 }.GetProblems().Should().ContainSingle()
            .Which.Should().StartWith("MaxWasmStackBytes");
    }

    [Test]
    public void ToString_CodeShapingSettings_DifferAndIgnoreTheRest()
    {
        var defaults = WasmtimeEngineOptions.Default.ToString();

        new WasmtimeEngineOptions { ConsumeFuel = false }.ToString().Should().NotBe(defaults);
        new WasmtimeEngineOptions { OptimizationLevel = WasmtimeOptimizationLevel.None }.ToString().Should().NotBe(defaults);
        new WasmtimeEngineOptions { CacheDirectory = "/tmp/x", EpochInterval = TimeSpan.FromMilliseconds(5) }.ToString().Should().Be(defaults);
    }
}
