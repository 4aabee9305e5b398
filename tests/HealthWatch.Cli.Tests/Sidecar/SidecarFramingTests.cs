using System.Text;
using System.Text.Json;

namespace HealthWatch.Cli.Tests.Sidecar;

/// <summary>The sidecar's Content-Length framing: split and joined frames, bad and oversized frames, the end of input.</summary>
public class SidecarFramingTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":"init","method":"initialize"}""";

    [Test]
    public async Task Read_FrameSplitAcrossWrites_AnswersOnce()
    {
        await using var session = new SidecarSession();
        var frame = Frame(Initialize);
        var response = session.Expect("\"init\"");

        foreach (var piece in frame.Chunk(7))
        {
            await session.SendRawAsync(piece);
        }

        (await response).GetProperty("result").GetProperty("engine").GetString().Should().Be("managed");
        (await session.AnyOtherWithinAsync(TimeSpan.FromMilliseconds(100))).Should().BeFalse();
    }

    [Test]
    public async Task Read_TwoFramesInOneWrite_AnswersBoth()
    {
        await using var session = new SidecarSession();
        var first = session.Expect("1");
        var second = session.Expect("2");

        await session.SendRawAsync([.. Frame("""{"jsonrpc":"2.0","id":1,"method":"initialize"}"""), .. Frame("""{"jsonrpc":"2.0","id":2,"method":"initialize"}""")]);

        (await first).GetProperty("result").GetProperty("engine").GetString().Should().Be("managed");
        (await second).GetProperty("result").GetProperty("engine").GetString().Should().Be("managed");
    }

    [Test]
    public async Task Read_ContentTypeHeader_IsAccepted()
    {
        await using var session = new SidecarSession();
        var body = Encoding.UTF8.GetBytes(Initialize);
        var response = session.Expect("\"init\"");

        await session.SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n"), .. body]);

        (await response).TryGetProperty("result", out _).Should().BeTrue();
    }

    [TestCase("Content-Length: abc\r\n\r\n{}")]
    [TestCase("Garbage\r\n\r\n")]
    [TestCase("Content-Type: text/plain\r\n\r\n")]
    public async Task Read_BadHeader_ParseErrorWithNullIdThenResyncs(string bad)
    {
        await using var session = new SidecarSession();
        var response = session.Expect("\"init\"");

        await session.SendRawAsync([.. Encoding.ASCII.GetBytes(bad), .. Frame(Initialize)]);

        var error = await session.NextOtherAsync();
        error.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
        error.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32700);
        (await response).TryGetProperty("result", out _).Should().BeTrue("the sidecar resyncs at the next frame");
    }

    [Test]
    public async Task Read_OversizedFrame_InvalidRequestThenNextFrameAnswered()
    {
        await using var session = new SidecarSession(maxFrameBytes: 1024);
        var response = session.Expect("\"init\"");
        var huge = $$$"""{"jsonrpc":"2.0","id":"huge","method":"initialize","params":{"pad":"{{{new string('x', 5000)}}}"}}""";

        await session.SendRawAsync([.. Frame(huge), .. Frame(Initialize)]);

        var error = await session.NextOtherAsync();
        error.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
        error.GetProperty("error").GetProperty("code").GetInt32().Should().Be(-32600);
        error.GetProperty("error").GetProperty("message").GetString().Should().Contain("exceeds the limit of 1024 bytes");
        (await response).TryGetProperty("result", out _).Should().BeTrue();
    }

    [Test]
    public async Task EndOfInput_NoMessages_ExitsWithZero()
    {
        await using var session = new SidecarSession();

        (await session.CloseInputAsync()).Should().Be(0);
    }

    [Test]
    public async Task EndOfInput_InsideAFrame_ExitsWithZero()
    {
        await using var session = new SidecarSession();

        await session.SendRawAsync(Frame(Initialize)[..30]);

        (await session.CloseInputAsync()).Should().Be(0);
    }

    private static byte[] Frame(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];
    }
}
