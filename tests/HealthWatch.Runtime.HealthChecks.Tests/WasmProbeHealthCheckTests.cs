using System.Text.Json;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthWatch.Runtime.HealthChecks.Tests;

public class WasmProbeHealthCheckTests
{
    [Test]
    public void ToHealthCheckResult_Success_IsHealthyWithLatencyAndMetrics()
    {
        var result = new ProbeResult
        {
            Success = true,
            LatencyMs = 12.5,
            Message = "200 OK in 3.2 ms",
            Metrics = new Dictionary<string, double> { ["status"] = 200 },
        };

        var health = WasmProbeHealthCheck.ToHealthCheckResult(result, HealthStatus.Unhealthy);

        health.Status.Should().Be(HealthStatus.Healthy);
        health.Description.Should().Be("200 OK in 3.2 ms");
        health.Data[WasmProbeHealthCheck.LatencyKey].Should().Be(12.5);
        health.Data[WasmProbeHealthCheck.MetricsKey].Should().BeSameAs(result.Metrics);
        health.Data.Should().NotContainKeys(WasmProbeHealthCheck.ErrorKey, WasmProbeHealthCheck.DataKey);
    }

    [TestCase(HealthStatus.Unhealthy)]
    [TestCase(HealthStatus.Degraded)]
    public void ToHealthCheckResult_FailedVerdict_IsTheFailureStatus(HealthStatus failureStatus)
    {
        var result = new ProbeResult { Success = false, LatencyMs = 1, Message = "503, expected 200, in 0.9 ms" };

        var health = WasmProbeHealthCheck.ToHealthCheckResult(result, failureStatus);

        health.Status.Should().Be(failureStatus);
        health.Description.Should().Be("503, expected 200, in 0.9 ms");
        health.Data.Should().NotContainKeys(WasmProbeHealthCheck.MetricsKey, WasmProbeHealthCheck.ErrorKey);
    }

    [Test]
    public void ToHealthCheckResult_RunError_HasTheErrorKindAndItsMessage()
    {
        var result = new ProbeResult
        {
            Success = false,
            LatencyMs = 500,
            Error = new ProbeError(ProbeErrorKind.OutOfFuel, "The probe ran out of fuel."),
        };

        var health = WasmProbeHealthCheck.ToHealthCheckResult(result, HealthStatus.Unhealthy);

        health.Status.Should().Be(HealthStatus.Unhealthy);
        health.Description.Should().Be("The probe ran out of fuel.");
        health.Data[WasmProbeHealthCheck.ErrorKey].Should().Be("outOfFuel");
    }

    [Test]
    public void ToHealthCheckResult_ProbeData_IsPassedOn()
    {
        using var document = JsonDocument.Parse("""{"addresses":["127.0.0.1"]}""");
        var result = new ProbeResult { Success = true, LatencyMs = 1, Data = document.RootElement.Clone() };

        var health = WasmProbeHealthCheck.ToHealthCheckResult(result, HealthStatus.Unhealthy);

        health.Data[WasmProbeHealthCheck.DataKey].Should().BeOfType<JsonElement>()
            .Which.GetProperty("addresses")[0].GetString().Should().Be("127.0.0.1");
    }

    [Test]
    public async Task AddWasmProbe_GrantedProbe_ReportsHealthyWithItsMetrics()
    {
        await using var provider = Services(checks => checks.AddWasmProbe("hello", Manifest(WasiHello, grants: """{"log":{}}""")));

        var entry = await CheckAsync(provider, "hello");

        entry.Status.Should().Be(HealthStatus.Healthy, entry.Description);
        entry.Description.Should().Be("said hello to checks");
        entry.Data[WasmProbeHealthCheck.MetricsKey].Should().BeAssignableTo<IReadOnlyDictionary<string, double>>()
            .Which.Should().ContainKey("config_bytes");
        ((double)entry.Data[WasmProbeHealthCheck.LatencyKey]).Should().BePositive();
    }

    [Test]
    public async Task AddWasmProbe_CapabilityNotGranted_ReportsTheFailureStatusWithTheErrorKind()
    {
        await using var provider = Services(checks => checks.AddWasmProbe("hello", Manifest(WasiHello, grants: "{}"), HealthStatus.Degraded));

        var entry = await CheckAsync(provider, "hello");

        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Be("Capability not granted: log");
        entry.Data[WasmProbeHealthCheck.ErrorKey].Should().Be("capabilityNotGranted");
    }

    [Test]
    public async Task AddWasmProbe_MalformedModule_ReportsUnhealthyInvalidModule()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hw-malformed-{Guid.NewGuid():N}.wasm");
        await File.WriteAllBytesAsync(path, [0x00, 0x61, 0x73, 0x6d, 0x02, 0x00]);
        try
        {
            await using var provider = Services(checks => checks.AddWasmProbe("broken", Manifest(path, grants: "{}")));

            var entry = await CheckAsync(provider, "broken");

            entry.Status.Should().Be(HealthStatus.Unhealthy);
            entry.Data[WasmProbeHealthCheck.ErrorKey].Should().Be("invalidModule");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task AddWasmProbe_ManifestFactory_IsCalledAtEachCheck()
    {
        var calls = 0;
        await using var provider = Services(checks => checks.AddWasmProbe("hello", _ =>
        {
            calls++;
            return Manifest(WasiHello, grants: """{"log":{}}""");
        }));

        await CheckAsync(provider, "hello");
        await CheckAsync(provider, "hello");

        calls.Should().Be(2);
    }

    [Test]
    public void AddWasmProbe_WithOrWithoutAddWasmProbeRuntime_RegistersOneRuntime()
    {
        var services = new ServiceCollection();
        services.AddWasmProbeRuntime();
        services.AddHealthChecks()
            .AddWasmProbe("a", Manifest(WasiHello, grants: "{}"))
            .AddWasmProbe("b", Manifest(WasiHello, grants: "{}"));

        services.Count(d => d.ServiceType == typeof(IProbeRuntime)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IWasmEngine)).Should().Be(1);
    }

    [Test]
    public void AddWasmProbe_EmptyName_Throws()
    {
        var checks = new ServiceCollection().AddHealthChecks();

        var act = () => checks.AddWasmProbe("", Manifest(WasiHello, grants: "{}"));

        act.Should().Throw<ArgumentException>().WithParameterName("name");
    }

    private static string WasiHello => Path.Combine(AppContext.BaseDirectory, "probes", "wasi-hello.wasm");

    private static ProbeManifest Manifest(string module, string grants) => ProbeManifest.Parse(
        $$$"""{"module": {{{JsonSerializer.Serialize(module)}}}, "config": {"name": "checks"}, "grants": {{{grants}}}, "limits": {"timeoutMs": 10000}}""");

    private static ServiceProvider Services(Action<IHealthChecksBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure(services.AddHealthChecks());
        return services.BuildServiceProvider();
    }

    private static async Task<HealthReportEntry> CheckAsync(IServiceProvider provider, string name)
    {
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[name];
    }
}
