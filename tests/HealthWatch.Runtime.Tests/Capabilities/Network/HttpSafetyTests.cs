using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

/// <summary>
/// What the http capability refuses: names that resolve to restricted addresses (DNS rebinding, simulated with a
/// resolver that answers loopback for a test name), and redirects that leave the grant. Every server is on 127.0.0.1,
/// and every test checks that a refused request never reached it.
/// </summary>
public class HttpSafetyTests
{
    private KestrelServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await KestrelServer.StartAsync(app =>
    {
        app.MapGet("/ok", context => context.Response.WriteAsync("ok"));
        app.MapGet("/to", context =>
        {
            context.Response.Redirect(context.Request.Query["url"]!);
            return Task.CompletedTask;
        });
        app.MapGet("/chain/{n:int}", context =>
        {
            var n = int.Parse((string)context.GetRouteValue("n")!, System.Globalization.CultureInfo.InvariantCulture);
            if (n == 0)
            {
                return context.Response.WriteAsync("end");
            }

            context.Response.Redirect($"/chain/{n - 1}");
            return Task.CompletedTask;
        });
        app.MapPost("/see-other", context =>
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/method";
            return Task.CompletedTask;
        });
        app.MapMethods("/method", ["GET", "POST"], context => context.Response.WriteAsync(context.Request.Method));
        app.MapGet("/authorization", context => context.Response.WriteAsync($"[{context.Request.Headers.Authorization}]"));
    });

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [TestCase("127.0.0.1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::1")]
    public void Send_AllowedNameResolvingToLoopback_IsRefusedWithoutConnecting(string address)
    {
        using var probe = Harness([$"rebind.test:{_server.Port}"], [("rebind.test", [address])]);
        var connections = _server.Connections;

        var handle = probe.Get(_server.Url("/ok", "rebind.test"));

        handle.Should().BePositive("the name is in the grant; the address is checked when connecting");
        probe.Wait(handle).Should().Be(ProbeErrorCodes.NotAllowed);
        probe.Response(handle).GetProperty("error").GetString().Should().Contain("loopback");
        probe.Logs.Should().Contain(l => l.Contains("does not name", StringComparison.Ordinal));
        _server.Connections.Should().Be(connections);
    }

    [Test]
    public void Send_LoopbackLiteralGrantedForAnotherPort_DoesNotOpenThisPort()
    {
        using var probe = Harness([$"rebind.test:{_server.Port}", "127.0.0.1:1"], [("rebind.test", ["127.0.0.1"])]);
        var connections = _server.Connections;

        probe.Wait(probe.Get(_server.Url("/ok", "rebind.test"))).Should().Be(ProbeErrorCodes.NotAllowed);

        _server.Connections.Should().Be(connections);
    }

    [Test]
    public void Send_LocalhostGranted_ReachesLoopbackTryingEachAddress()
    {
        // ::1 first: nothing listens there on this port, so the connection falls through to 127.0.0.1.
        using var probe = Harness([$"localhost:{_server.Port}"], [("localhost", ["::1", "127.0.0.1"])]);

        var handle = probe.Get(_server.Url("/ok", "localhost"));

        probe.Wait(handle).Should().Be(200);
        probe.Body(handle).Should().Be("ok");
    }

    [Test]
    public void Redirect_ToHostOutsideTheGrant_IsRefusedAfterTheFirstHop()
    {
        using var probe = Harness([$"127.0.0.1:{_server.Port}"], [("elsewhere.test", ["127.0.0.1"])]);
        var requests = _server.Requests;

        var handle = probe.Get(_server.Url($"/to?url={Uri.EscapeDataString(_server.Url("/ok", "elsewhere.test"))}"));

        probe.Wait(handle).Should().Be(ProbeErrorCodes.NotAllowed);
        probe.Response(handle).GetProperty("error").GetString().Should().Contain("is not in grants.http.allow");
        _server.Requests.Should().Be(requests + 1);
    }

    [Test]
    public async Task Redirect_ToAllowedNameResolvingToLoopback_IsRefused()
    {
        // The grant names 127.0.0.1 only on the redirecting server's port, so the target's loopback address stays closed.
        await using var target = new RawServer((_, _) => Task.CompletedTask);
        using var probe = Harness([$"127.0.0.1:{_server.Port}", "*.test"], [("internal.test", ["127.0.0.1"])]);

        var handle = probe.Get(_server.Url($"/to?url={Uri.EscapeDataString(target.Url("/", "internal.test"))}"));

        probe.Wait(handle).Should().Be(ProbeErrorCodes.NotAllowed);
        probe.Response(handle).GetProperty("redirects").GetInt32().Should().Be(1);
        await Task.Delay(100);
        target.Accepted.Should().Be(0);
    }

    [TestCase("ftp://127.0.0.1/file")]
    [TestCase("file:///etc/passwd")]
    public void Redirect_ToAnotherScheme_IsRefused(string target)
    {
        using var probe = Harness([$"127.0.0.1:{_server.Port}"]);

        probe.Wait(probe.Get(_server.Url($"/to?url={Uri.EscapeDataString(target)}"))).Should().Be(ProbeErrorCodes.NotAllowed);
    }

    [Test]
    public void Redirect_ChainWithinMaxRedirects_IsFollowedToTheEnd()
    {
        using var probe = Harness([$"127.0.0.1:{_server.Port}"]);

        var handle = probe.Get(_server.Url("/chain/3"));

        probe.Wait(handle).Should().Be(200);
        var response = probe.Response(handle);
        response.GetProperty("redirects").GetInt32().Should().Be(3);
        response.GetProperty("url").GetString().Should().Be(_server.Url("/chain/0"));
        probe.Body(handle).Should().Be("end");
    }

    [Test]
    public void Redirect_ChainLongerThanMaxRedirects_ReturnsTheLastRedirect()
    {
        using var probe = Harness([$"127.0.0.1:{_server.Port}"], configure: grant => grant with { MaxRedirects = 2 });
        var requests = _server.Requests;

        var handle = probe.Get(_server.Url("/chain/5"));

        probe.Wait(handle).Should().Be(302);
        var response = probe.Response(handle);
        response.GetProperty("redirects").GetInt32().Should().Be(2);
        response.GetProperty("headers").GetProperty("location").GetString().Should().Be("/chain/2");
        probe.Logs.Should().Contain(l => l.Contains("grants.http.maxRedirects is 2", StringComparison.Ordinal));
        _server.Requests.Should().Be(requests + 3);
    }

    [Test]
    public void Redirect_SeeOtherAfterPost_FollowsWithGet()
    {
        using var probe = Harness([$"127.0.0.1:{_server.Port}"], configure: grant => grant with { Methods = ["GET", "POST"] });

        var handle = probe.Send($$"""{"method":"POST","url":"{{_server.Url("/see-other")}}","body":"x"}""");

        probe.Wait(handle).Should().Be(200);
        probe.Body(handle).Should().Be("GET");
    }

    [Test]
    public void Redirect_ToGetWhenOnlyPostIsGranted_IsRefused()
    {
        using var probe = Harness([$"127.0.0.1:{_server.Port}"], configure: grant => grant with { Methods = ["POST"] });

        var handle = probe.Send($$"""{"method":"POST","url":"{{_server.Url("/see-other")}}"}""");

        probe.Wait(handle).Should().Be(ProbeErrorCodes.NotAllowed);
    }

    [TestCase("127.0.0.1", "[secret]")]
    [TestCase("localhost", "[]")]
    public void Redirect_Authorization_StaysWithItsOrigin(string redirectHost, string expected)
    {
        using var probe = Harness([$"127.0.0.1:{_server.Port}", $"localhost:{_server.Port}"], [("localhost", ["127.0.0.1"])]);
        var target = Uri.EscapeDataString(_server.Url("/authorization", redirectHost));

        var handle = probe.Send($$$"""{"url":"{{{_server.Url($"/to?url={target}")}}}","headers":{"Authorization":"secret"}}""");

        probe.Wait(handle).Should().Be(200);
        probe.Body(handle).Should().Be(expected);
    }

    private static NetworkHarness Harness(string[] allow, (string Name, string[] Addresses)[]? names = null, Func<HttpGrant, HttpGrant>? configure = null)
    {
        var grant = new HttpGrant { Allow = allow };
        return new NetworkHarness(
            new ProbeGrants().Grant("http", configure?.Invoke(grant) ?? grant),
            new HttpCapability(NetworkHarness.Resolver(names ?? [])));
    }
}
