using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HealthWatch.Soak;

/// <summary>
/// A JSON-RPC client of <c>healthwatch serve --stdio</c> (docs/sidecar.md) with Content-Length framing. Requests go
/// out under one lock; one loop reads the answers and completes each request by id, counting any answer that
/// matches no request under way (an id answered twice, or never sent).
/// </summary>
internal sealed class SidecarClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Task _reading;
    private readonly Task _logging;
    private long _lastId;
    private int _duplicates;
    private int _strays;
    private int _internalErrors;

    private SidecarClient(Process process)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _reading = Task.Run(ReadAsync);
        _logging = Task.Run(LogAsync);
    }

    public int ProcessId => _process.Id;

    /// <summary>Answers for an id that had already been answered.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>Answers for no id this client sent.</summary>
    public int Strays => Volatile.Read(ref _strays);

    /// <summary>"internal error" lines on the sidecar's stderr: bugs, by docs/sidecar.md.</summary>
    public int InternalErrors => Volatile.Read(ref _internalErrors);

    /// <summary>Requests sent and not answered.</summary>
    public int Pending => _pending.Count;

    /// <summary>The last lines of the sidecar's stderr.</summary>
    public IEnumerable<string> RecentLog => _stderr;

    public static SidecarClient Start(string healthwatchDll)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(healthwatchDll);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--stdio");
        return new SidecarClient(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Sends a request and waits for its answer (the whole response object).</summary>
    public async Task<JsonElement> CallAsync(string method, string paramsJson)
    {
        var id = Interlocked.Increment(ref _lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{paramsJson}}}"""));
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n"));
        await _writing.WaitAsync();
        try
        {
            await _input.WriteAsync(header);
            await _input.WriteAsync(body);
            await _input.FlushAsync();
        }
        finally
        {
            _writing.Release();
        }

        return await answer.Task;
    }

    /// <summary>Closes the sidecar's stdin (it answers what it received, then exits) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        _input.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _reading;
        await _logging;
        _process.Dispose();
        _writing.Dispose();
    }

    private async Task ReadAsync()
    {
        var output = new BufferedStream(_process.StandardOutput.BaseStream, 64 * 1024);
        while (await ReadFrameAsync(output) is { } body)
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!root.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id))
            {
                Interlocked.Increment(ref _strays);
            }
            else if (_pending.TryRemove(id, out var answer))
            {
                answer.SetResult(root.Clone());
            }
            else
            {
                // Every id up to _lastId was pending from before it was sent until its first answer.
                if (id > 0 && id <= Volatile.Read(ref _lastId))
                {
                    Interlocked.Increment(ref _duplicates);
                }
                else
                {
                    Interlocked.Increment(ref _strays);
                }
            }
        }

        foreach (var (_, answer) in _pending)
        {
            answer.TrySetException(new EndOfStreamException("the sidecar closed its stdout"));
        }
    }

    /// <summary>One frame's body, or null at the end of the stream.</summary>
    private static async Task<byte[]?> ReadFrameAsync(Stream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }

            header.Append((char)one[0]);
        }

        const string Name = "Content-Length:";
        var line = header.ToString().Split("\r\n").First(l => l.StartsWith(Name, StringComparison.OrdinalIgnoreCase));
        var body = new byte[int.Parse(line.AsSpan(Name.Length).Trim(), CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(body);
        return body;
    }

    private async Task LogAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.Contains("internal error", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _internalErrors);
            }

            _stderr.Enqueue(line);
            while (_stderr.Count > 20)
            {
                _stderr.TryDequeue(out _);
            }
        }
    }
}
