using System.Net;
using System.Text.Json;
using HealthCheckApp;
using Microsoft.AspNetCore.Builder;

namespace HealthWatch.Runtime.HealthChecks.Tests;

/// <summary>The sample app (samples/HealthCheckApp), started on a free loopback port and asked over HTTP.</summary>
public class HealthCheckAppTests
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _app = AppHost.Create(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    [TearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Health_ServiceReady_AnswersHealthyWithTheProbesVerdict()
    {
        var (status, report) = await GetHealthAsync();

        status.Should().Be(HttpStatusCode.OK);
        report.GetProperty("status").GetString().Should().Be("Healthy");
        var check = report.GetProperty("checks").GetProperty(AppHost.CheckName);
        check.GetProperty("status").GetString().Should().Be("Healthy");
        check.GetProperty("description").GetString().Should().StartWith("200 OK in ");
        check.GetProperty("data").GetProperty("metrics").GetProperty("status").GetDouble().Should().Be(200);
    }

    [Test]
    public async Task Health_ServiceInMaintenance_AnswersUnhealthyWithTheProbesVerdict()
    {
        (await _client.PostAsync(new Uri("/maintenance/on", UriKind.Relative), content: null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var (status, report) = await GetHealthAsync();

        status.Should().Be(HttpStatusCode.ServiceUnavailable);
        report.GetProperty("status").GetString().Should().Be("Unhealthy");
        var check = report.GetProperty("checks").GetProperty(AppHost.CheckName);
        check.GetProperty("description").GetString().Should().StartWith("503, expected 200");
        check.GetProperty("data").GetProperty("metrics").GetProperty("status").GetDouble().Should().Be(503);
    }

    [Test]
    public async Task Health_MaintenanceEnded_AnswersHealthyAgain()
    {
        await _client.PostAsync(new Uri("/maintenance/on", UriKind.Relative), content: null);
        (await GetHealthAsync()).Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        await _client.PostAsync(new Uri("/maintenance/off", UriKind.Relative), content: null);

        var (status, report) = await GetHealthAsync();

        status.Should().Be(HttpStatusCode.OK);
        report.GetProperty("status").GetString().Should().Be("Healthy");
    }

    private async Task<(HttpStatusCode Status, JsonElement Report)> GetHealthAsync()
    {
        using var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
