using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsoleConsumer;

/// <summary>The service the sample checks: a small HTTP API on 127.0.0.1 and a free port, so it needs no network.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    public int Port => BaseUri.Port;

    /// <summary>What an http grant must allow to reach the server.</summary>
    public string HostAndPort => $"127.0.0.1:{Port}";

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("""{"status":"ok","version":"1.2.3"}""", "application/json"));
        app.MapGet("/status-page", () => Results.Text("<html><head><title>Status: all systems OK</title></head><body>ok</body></html>", "text/html"));
        app.MapGet("/slow", async (CancellationToken cancellationToken) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            return Results.Text("finally");
        });
        app.MapGet("/error", () => Results.Text("""{"status":"broken"}""", "application/json", statusCode: 500));

        // A redirect to the cloud metadata address: the http capability must refuse to follow it.
        app.MapGet("/redirect-private", () => Results.Redirect("http://169.254.169.254/latest/meta-data/"));
        await app.StartAsync();
        return new LoopbackServer(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
