using System.Text;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Probes;
using HealthWatch.Runtime.Tests.Capabilities.Network;

namespace HealthWatch.Runtime.Tests.Hostile;

/// <summary>
/// Invalid UTF-8 everywhere a string crosses the boundary (hostile/invalid-utf8.c): in what the probe sends (log
/// lines, request JSON, host names, paths, keys, its verdict) and in what a server sends back (header values, body).
/// </summary>
public sealed class InvalidUtf8Tests : HostileTestBase
{
    private const int InvalidArgument = ProbeErrorCodes.InvalidArgument;

    [Test]
    public async Task InvalidUtf8_InEveryStringTheProbeSends_IsInvalidArgumentAndTheAnswersStayValid()
    {
        await using var server = BadUtf8Server();

        var result = await RunAsync("invalid-utf8", $$"""{"url":"{{server.Url()}}"}""", AllGrants(server.Port));

        result.Success.Should().BeTrue(result.Message);
        result.Metrics.Should().Equal(new Dictionary<string, double>
        {
            ["method"] = InvalidArgument,
            ["url_host"] = InvalidArgument,
            ["header_name"] = InvalidArgument,
            ["header_value"] = InvalidArgument,
            ["body"] = InvalidArgument,
            ["dns"] = InvalidArgument,
            ["tcp"] = InvalidArgument,
            ["env"] = InvalidArgument,
            ["json_doc"] = InvalidArgument,
            ["json_path"] = InvalidArgument,
            ["status"] = 200,
            ["response_status"] = 200,
            ["body_json"] = InvalidArgument,
        });
        result.Logs.Should().Contain(l => l.Level == ProbeLogLevel.Information && l.Message.StartsWith("a log line with \uFFFD", StringComparison.Ordinal));
        await AssertHealthyAsync();
    }

    [Test]
    public async Task InvalidUtf8_InTheVerdict_FailsWithInvalidVerdict()
    {
        var result = await RunAsync("invalid-utf8", """{"badVerdict":true}""", AllGrants(port: 1));

        result.Error!.Kind.Should().Be(ProbeErrorKind.InvalidVerdict);
        result.Message.Should().Contain("UTF-8");
        await AssertHealthyAsync();
    }

    /// <summary>What invalid-utf8 imports: log, env, http (the server and bad.test), dns and tcp (*.test).</summary>
    private static ProbeGrants AllGrants(int port) => Grants($$$"""
        {"log":{},"env":{"vars":{"A":"1"}},"http":{"allow":["127.0.0.1:{{{port}}}","bad.test"],"methods":["GET","POST"]},
         "dns":{"allow":["*.test"]},"tcp":{"allow":["*.test:80"]}}
        """);

    /// <summary>Answers with invalid UTF-8 in a header value and in a JSON body.</summary>
    private static RawServer BadUtf8Server() => new(async (stream, token) =>
    {
        await RawServer.ReadHeadAsync(stream, token);
        byte[] body = [.. "{\"a\":\""u8, 0xFF, 0xFE, .. "\"}"u8];
        byte[] head = [.. Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nX-Bad: "), 0xFF, 0xC3, .. "\r\nContent-Type: application/json\r\n\r\n"u8];
        await stream.WriteAsync(head.Concat(body).ToArray(), token);
    });
}
