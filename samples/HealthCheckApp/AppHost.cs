using System.Text.Json.Nodes;
using HealthWatch.Runtime.Probes;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace HealthCheckApp;

/// <summary>
/// The app: an orders service with a readiness endpoint (<c>/orders/ready</c>, 503 while in maintenance), and
/// <c>/health</c>, whose one check runs the sample probe <c>http-status.wasm</c> against that endpoint, granted
/// HTTP to the app's own loopback address and nothing else.
/// </summary>
internal static class AppHost
{
    /// <summary>The name of the probe's health check.</summary>
    public const string CheckName = "orders-ready";

    /// <summary>Builds the app; <paramref name="args"/> as for any ASP.NET Core app (e.g. <c>--urls http://127.0.0.1:5080</c>).</summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSingleton<Maintenance>();
        builder.Services.AddHealthChecks().AddWasmProbe(CheckName, CreateManifest);

        var app = builder.Build();
        app.MapGet("/orders/ready", (Maintenance maintenance) => maintenance.On ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Text("ready"));
        app.MapPost("/maintenance/on", (Maintenance maintenance) => maintenance.Switch(on: true));
        app.MapPost("/maintenance/off", (Maintenance maintenance) => maintenance.Switch(on: false));
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        return app;
    }

    /// <summary>
    /// The probe's run, made at each check because it needs the address the app listens on, which is only known
    /// once the server has started (it may be port 0, a free one).
    /// </summary>
    private static ProbeManifest CreateManifest(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var self = addresses.Select(a => new Uri(a)).FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp && (u.IsLoopback || u.Host == "localhost"))
            ?? throw new InvalidOperationException($"The app must listen on a loopback http address for its probe to reach it (it listens on: {string.Join(", ", addresses)}).");
        var hostAndPort = $"{self.Host}:{self.Port}";
        var manifest = new JsonObject
        {
            ["module"] = Path.Combine(AppContext.BaseDirectory, "probes", "http-status.wasm"),
            ["config"] = new JsonObject { ["url"] = new Uri(self, "/orders/ready").ToString(), ["expectStatus"] = 200 },
            ["grants"] = new JsonObject { ["http"] = new JsonObject { ["allow"] = new JsonArray(hostAndPort) } },
            ["limits"] = new JsonObject { ["timeoutMs"] = 5000 },
        };
        return ProbeManifest.Parse(manifest.ToJsonString());
    }

    /// <summary>Whether the orders service is in maintenance, switched over HTTP.</summary>
    private sealed class Maintenance
    {
        private volatile bool _on;

        public bool On => _on;

        public IResult Switch(bool on)
        {
            _on = on;
            return Results.NoContent();
        }
    }
}
