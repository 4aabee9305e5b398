using System.Text.Json;

namespace HealthWatch.Cli.Tests.Sidecar;

/// <summary>JSON-RPC 2.0 itself: initialize, error codes for protocol problems, shutdown and exit.</summary>
public class SidecarProtocolTests
{
    [Test]
    public async Task Initialize_ReturnsVersionEngineAndCapabilities()
    {
        await using var session = new SidecarSession();

        var result = (await session.RequestAsync("initialize", "{}")).GetProperty("result");

        result.GetProperty("version").GetString().Should().MatchRegex(@"^\d+\.\d+\.\d+");
        result.GetProperty("engine").GetString().Should().Be("managed");
        result.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).Should().Contain(["http", "log", "tcp"]);
    }

    [TestCase("not json", -32700, TestName = "Receive_BodyNotJson_ParseError")]
    [TestCase("""[{"jsonrpc":"2.0","id":1,"method":"initialize"}]""", -32600, TestName = "Receive_Batch_InvalidRequest")]
    [TestCase("""{"jsonrpc":"2.0","id":{},"method":"initialize"}""", -32600, TestName = "Receive_ObjectId_InvalidRequest")]
    public async Task Receive_ProtocolProblemWithoutUsableId_ErrorWithNullId(string body, int code)
    {
        await using var session = new SidecarSession();

        await session.SendAsync(body);

        var error = await session.NextOtherAsync();
        error.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
        error.GetProperty("error").GetProperty("code").GetInt32().Should().Be(code);
    }

    [TestCase("""{"id":7,"method":"initialize"}""", -32600, TestName = "Receive_NoJsonRpcVersion_InvalidRequest")]
    [TestCase("""{"jsonrpc":"2.0","id":7,"method":42}""", -32600, TestName = "Receive_MethodNotAString_InvalidRequest")]
    [TestCase("""{"jsonrpc":"2.0","id":7,"method":"probe/fly"}""", -32601, TestName = "Receive_UnknownMethod_MethodNotFound")]
    [TestCase("""{"jsonrpc":"2.0","id":7,"method":"probe/run","params":[1]}""", -32602, TestName = "Receive_ParamsArray_InvalidParams")]
    [TestCase("""{"jsonrpc":"2.0","id":7,"method":"probe/run","params":{}}""", -32602, TestName = "Receive_MissingModuleId_InvalidParams")]
    public async Task Receive_ProtocolProblem_ErrorWithTheRequestsId(string body, int code)
    {
        await using var session = new SidecarSession();
        var response = session.Expect("7");

        await session.SendAsync(body);

        (await response).GetProperty("error").GetProperty("code").GetInt32().Should().Be(code);
    }

    [Test]
    public async Task Receive_UnknownNotification_IsIgnored()
    {
        await using var session = new SidecarSession();

        await session.SendAsync("""{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}""");

        (await session.RequestAsync("initialize")).TryGetProperty("result", out _).Should().BeTrue();
        (await session.AnyOtherWithinAsync(TimeSpan.FromMilliseconds(100))).Should().BeFalse();
    }

    [Test]
    public async Task Shutdown_ThenExit_ReturnsNullAndExitsWithZero()
    {
        await using var session = new SidecarSession();

        var response = await session.RequestAsync("shutdown");
        await session.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        response.GetProperty("result").ValueKind.Should().Be(JsonValueKind.Null);
        (await session.Server.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(0);
    }

    [Test]
    public async Task Shutdown_ThenARequest_InvalidRequest()
    {
        await using var session = new SidecarSession();
        await session.RequestAsync("shutdown");

        var response = await session.RequestAsync("initialize");

        response.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
    }

    [Test]
    public async Task Exit_WithoutShutdown_ExitsWithOne()
    {
        await using var session = new SidecarSession();

        await session.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        (await session.Server.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(1);
    }

    [Test]
    public void Serve_WithoutStdio_IsAUsageError()
    {
        var result = Cli.Run("serve");

        result.ShouldExit(2);
        result.Stderr.Should().Contain("serve --stdio");
    }
}
