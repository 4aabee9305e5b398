using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthWatch.Cli.Tests;

/// <summary>An HTTP server on 127.0.0.1 and a free port, for probes to check. Never listens on another address.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public const string HealthJson = """{"status":"ok","version":"1.2.3"}""";

    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The <c>host:port</c> a grant must allow.</summary>
    public string HostAndPort => $"127.0.0.1:{BaseUri.Port}";

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text(HealthJson, "application/json"));
        app.MapGet("/error", () => Results.Text("""{"status":"broken"}""", "application/json", statusCode: 500));
        await app.StartAsync();
        return new LoopbackServer(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
