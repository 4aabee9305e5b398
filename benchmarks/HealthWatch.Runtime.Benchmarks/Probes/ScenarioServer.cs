using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthWatch.Runtime.Benchmarks.Probes;

/// <summary>
/// The service the scenario benchmarks check: Kestrel on 127.0.0.1 and a free port, with a small health
/// endpoint, a large JSON document, a large HTML page, a failing endpoint, and a port where nothing listens.
/// </summary>
internal sealed class ScenarioServer : IAsyncDisposable
{
    /// <summary>Objects in <c>/large.json</c> before the asserted value (about 256 KB in all).</summary>
    public const int LargeJsonItems = 2_000;

    /// <summary>Filler bytes in <c>/page.html</c> before the title the regex looks for.</summary>
    public const int PageFillerBytes = 64 * 1024;

    private readonly WebApplication _app;

    private ScenarioServer(WebApplication app, int closedPort)
    {
        _app = app;
        ClosedPort = closedPort;
    }

    /// <summary>The server's authority, e.g. <c>127.0.0.1:43121</c>, as a grant's allow list names it.</summary>
    public string Authority => new Uri(_app.Urls.Single()).Authority;

    /// <summary>A loopback port with no listener: a request there is refused.</summary>
    public int ClosedPort { get; }

    public static async Task<ScenarioServer> StartAsync()
    {
        var largeJson = LargeJson();
        var page = Page();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("""{"status":"ok","version":"1.2.3"}""", "application/json"));
        app.MapGet("/large.json", () => Results.Bytes(largeJson, "application/json"));
        app.MapGet("/page.html", () => Results.Bytes(page, "text/html"));
        app.MapGet("/error", () => Results.Text("""{"status":"broken"}""", "application/json", statusCode: 500));
        await app.StartAsync();
        return new ScenarioServer(app, ClosedLoopbackPort());
    }

    public string Url(string path) => $"http://{Authority}{path}";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // {"items": [{"id": 0, "name": "item-0", "tags": ["a", "b"], "score": 0.5}, ...], "summary": {"state": "ok", "count": N}}
    private static byte[] LargeJson()
    {
        var json = new StringBuilder("{\"items\":[");
        for (var i = 0; i < LargeJsonItems; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"name\":\"item-{i}\",\"tags\":[\"alpha\",\"beta\",\"gamma\"],\"score\":{i % 97}.5,\"active\":{(i % 2 == 0 ? "true" : "false")}}}");
        }

        return Encoding.UTF8.GetBytes(json.Append(CultureInfo.InvariantCulture, $"],\"summary\":{{\"state\":\"ok\",\"count\":{LargeJsonItems}}}}}").ToString());
    }

    // Lines of markup the pattern's first atom keeps matching and giving up on, then the title it looks for.
    private static byte[] Page()
    {
        var html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body>");
        while (html.Length < PageFillerBytes)
        {
            html.Append("<p class=\"row\">status <b>pending</b> <i>title</i> &lt;title&gt; not yet</p>\n");
        }

        return Encoding.UTF8.GetBytes(html.Append("<title>Status: all systems OK</title></body></html>").ToString());
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
