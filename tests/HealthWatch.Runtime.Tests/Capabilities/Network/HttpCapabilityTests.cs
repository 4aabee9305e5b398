using System.Text.Json;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

/// <summary>The http imports against a Kestrel server on 127.0.0.1: requests, handles, waiting, reading, closing.</summary>
public class HttpCapabilityTests
{
    private const int ParallelRequests = 4;
    private KestrelServer _server = null!;
    private int _barrierArrivals;
    private TaskCompletionSource _barrier = null!;
    private TaskCompletionSource _aborted = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await KestrelServer.StartAsync(app =>
    {
        app.MapGet("/ok", async context =>
        {
            context.Response.Headers.Append("X-Multi", new(["one", "two"]));
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("hello");
        });
        app.MapGet("/json", context => context.Response.WriteAsync("""{"status":"ok","data":{"items":[{"name":"first"},{"name":"second"}]}}"""));
        app.MapPost("/echo", async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await context.Response.WriteAsync($"{context.Request.Method} {context.Request.Headers["X-Probe"]} {context.Request.ContentType} {body}");
        });
        app.MapGet("/slow", async context =>
        {
            await Task.Delay(int.Parse(context.Request.Query["ms"]!, System.Globalization.CultureInfo.InvariantCulture), context.RequestAborted);
            await context.Response.WriteAsync("late");
        });
        app.MapGet("/barrier", async context =>
        {
            // Answers only once all parallel requests have arrived, so a pass proves they were in flight together.
            if (Interlocked.Increment(ref _barrierArrivals) == ParallelRequests)
            {
                _barrier.TrySetResult();
            }

            await _barrier.Task.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted);
            await context.Response.WriteAsync("together");
        });
        app.MapGet("/hang", async context =>
        {
            context.RequestAborted.Register(() => _aborted.TrySetResult());
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
    });

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [SetUp]
    public void ResetSignals()
    {
        _barrierArrivals = 0;
        _barrier = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [Test]
    public void Send_AllowedGet_ReturnsStatusBodyHeadersAndTimings()
    {
        using var probe = Harness();

        var handle = probe.Get(_server.Url("/ok"));

        handle.Should().BePositive();
        probe.Wait(handle).Should().Be(200);
        var response = probe.Response(handle);
        response.GetProperty("status").GetInt32().Should().Be(200);
        response.GetProperty("url").GetString().Should().Be(_server.Url("/ok"));
        response.GetProperty("redirects").GetInt32().Should().Be(0);
        response.GetProperty("bodyBytes").GetInt32().Should().Be(5);
        response.GetProperty("truncated").GetBoolean().Should().BeFalse();
        response.GetProperty("headers").GetProperty("x-multi").GetString().Should().Be("one, two");
        response.GetProperty("headers").GetProperty("content-type").GetString().Should().Be("text/plain");
        var timings = response.GetProperty("timings");
        timings.GetProperty("dnsMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        timings.GetProperty("connectMs").GetDouble().Should().BeGreaterThan(0);
        timings.GetProperty("tlsMs").GetDouble().Should().Be(0);
        timings.GetProperty("firstByteMs").GetDouble().Should().BeGreaterThan(0);
        timings.GetProperty("totalMs").GetDouble().Should().BeGreaterThanOrEqualTo(timings.GetProperty("firstByteMs").GetDouble());
        probe.Body(handle).Should().Be("hello");
        probe.Call("http_close", handle).Should().Be(0);
    }

    [Test]
    public void Send_SecondRequestOfARun_ReusesItsConnectionButNotAnotherRunsOne()
    {
        var before = _server.Connections;
        using (var probe = Harness())
        {
            var first = probe.Get(_server.Url("/ok"));
            probe.Wait(first).Should().Be(200);
            var second = probe.Get(_server.Url("/ok"));
            probe.Wait(second).Should().Be(200);

            probe.Response(second).GetProperty("timings").GetProperty("connectMs").GetDouble().Should().Be(0);
            _server.Connections.Should().Be(before + 1);
        }

        using var other = Harness();
        other.Wait(other.Get(_server.Url("/ok"))).Should().Be(200);
        _server.Connections.Should().Be(before + 2, "each run has its own connection pool");
    }

    [Test]
    public void Send_PostWithHeadersAndBody_ArrivesAsSent()
    {
        using var probe = Harness(grant => grant with { Methods = ["POST"] });

        var handle = probe.Send($$"""
            {"method":"post","url":"{{_server.Url("/echo")}}","headers":{"X-Probe":"yes","Content-Type":"text/x-test"},"body":"payload ✓"}
            """);

        probe.Wait(handle).Should().Be(200);
        probe.Body(handle).Should().Be("POST yes text/x-test payload ✓");
    }

    [Test]
    public void Send_MethodNotInGrant_IsNotAllowedAndSaysWhy()
    {
        using var probe = Harness();
        var requests = _server.Requests;

        var handle = probe.Send($$"""{"method":"DELETE","url":"{{_server.Url("/ok")}}"}""");

        handle.Should().Be(ProbeErrorCodes.NotAllowed);
        probe.Logs.Should().Contain(l => l.Contains("method DELETE is not in grants.http.methods", StringComparison.Ordinal));
        _server.Requests.Should().Be(requests);
    }

    [TestCase("not json", "not valid JSON")]
    [TestCase("""["url"]""", "must be a JSON object")]
    [TestCase("""{"method":"GET"}""", "\"url\" is required")]
    [TestCase("""{"url":"ftp://127.0.0.1/file"}""", "not an absolute http or https URL")]
    [TestCase("""{"url":"/relative"}""", "is not an absolute http or https URL")]
    [TestCase("""{"url":"relative"}""", "\"url\" must be an absolute URL")]
    [TestCase("""{"url":"http://user:pw@127.0.0.1/"}""", "user info")]
    [TestCase("""{"url":"http://127.0.0.1/","verb":"GET"}""", "unknown field \"verb\"")]
    [TestCase("""{"url":"http://127.0.0.1/","method":"G ET"}""", "\"method\" must be an HTTP method")]
    [TestCase("""{"url":"http://127.0.0.1/","headers":{"X-A":"a\r\nX-Injected: b"}}""", "without CR, LF or NUL")]
    [TestCase("""{"url":"http://127.0.0.1/","headers":{"Transfer-Encoding":"chunked"}}""", "may not be set")]
    [TestCase("""{"url":"http://127.0.0.1/","headers":{"X-A":1}}""", "must be a string")]
    [TestCase("""{"url":"http://127.0.0.1/","timeoutMs":0}""", "\"timeoutMs\"")]
    [TestCase("""{"url":"http://127.0.0.1/","body":7}""", "\"body\" must be a string")]
    public void Send_MalformedRequest_IsInvalidAndSaysWhy(string request, string reason)
    {
        using var probe = Harness();

        probe.Send(request).Should().Be(ProbeErrorCodes.InvalidArgument);

        probe.Logs.Should().Contain(l => l.StartsWith("http_send: ", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
    }

    [Test]
    public void Send_RequestOverMaxRequestBytes_IsTooLarge()
    {
        using var probe = Harness(grant => grant with { MaxRequestBytes = 100 });

        probe.Send($$$"""{"url":"{{{_server.Url("/ok")}}}","headers":{"X-Pad":"{{{new string('x', 100)}}}"}}""").Should().Be(ProbeErrorCodes.TooLarge);
    }

    [TestCase(-1, 10)]
    [TestCase(0, -1)]
    [TestCase(int.MaxValue, 10)]
    public void Send_RequestOutsideMemory_IsInvalid(int address, int length)
    {
        using var probe = Harness();

        probe.Call("http_send", address, length).Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void Send_RequestEndingPastMemory_IsInvalid()
    {
        using var probe = Harness();

        probe.Call("http_send", NetworkHarness.MemoryBytes - 4, 8).Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void ResponseAndBody_OutputOutsideMemory_AreInvalid()
    {
        using var probe = Harness();
        var handle = probe.Get(_server.Url("/ok"));
        probe.Wait(handle).Should().Be(200);

        probe.Call("http_response", handle, NetworkHarness.MemoryBytes - 4, 100).Should().Be(ProbeErrorCodes.InvalidArgument);
        probe.Call("http_body", handle, 0, -8, 4).Should().Be(ProbeErrorCodes.InvalidArgument);
        probe.Call("http_body", handle, -1, 0, 4).Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void Response_SmallBuffer_WritesWhatFitsAndReturnsTheFullLength()
    {
        using var probe = Harness();
        var handle = probe.Get(_server.Url("/ok"));
        probe.Wait(handle).Should().Be(200);
        var full = probe.CallForText("http_response", handle).Text;
        var buffer = probe.Allocate(16);

        probe.Call("http_response", handle, buffer, 10).Should().Be(full.Length);

        probe.Read(buffer, 10).Should().Be(full[..10]);
    }

    [Test]
    public void Body_FromAnOffset_CopiesTheRestAndZeroAtTheEnd()
    {
        using var probe = Harness();
        var handle = probe.Get(_server.Url("/ok"));
        probe.Wait(handle).Should().Be(200);
        var buffer = probe.Allocate(16);

        probe.Call("http_body", handle, 2, buffer, 2).Should().Be(2);
        probe.Read(buffer, 2).Should().Be("ll");
        probe.Call("http_body", handle, 4, buffer, 16).Should().Be(1);
        probe.Call("http_body", handle, 5, buffer, 16).Should().Be(0);
        probe.Call("http_body", handle, 50, buffer, 16).Should().Be(0);
    }

    [TestCase("status", "\"ok\"")]
    [TestCase("data.items[1].name", "\"second\"")]
    [TestCase("$.data.items[0]", """{"name":"first"}""")]
    public void BodyJson_PathInTheBody_ReturnsItsJsonText(string path, string expected)
    {
        using var probe = Harness();
        var handle = probe.Get(_server.Url("/json"));
        probe.Wait(handle).Should().Be(200);
        var (address, length) = probe.Put(path);

        probe.CallForText("http_body_json", handle, address, length).Text.Should().Be(expected);
    }

    [Test]
    public void BodyJson_MissingPathOrNonJsonBody_SaysSo()
    {
        using var probe = Harness();
        var json = probe.Get(_server.Url("/json"));
        var text = probe.Get(_server.Url("/ok"));
        probe.Wait(json).Should().Be(200);
        probe.Wait(text).Should().Be(200);
        var (address, length) = probe.Put("data.missing");

        probe.CallForText("http_body_json", json, address, length).Result.Should().Be(ProbeErrorCodes.NotFound);
        probe.CallForText("http_body_json", text, address, length).Result.Should().Be(ProbeErrorCodes.InvalidArgument);
        probe.CallForText("http_body_json", json, -5, length).Result.Should().Be(ProbeErrorCodes.InvalidArgument);
    }

    [Test]
    public void Send_SeveralAtOnce_AreInFlightTogether()
    {
        using var probe = Harness();

        var handles = Enumerable.Range(0, ParallelRequests).Select(_ => probe.Get(_server.Url("/barrier"))).ToArray();

        handles.Should().OnlyHaveUniqueItems().And.OnlyContain(h => h > 0);
        handles.Select(h => probe.Wait(h)).Should().AllBeEquivalentTo(200);
        handles.Select(probe.Body).Should().AllBe("together");
    }

    [Test]
    public void Send_PastMaxInFlight_IsLimitedUntilAHandleCloses()
    {
        using var probe = Harness(grant => grant with { MaxInFlight = 2 });
        var first = probe.Get(_server.Url("/ok"));
        var second = probe.Get(_server.Url("/ok"));

        probe.Get(_server.Url("/ok")).Should().Be(ProbeErrorCodes.Limit);
        probe.Wait(first).Should().Be(200);
        probe.Get(_server.Url("/ok")).Should().Be(ProbeErrorCodes.Limit, "a finished request holds its handle until it is closed");

        probe.Call("http_close", first).Should().Be(0);
        var third = probe.Get(_server.Url("/ok"));
        third.Should().BeGreaterThan(second);
        probe.Wait(third).Should().Be(200);
    }

    [Test]
    public void Wait_RequestStillRunning_TimesOutUntilItEnds()
    {
        using var probe = Harness();
        var handle = probe.Get(_server.Url("/slow?ms=300"));

        probe.Wait(handle, 0).Should().Be(ProbeErrorCodes.TimedOut);
        probe.CallForText("http_response", handle).Result.Should().Be(ProbeErrorCodes.TimedOut);
        probe.Call("http_body", handle, 0, probe.Allocate(8), 8).Should().Be(ProbeErrorCodes.TimedOut);

        probe.Wait(handle, -1).Should().Be(200);
        probe.Body(handle).Should().Be("late");
    }

    [Test]
    public void Close_RunningRequest_CancelsItAndForgetsTheHandle()
    {
        using var probe = Harness();
        var handle = probe.Get(_server.Url("/hang"));
        probe.Wait(handle, 200).Should().Be(ProbeErrorCodes.TimedOut);

        probe.Call("http_close", handle).Should().Be(0);

        _aborted.Task.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue("the server should see the request aborted");
        probe.Wait(handle).Should().Be(ProbeErrorCodes.BadHandle);
        probe.Call("http_close", handle).Should().Be(ProbeErrorCodes.BadHandle);
    }

    [Test]
    public void Dispose_RunStateWithRequestsRunning_CancelsThem()
    {
        var probe = Harness();
        probe.Get(_server.Url("/hang")).Should().BePositive();
        probe.Wait(1, 200).Should().Be(ProbeErrorCodes.TimedOut);

        probe.Dispose();

        _aborted.Task.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue("the end of the run should cancel what is still running");
    }

    [Test]
    public void Wait_RunEnds_StopsWaitingAndTheRequestTimesOut()
    {
        using var probe = Harness();
        var handle = probe.Get(_server.Url("/hang"));

        probe.EndRun();

        probe.Wait(handle, -1).Should().Be(ProbeErrorCodes.TimedOut);
    }

    [Test]
    public void Send_OwnTimeoutShorterThanTheServer_TimesOutWithStatusZeroAndTheError()
    {
        using var probe = Harness();
        var handle = probe.Get(_server.Url("/slow?ms=5000"), timeoutMs: 200);

        probe.Wait(handle, -1).Should().Be(ProbeErrorCodes.TimedOut);

        var response = probe.Response(handle);
        response.GetProperty("status").GetInt32().Should().Be(0);
        response.GetProperty("error").GetString().Should().Contain("200 ms");
        probe.Call("http_body", handle, 0, probe.Allocate(8), 8).Should().Be(ProbeErrorCodes.TimedOut);
    }

    [TestCase("http_wait", 77, 10)]
    [TestCase("http_response", 77, 0, 0)]
    [TestCase("http_body", 77, 0, 0, 0)]
    [TestCase("http_body_json", 77, 0, 0, 0, 0)]
    [TestCase("http_close", 77)]
    public void HandleFunctions_UnknownHandle_AreBadHandle(string function, params int[] arguments)
    {
        using var probe = Harness();

        probe.Call(function, arguments).Should().Be(ProbeErrorCodes.BadHandle);
    }

    private NetworkHarness Harness(Func<HttpGrant, HttpGrant>? configure = null)
    {
        var grant = new HttpGrant { Allow = [$"127.0.0.1:{_server.Port}"] };
        return new NetworkHarness(
            new ProbeGrants().Grant("http", configure?.Invoke(grant) ?? grant),
            new HttpCapability(NetworkHarness.Resolver()));
    }
}
