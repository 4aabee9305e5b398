using System.Text;
using System.Text.Json;

namespace HealthWatch.Cli.Tests.Sidecar;

/// <summary>A body that is not valid UTF-8, wherever the bad bytes are, is a parse error; the sidecar carries on.</summary>
public class SidecarInvalidUtf8Tests
{
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"init#ialize"}""")]
    [TestCase("""{"jsonrpc":"2.0","id":"#","method":"initialize"}""")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"module/load","params":{"path":"/tmp/#.wasm"}}""")]
    [TestCase("""{"jsonrpc":"2.0","id":1,"method":"probe/run","params":{"moduleId":"m","config":{"#":1}}}""")]
    public async Task Read_InvalidUtf8InTheBody_ParseErrorWithNullIdThenCarriesOn(string json)
    {
        await using var session = new SidecarSession();
        var next = session.Expect("\"next\"");
        var body = Encoding.UTF8.GetBytes(json).SelectMany(b => b == (byte)'#' ? new byte[] { 0xFF, 0xFE } : [b]).ToArray();

        await session.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
        await session.SendAsync("""{"jsonrpc":"2.0","id":"next","method":"initialize"}""");

        var error = await session.NextOtherAsync();
        error.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
        error.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32700);
        (await next).TryGetProperty("result", out _).Should().BeTrue("the sidecar must survive the bad body");
        (await session.CloseInputAsync()).Should().Be(0);
    }
}
