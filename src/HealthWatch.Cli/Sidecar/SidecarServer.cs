using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Unicode;

namespace HealthWatch.Cli.Sidecar;

/// <summary>
/// The sidecar's JSON-RPC 2.0 session over framed streams (docs/sidecar.md): reads requests, runs each on the
/// thread pool so slow probes do not hold up others, and answers through one ordered writer.
/// </summary>
internal sealed class SidecarServer
{
    /// <summary>The largest message accepted: a base64 module of several MiB fits, a runaway client does not.</summary>
    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;

    /// <summary>As in LSP: <c>exit</c> without <c>shutdown</c> first is an unclean end.</summary>
    public const int ExitWithoutShutdown = 1;

    private readonly FrameWriter _writer;
    private readonly ProbeHost _host;
    private readonly TextWriter _log;
    private readonly CancellationToken _stopping;
    private readonly List<Task> _requests = [];

    /// <summary>The requests under way, by id as JSON text, for <c>$/cancelRequest</c>.</summary>
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _cancellations = new(StringComparer.Ordinal);
    /// <summary>Set by the read loop only.</summary>
    private bool _shutDown;

    private SidecarServer(FrameWriter writer, ProbeHost host, TextWriter log, CancellationToken stopping)
    {
        _writer = writer;
        _host = host;
        _log = log;
        _stopping = stopping;
    }

    /// <summary>Serves until the <c>exit</c> notification or the end of <paramref name="input"/>.</summary>
    /// <returns>The exit code: 0 at the end of the input or on <c>exit</c> after <c>shutdown</c>; 1 on <c>exit</c> without it.</returns>
    public static async Task<int> RunAsync(Stream input, Stream output, TextWriter log, int maxFrameBytes = DefaultMaxFrameBytes)
    {
        var writer = new FrameWriter(output, log);
        using var stopping = new CancellationTokenSource();
        var host = new ProbeHost((scheduleId, result) => writer.Enqueue(ResultNotification(scheduleId, result)), log);
        await using (host.ConfigureAwait(false))
        {
            var server = new SidecarServer(writer, host, log, stopping.Token);
            var exitCode = await server.ServeAsync(new FrameReader(input, maxFrameBytes)).ConfigureAwait(false);

            // exit means now: cancel runs under way (their responses still go out). At the end of the input they finish.
            if (exitCode is not null)
            {
                await stopping.CancelAsync().ConfigureAwait(false);
            }

            // Requests first: one accepted before the end may still start a schedule.
            await server.WhenRequestsDoneAsync().ConfigureAwait(false);
            await host.StopSchedulesAsync().ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
            return exitCode ?? ExitCodes.Success;
        }
    }

    /// <returns>The exit code the <c>exit</c> notification asked for; null at the end of the input.</returns>
    private async Task<int?> ServeAsync(FrameReader reader)
    {
        while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { } frame)
        {
            if (frame.Error is { } error)
            {
                _log.WriteLine($"sidecar: skipped a bad frame: {error.Message}");
                _writer.Enqueue(ErrorResponse(null, error));
                continue;
            }

            if (Receive(frame.Body!) is { } exitCode)
            {
                return exitCode;
            }
        }

        return null;
    }

    /// <summary>Handles one message: requests start on the thread pool, notifications are handled here.</summary>
    /// <returns>The exit code when the message is the <c>exit</c> notification; otherwise null.</returns>
    private int? Receive(byte[] body)
    {
        // The JSON reader checks structure but not the UTF-8 inside strings; reading a string (the method, an id, a
        // path) would then throw outside any request, and end the process.
        if (!Utf8.IsValid(body))
        {
            _writer.Enqueue(ErrorResponse(null, new RpcException(RpcException.ParseError, "Parse error: the body is not valid UTF-8")));
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            _writer.Enqueue(ErrorResponse(null, new RpcException(RpcException.ParseError, $"Parse error: {e.Message}")));
            return null;
        }

        using (document)
        {
            try
            {
                var message = RpcMessage.Read(document.RootElement);
                if (message.Method is null)
                {
                    // A response to a request of ours; the sidecar sends none, so there is nothing to match it with.
                    _log.WriteLine("sidecar: ignored a response message");
                }
                else if (message.Id is null)
                {
                    return Notify(message);
                }
                else
                {
                    Accept(message);
                }
            }
            catch (RpcException e)
            {
                _writer.Enqueue(ErrorResponse(RpcMessage.ReadId(document.RootElement), e));
            }
        }

        return null;
    }

    /// <summary>Starts a request. Decided here, in arrival order, so that <c>exit</c> right after <c>shutdown</c> sees it.</summary>
    private void Accept(RpcMessage message)
    {
        if (_shutDown)
        {
            throw new RpcException(RpcException.InvalidRequest, $"Invalid Request: the sidecar is shut down; '{message.Method}' is not accepted (send exit)");
        }

        _shutDown = message.Method == "shutdown";
        var id = message.Id!.Value.GetRawText();
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        _cancellations[id] = cancellation;
        var task = Task.Run(async () =>
        {
            try
            {
                await RespondAsync(message, cancellation.Token).ConfigureAwait(false);
            }
            finally
            {
                _cancellations.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, cancellation));
                cancellation.Dispose();
            }
        });
        lock (_requests)
        {
            _requests.RemoveAll(t => t.IsCompleted);
            _requests.Add(task);
        }
    }

    /// <summary>Handles a notification: <c>exit</c>, or <c>$/cancelRequest</c> (a cancelled probe/run answers with its cancelled result).</summary>
    /// <returns>The exit code for <c>exit</c>; otherwise null. Other notifications are ignored.</returns>
    private int? Notify(RpcMessage message)
    {
        switch (message.Method)
        {
            case "exit":
                return _shutDown ? ExitCodes.Success : ExitWithoutShutdown;
            case "$/cancelRequest" when message.Params is { ValueKind: JsonValueKind.Object } parameters
                && parameters.TryGetProperty("id", out var id)
                && _cancellations.TryGetValue(id.GetRawText(), out var cancellation):
                try
                {
                    cancellation.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The request finished meanwhile: nothing left to cancel.
                }

                break;
        }

        return null;
    }

    private async Task RespondAsync(RpcMessage message, CancellationToken cancellationToken)
    {
        byte[] response;
        try
        {
            var result = await CallAsync(message.Method!, RpcParams.From(message.Params), cancellationToken).ConfigureAwait(false);
            response = JsonText.Write(json =>
            {
                WriteHead(json, message.Id);
                json.WritePropertyName("result");
                json.WriteRawValue(result, skipInputValidation: true);
                json.WriteEndObject();
            });
        }
        catch (RpcException e)
        {
            response = ErrorResponse(message.Id, e);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            response = ErrorResponse(message.Id, new RpcException(RpcException.InternalError, "Internal error: the request was cancelled"));
        }
        catch (Exception e)
        {
            // A bug: the client gets an answer, stderr the stack trace for the bug report.
            _log.WriteLine($"sidecar: internal error in {message.Method}: {e}");
            response = ErrorResponse(message.Id, new RpcException(RpcException.InternalError, $"Internal error: {e.Message}"));
        }

        _writer.Enqueue(response);
    }

    private async Task<string> CallAsync(string method, RpcParams parameters, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case "initialize":
                return _host.Initialize();
            case "module/load":
                return await _host.LoadModuleAsync(parameters, cancellationToken).ConfigureAwait(false);
            case "module/unload":
                return _host.UnloadModule(parameters);
            case "probe/run":
                return await _host.RunAsync(parameters, cancellationToken).ConfigureAwait(false);
            case "probe/schedule":
                return _host.Schedule(parameters);
            case "probe/cancel":
                return await _host.CancelAsync(parameters).ConfigureAwait(false);
            case "shutdown":
                await _host.StopSchedulesAsync().ConfigureAwait(false);
                return "null";
            default:
                throw new RpcException(RpcException.MethodNotFound, $"Method not found: {method}");
        }
    }

    private Task WhenRequestsDoneAsync()
    {
        lock (_requests)
        {
            return Task.WhenAll(_requests);
        }
    }

    private static byte[] ResultNotification(string scheduleId, string result) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("jsonrpc", "2.0");
        json.WriteString("method", "probe/result");
        json.WriteStartObject("params");
        json.WriteString("scheduleId", scheduleId);
        json.WritePropertyName("result");
        json.WriteRawValue(result, skipInputValidation: true);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    private static byte[] ErrorResponse(JsonElement? id, RpcException error) => JsonText.Write(json =>
    {
        WriteHead(json, id);
        json.WriteStartObject("error");
        json.WriteNumber("code", error.Code);
        json.WriteString("message", error.Message);
        json.WriteEndObject();
        json.WriteEndObject();
    });

    /// <summary>Opens a response: <c>{"jsonrpc":"2.0","id":...</c>, the id as the request gave it (null when unknown).</summary>
    private static void WriteHead(Utf8JsonWriter json, JsonElement? id)
    {
        json.WriteStartObject();
        json.WriteString("jsonrpc", "2.0");
        json.WritePropertyName("id");
        if (id is { } value)
        {
            value.WriteTo(json);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
