using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// The <c>http</c> capability's state for one run: its connection handler and its table of requests by handle.
/// Disposed with the run, which cancels every request still running and closes every connection.
/// </summary>
internal sealed class HttpRunState : IDisposable
{
    private readonly Dictionary<int, HttpExchange> _exchanges = [];
    private readonly Lock _gate = new();
    private readonly HostResolver _resolver;
    private int _lastHandle;
    private bool _disposed;

    public HttpRunState(ProbeContext context, HttpPolicy policy, HostResolver resolver, RemoteCertificateValidationCallback? certificateValidation)
    {
        Context = context;
        Policy = policy;
        _resolver = resolver;

        // One handler per run, not one per runtime: a pooled connection was checked against the grant of the run
        // that opened it, so no other run (with another grant) may reuse it, and each run's timings measure its own
        // connections, as a health check should. Requests of the same run to the same origin do share connections.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ActivityHeadersPropagator = null,
            MaxResponseDrainSize = 64 * 1024,
            ConnectCallback = ConnectAsync,
            PlaintextStreamFilter = (connection, _) =>
            {
                if (connection.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps)
                {
                    ConnectionTrace.Of(connection.InitialRequestMessage)?.TlsDone();
                }

                return ValueTask.FromResult(connection.PlaintextStream);
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = certificateValidation;
        Invoker = new HttpMessageInvoker(handler);
    }

    public ProbeContext Context { get; }

    public HttpPolicy Policy { get; }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>Why the grant refuses <paramref name="method"/> to <paramref name="url"/>, or null when it allows it.</summary>
    public string? Refusal(string method, Uri url)
    {
        if (!Policy.Methods.Contains(method))
        {
            return $"method {method} is not in grants.http.methods";
        }

        var host = HostName.Parse(url.IdnHost)!.Value;
        return Policy.Allow.Allows(host, url.Port) ? null : $"{host}:{url.Port} is not in grants.http.allow";
    }

    /// <summary>Adds a request, started by <paramref name="start"/>; returns its handle, or <see cref="ProbeErrorCodes.Limit"/>.</summary>
    public int Add(Func<HttpExchange> start)
    {
        lock (_gate)
        {
            if (_disposed || _lastHandle == int.MaxValue)
            {
                Log("http_send: no more handles in this run");
                return ProbeErrorCodes.Limit;
            }

            if (_exchanges.Count >= Policy.Grant.MaxInFlight)
            {
                Log($"http_send: {_exchanges.Count} requests are open and grants.http.maxInFlight is {Policy.Grant.MaxInFlight}; http_close one first");
                return ProbeErrorCodes.Limit;
            }

            _exchanges.Add(++_lastHandle, start());
            return _lastHandle;
        }
    }

    public HttpExchange? Get(int handle)
    {
        lock (_gate)
        {
            return _exchanges.GetValueOrDefault(handle);
        }
    }

    /// <summary>Closes a request; false when there is no such handle.</summary>
    public bool Close(int handle)
    {
        HttpExchange? exchange;
        lock (_gate)
        {
            if (!_exchanges.Remove(handle, out exchange))
            {
                return false;
            }
        }

        exchange.Close();
        return true;
    }

    public void Log(string message) => Context.Log(ProbeLogLevel.Debug, message);

    public void Dispose()
    {
        HttpExchange[] open;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _exchanges.Values];
            _exchanges.Clear();
        }

        foreach (var exchange in open)
        {
            exchange.Close();
        }

        Invoker.Dispose();
    }

    /// <summary>
    /// The handler's only way to the network. It checks the host and port against the grant once more (requests
    /// are checked before they are sent; this fails closed should one slip through), then lets
    /// <see cref="SafeConnector"/> resolve and connect to an address the grant opens.
    /// </summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        if (HostName.Parse(endpoint.Host) is not { } host || !Policy.Allow.Allows(host, endpoint.Port))
        {
            throw new AddressRefusedException($"{endpoint.Host}:{endpoint.Port} is not in grants.http.allow");
        }

        var connection = await SafeConnector.ConnectAsync(endpoint.Host, endpoint.Port, Policy.Allow, _resolver, Log, cancellationToken).ConfigureAwait(false);
        ConnectionTrace.Of(context.InitialRequestMessage)?.Connected(connection);
        return new NetworkStream(connection.Socket, ownsSocket: true);
    }
}
