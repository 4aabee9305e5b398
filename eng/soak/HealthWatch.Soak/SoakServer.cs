using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthWatch.Soak;

/// <summary>The loopback server (Kestrel, 127.0.0.1) the probes check: well-behaved and hostile endpoints.</summary>
internal sealed class SoakServer : IAsyncDisposable
{
    /// <summary>The size of <c>/big</c>'s body, over what the big-body case grants.</summary>
    public const int BigBodyBytes = 256 * 1024;

    private static readonly byte[] BigBody = new byte[BigBodyBytes];
    private readonly WebApplication _app;

    private SoakServer(WebApplication app) => _app = app;

    /// <summary>The server's authority, e.g. <c>127.0.0.1:43121</c>.</summary>
    public string Authority => new Uri(_app.Urls.Single()).Authority;

    public static async Task<SoakServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/health", () => Results.Json(new { data = new { state = "ok" } }));
        app.MapGet("/slow", async () =>
        {
            await Task.Delay(20);
            return Results.Json(new { data = new { state = "ok" } });
        });
        app.MapGet("/big", () => Results.Bytes(BigBody, "application/octet-stream"));
        app.MapGet("/hang", async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        });
        app.MapGet("/to-metadata", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        await app.StartAsync();
        return new SoakServer(app);
    }

    public string Url(string path) => $"http://{Authority}{path}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
