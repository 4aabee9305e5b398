using System.Net.Security;
using System.Text.Json;
using HealthWatch.Runtime.Capabilities.Json;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// The <c>http</c> capability: <c>http_send</c>, <c>http_wait</c>, <c>http_response</c>, <c>http_body</c>,
/// <c>http_body_json</c> and <c>http_close</c> (docs/probe-abi.md), over a run's <see cref="HttpRunState"/>.
/// </summary>
internal sealed class HttpCapability : ProbeCapability
{
    public const string CapabilityName = "http";

    private readonly HostResolver _resolver;
    private readonly RemoteCertificateValidationCallback? _certificateValidation;

    /// <param name="resolver">Resolves host names (the system's, outside tests).</param>
    /// <param name="certificateValidation">Replaces the system's server certificate check; tests use it to trust their own certificate.</param>
    public HttpCapability(HostResolver resolver, RemoteCertificateValidationCallback? certificateValidation = null)
    {
        _resolver = resolver;
        _certificateValidation = certificateValidation;
        Imports =
        [
            NetworkImports.Define("http_send", 2, Send),
            NetworkImports.Define("http_wait", 2, Wait),
            NetworkImports.Define("http_response", 3, Response),
            NetworkImports.Define("http_body", 4, Body),
            NetworkImports.Define("http_body_json", 5, BodyJson),
            NetworkImports.Define("http_close", 1, Close),
        ];
    }

    public override string Name => CapabilityName;

    public override IReadOnlyList<HostImport> Imports { get; }

    public override object ParseGrant(JsonElement grant) => HttpGrant.Parse(grant);

    private HttpRunState State(ProbeContext context) =>
        context.GetState(() => new HttpRunState(context, context.GetGrant<HttpGrant>(CapabilityName).Compile(), _resolver, _certificateValidation));

    /// <summary><c>http_send(req_ptr, req_len)</c>: checks the request against the grant and starts it; a handle, or an error.</summary>
    private int Send(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        const string Function = "http_send";
        var state = State(context);
        if (!context.Memory.TryGetSpan(a[0].AsInt32(), a[1].AsInt32(), out var json))
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, "the request is outside memory");
        }

        if (json.Length > state.Policy.Grant.MaxRequestBytes)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.TooLarge, $"the request is {json.Length} bytes, over grants.http.maxRequestBytes ({state.Policy.Grant.MaxRequestBytes})");
        }

        if (HttpRequestSpec.TryParse(json.ToArray(), out var problem) is not { } spec)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, problem!);
        }

        if (state.Refusal(spec.Method, spec.Url) is { } refusal)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.NotAllowed, $"{spec.Method} {spec.Url} refused: {refusal}");
        }

        if (HttpRequestSpec.CreateMessage(spec.Method, spec.Url, spec.Headers, spec.Body, out problem) is not { } message)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, problem!);
        }

        var handle = state.Add(() => HttpExchange.Start(state, spec, message));
        if (handle < 0)
        {
            message.Dispose();
        }

        return handle;
    }

    /// <summary><c>http_wait(handle, timeout_ms)</c>: blocks the guest's thread until the request ends or the wait times out.</summary>
    private int Wait(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        const string Function = "http_wait";
        var timeout = a[1].AsInt32();
        if (timeout < -1)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, $"timeout_ms {timeout} is neither -1 nor at least 0");
        }

        if (Find(context, Function, a[0].AsInt32(), out var exchange) is { } error)
        {
            return error;
        }

        try
        {
            // -1 waits for the request's own timeout, which always ends it. "Still running" is not logged: it is
            // what polling with a short timeout expects, and a log line per poll would crowd out the real failures.
            if (!exchange!.Completion.Wait(timeout, context.CancellationToken))
            {
                return ProbeErrorCodes.TimedOut;
            }
        }
        catch (OperationCanceledException)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.TimedOut, "the run ended while waiting");
        }

        return exchange.Completion.Result.Code;
    }

    /// <summary><c>http_response(handle, out_ptr, out_cap)</c>: the response JSON (for a failed request, status 0 and the error).</summary>
    private int Response(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        const string Function = "http_response";
        if (Finished(context, Function, a[0].AsInt32(), out var outcome, needResponse: false) is { } error)
        {
            return error;
        }

        var written = context.Memory.WriteOutput(a[1].AsInt32(), a[2].AsInt32(), outcome!.Metadata);
        return written < 0 ? NetworkImports.Fail(context, Function, written, "the output buffer is outside memory") : written;
    }

    /// <summary><c>http_body(handle, offset, out_ptr, out_cap)</c>: copies body bytes from an offset; the number copied.</summary>
    private int Body(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        const string Function = "http_body";
        var (offset, capacity) = (a[1].AsInt32(), a[3].AsInt32());
        if (Finished(context, Function, a[0].AsInt32(), out var outcome, needResponse: true) is { } error)
        {
            return error;
        }

        if (offset < 0 || !context.Memory.TryGetSpan(a[2].AsInt32(), capacity, out var target))
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, offset < 0 ? $"offset {offset} is negative" : "the output buffer is outside memory");
        }

        ReadOnlySpan<byte> rest = offset < outcome!.Body.Length ? outcome.Body.Span[offset..] : [];
        var count = Math.Min(rest.Length, capacity);
        rest[..count].CopyTo(target);
        return count;
    }

    /// <summary><c>http_body_json(handle, path_ptr, path_len, out_ptr, out_cap)</c>: <c>json_get</c> over the body, on the host.</summary>
    private int BodyJson(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        const string Function = "http_body_json";
        if (Finished(context, Function, a[0].AsInt32(), out var outcome, needResponse: true) is { } error)
        {
            return error;
        }

        if (context.Memory.ReadString(a[1].AsInt32(), a[2].AsInt32()) is not { } path)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, "the path is outside memory or not UTF-8");
        }

        if (!JsonPath.TryQuery(outcome!.Body.Span, path, out var value, out var code))
        {
            return NetworkImports.Fail(context, Function, code, code == ProbeErrorCodes.NotFound
                ? $"no value at '{path}' in the body"
                : $"the path '{path}' is malformed or the body is not JSON");
        }

        var written = context.Memory.WriteOutput(a[3].AsInt32(), a[4].AsInt32(), value);
        return written < 0 ? NetworkImports.Fail(context, Function, written, "the output buffer is outside memory") : written;
    }

    /// <summary><c>http_close(handle)</c>: forgets the request, cancelling it if it still runs.</summary>
    private int Close(ProbeContext context, ReadOnlySpan<WasmValue> a) =>
        State(context).Close(a[0].AsInt32()) ? 0 : NetworkImports.Fail(context, "http_close", ProbeErrorCodes.BadHandle, $"no open request {a[0].AsInt32()}");

    private int? Find(ProbeContext context, string function, int handle, out HttpExchange? exchange)
    {
        exchange = State(context).Get(handle);
        return exchange is null ? NetworkImports.Fail(context, function, ProbeErrorCodes.BadHandle, $"no open request {handle}") : null;
    }

    /// <summary>The outcome of a request that has ended, else the error to return: still running, or (when a response is needed) the request's own error.</summary>
    private int? Finished(ProbeContext context, string function, int handle, out HttpOutcome? outcome, bool needResponse)
    {
        outcome = null;
        if (Find(context, function, handle, out var exchange) is { } error)
        {
            return error;
        }

        if (!exchange!.Completion.IsCompleted)
        {
            return NetworkImports.Fail(context, function, ProbeErrorCodes.TimedOut, $"request {handle} is still running; http_wait for it first");
        }

        outcome = exchange.Completion.Result;
        return needResponse && !outcome.Succeeded
            ? NetworkImports.Fail(context, function, outcome.Code, $"request {handle} failed, so it has no body")
            : null;
    }
}
