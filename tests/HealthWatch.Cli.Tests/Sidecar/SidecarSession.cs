using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using HealthWatch.Cli.Sidecar;

namespace HealthWatch.Cli.Tests.Sidecar;

/// <summary>
/// A sidecar served in-process over pipes, with a minimal client: requests matched to responses by id, and every
/// other message (notifications, errors with id null) in arrival order.
/// </summary>
internal sealed class SidecarSession : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private readonly Stream _input;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<JsonElement> _others = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _reading;
    private int _lastId;

    public SidecarSession(int maxFrameBytes = SidecarServer.DefaultMaxFrameBytes)
    {
        _input = _toServer.Writer.AsStream();
        Server = Task.Run(async () =>
        {
            try
            {
                return await SidecarServer.RunAsync(_toServer.Reader.AsStream(), _fromServer.Writer.AsStream(), Log, maxFrameBytes);
            }
            finally
            {
                // The process's stdout closes when it exits; here the client's reader needs telling.
                await _fromServer.Writer.CompleteAsync();
            }
        });
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>The server: its exit code once it ends.</summary>
    public Task<int> Server { get; }

    /// <summary>What the server wrote on its log.</summary>
    public TextWriter Log { get; } = TextWriter.Synchronized(new StringWriter());

    /// <summary>Sends a request and waits for its response (the whole message: result or error).</summary>
    public async Task<JsonElement> RequestAsync(string method, string? paramsJson = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var body = paramsJson is null
            ? $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}"}"""
            : $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}""";
        var response = Expect(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SendAsync(body);
        return await response;
    }

    /// <summary>The response to the request with <paramref name="id"/> (its JSON text), for requests sent raw.</summary>
    public Task<JsonElement> Expect(string id) =>
        _pending.GetOrAdd(id, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(Timeout);

    /// <summary>Sends one message in a well-formed frame.</summary>
    public Task SendAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return SendRawAsync([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
    }

    /// <summary>Sends bytes as they are, in one write.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _input.WriteAsync(bytes);
        await _input.FlushAsync();
    }

    /// <summary>The next message that is not a response to a request of ours.</summary>
    public async Task<JsonElement> NextOtherAsync(TimeSpan? timeout = null) =>
        await _others.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? Timeout);

    /// <summary>Whether another such message arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> AnyOtherWithinAsync(TimeSpan wait)
    {
        try
        {
            await NextOtherAsync(wait);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Closes the server's input (end of stdin) and returns its exit code.</summary>
    public async Task<int> CloseInputAsync()
    {
        await _toServer.Writer.CompleteAsync();
        return await Server.WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Server.WaitAsync(Timeout);
        await _reading.WaitAsync(Timeout);
    }

    private async Task ReadAsync()
    {
        var reader = new FrameReader(_fromServer.Reader.AsStream(), int.MaxValue);
        while (await reader.ReadAsync(CancellationToken.None) is { Body: { } body })
        {
            var message = JsonElement.Parse(body);
            var id = message.TryGetProperty("id", out var value) && value.ValueKind != JsonValueKind.Null ? value.GetRawText() : null;
            if (id is null || message.TryGetProperty("method", out _))
            {
                _others.Writer.TryWrite(message);
            }
            else
            {
                _pending.GetOrAdd(id, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
            }
        }
    }
}
