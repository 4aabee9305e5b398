using System.Net;
using System.Net.Sockets;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// One request of a probe, running in the background from <c>http_send</c> to its outcome: redirects followed
/// here (each hop checked against the grant), the body read into memory up to the grant's limit, and everything
/// bounded by the request's timeout, linked to the run's cancellation.
/// </summary>
internal sealed class HttpExchange
{
    private readonly HttpRunState _run;
    private readonly HttpRequestSpec _spec;
    private readonly TimeSpan _timeout;
    private readonly ExchangeTimings _timings = new();
    private readonly CancellationTokenSource _cancellation;
    private Uri _url;
    private int _redirects;
    private volatile bool _closed;

    private HttpExchange(HttpRunState run, HttpRequestSpec spec, HttpRequestMessage first)
    {
        _run = run;
        _spec = spec;
        _url = spec.Url;
        _timeout = spec.Timeout is { } own && own < run.Policy.Grant.Timeout ? own : run.Policy.Grant.Timeout;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(run.Context.CancellationToken);
        _cancellation.CancelAfter(_timeout);
        var token = _cancellation.Token;
        Completion = Task.Run(() => RunAsync(first, token), CancellationToken.None);
    }

    /// <summary>The outcome; never faults.</summary>
    public Task<HttpOutcome> Completion { get; }

    /// <summary>Starts sending <paramref name="first"/>, already checked against the grant, in the background.</summary>
    public static HttpExchange Start(HttpRunState run, HttpRequestSpec spec, HttpRequestMessage first) => new(run, spec, first);

    /// <summary>Cancels the request if it is still running, and frees its timer once it has ended.</summary>
    public void Close()
    {
        _closed = true;
        _cancellation.Cancel();
        Completion.ContinueWith(
            static (_, state) => ((CancellationTokenSource)state!).Dispose(),
            _cancellation,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task<HttpOutcome> RunAsync(HttpRequestMessage first, CancellationToken cancellationToken)
    {
        var message = first;
        try
        {
            while (true)
            {
                var trace = ConnectionTrace.Attach(message);
                using var response = await _run.Invoker.SendAsync(message, cancellationToken).ConfigureAwait(false);
                _timings.AddHop(trace);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    var target = new Uri(_url, location);
                    if (_redirects < _run.Policy.Grant.MaxRedirects)
                    {
                        var next = NextHop(message, response.StatusCode, target, out var problem);
                        if (next is null)
                        {
                            return Fail(ProbeErrorCodes.NotAllowed, $"redirect to {target} refused: {problem}");
                        }

                        message.Dispose();
                        message = next;
                        _url = target;
                        _redirects++;
                        continue;
                    }

                    _run.Log($"{Describe()}: not following the redirect to {target}: grants.http.maxRedirects is {_run.Policy.Grant.MaxRedirects}");
                }

                var body = await ReadBodyAsync(response.Content, _run.Policy.Grant.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                return body is { } whole
                    ? HttpOutcome.Completed(response, _url, _redirects, whole, _timings)
                    : Fail(ProbeErrorCodes.TooLarge, $"the body is over grants.http.maxResponseBytes ({_run.Policy.Grant.MaxResponseBytes} bytes)");
            }
        }
        catch (OperationCanceledException) when (_closed)
        {
            // Nobody can ask for the outcome of a closed request, so there is nothing to log.
            return HttpOutcome.Failed(ProbeErrorCodes.BadHandle, "closed", _url, _redirects, _timings);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(ProbeErrorCodes.TimedOut, _run.Context.CancellationToken.IsCancellationRequested
                ? "the run ended before the request did"
                : $"no complete answer within {_timeout.TotalMilliseconds} ms");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or OperationCanceledException or ObjectDisposedException or UriFormatException)
        {
            return Classify(ex);
        }
        finally
        {
            message.Dispose();
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>The next hop's message, checked against the grant like the first; null with the reason when refused.</summary>
    private HttpRequestMessage? NextHop(HttpRequestMessage previous, HttpStatusCode status, Uri target, out string? problem)
    {
        // 303 turns anything but HEAD into GET; 301 and 302 turn POST into GET, as browsers do. 307 and 308 keep both.
        var method = previous.Method.Method;
        var keepBody = true;
        if ((status == HttpStatusCode.SeeOther && method != "HEAD") || (status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found && method == "POST"))
        {
            method = "GET";
            keepBody = false;
        }

        problem = HttpRequestSpec.UrlProblem(target) ?? _run.Refusal(method, target);
        if (problem is not null)
        {
            return null;
        }

        // Credentials the probe set for the first origin do not travel to another one.
        var sameOrigin = Uri.Compare(target, _spec.Url, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
        var headers = sameOrigin ? _spec.Headers : _spec.Headers.Where(h => !IsCredential(h.Key));
        return HttpRequestSpec.CreateMessage(method, target, headers, keepBody ? _spec.Body : null, out problem);
    }

    private static bool IsCredential(string header) =>
        header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || header.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || header.Equals("Cookie", StringComparison.OrdinalIgnoreCase);

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/>; never reads more than one byte past it.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        var bound = (int)Math.Min((long)limit + 1, Array.MaxLength);
        var buffer = new byte[(int)Math.Min(bound, (content.Headers.ContentLength ?? 16 * 1024) + 1)];
        var total = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (total == bound)
                    {
                        return null;
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, bound));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsMemory(0, total);
                }

                total += read;
            }
        }
    }

    /// <summary>A refused address anywhere in the chain of causes is <c>HW_ENOTALLOWED</c>; anything else is a network error.</summary>
    private HttpOutcome Classify(Exception error)
    {
        var causes = new List<Exception>();
        for (var cause = error; cause is not null; cause = cause.InnerException)
        {
            causes.Add(cause);
        }

        return causes.OfType<AddressRefusedException>().FirstOrDefault() is { } refused
            ? Fail(ProbeErrorCodes.NotAllowed, refused.Message)
            : Fail(ProbeErrorCodes.Network, string.Join(" ", causes.Select(c => c.Message).Distinct()));
    }

    private HttpOutcome Fail(int code, string reason)
    {
        _run.Log($"{Describe()}: {reason}");
        return HttpOutcome.Failed(code, reason, _url, _redirects, _timings);
    }

    private string Describe() => _redirects == 0 ? $"{_spec.Method} {_spec.Url}" : $"{_spec.Method} {_spec.Url} (at {_url} after {_redirects} redirects)";
}
