using System.Diagnostics;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// The phases of the connection one request message opened, filled in by the handler's callbacks: DNS and connect
/// in <c>ConnectCallback</c>, TLS as the time from the connected socket to <c>PlaintextStreamFilter</c>, which the
/// handler calls right after its TLS handshake. A request served by a pooled connection opened none: all zero.
/// </summary>
internal sealed class ConnectionTrace
{
    /// <summary>Where a message carries its trace, for the handler's callbacks.</summary>
    public static readonly HttpRequestOptionsKey<ConnectionTrace> Key = new("HealthWatch.ConnectionTrace");

    private long _connectedAt;

    public double DnsMs { get; private set; }

    public double ConnectMs { get; private set; }

    public double TlsMs { get; private set; }

    /// <summary>A new trace, attached to <paramref name="message"/>.</summary>
    public static ConnectionTrace Attach(HttpRequestMessage message)
    {
        var trace = new ConnectionTrace();
        message.Options.Set(Key, trace);
        return trace;
    }

    /// <summary>The trace of the message that made the handler open a connection, if it has one.</summary>
    public static ConnectionTrace? Of(HttpRequestMessage message) =>
        message.Options.TryGetValue(Key, out var trace) ? trace : null;

    /// <summary>Records a connection just opened; TLS, if any, starts now.</summary>
    public void Connected(SafeConnection connection)
    {
        DnsMs = connection.DnsMs;
        ConnectMs = connection.ConnectMs;
        _connectedAt = Stopwatch.GetTimestamp();
    }

    /// <summary>Records the end of the TLS handshake on the connection this trace opened.</summary>
    public void TlsDone()
    {
        if (_connectedAt != 0)
        {
            TlsMs = Stopwatch.GetElapsedTime(_connectedAt).TotalMilliseconds;
        }
    }
}

/// <summary>A request's timings, summed over its redirect hops, as the response JSON reports them.</summary>
internal sealed class ExchangeTimings
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public double DnsMs { get; private set; }

    public double ConnectMs { get; private set; }

    public double TlsMs { get; private set; }

    /// <summary>From <c>http_send</c> to the final response's headers.</summary>
    public double FirstByteMs { get; private set; }

    /// <summary>From <c>http_send</c> to the end of the body.</summary>
    public double TotalMs { get; private set; }

    /// <summary>Adds a hop's connection phases and marks its response headers as the first byte so far.</summary>
    public void AddHop(ConnectionTrace trace)
    {
        DnsMs += trace.DnsMs;
        ConnectMs += trace.ConnectMs;
        TlsMs += trace.TlsMs;
        FirstByteMs = Elapsed();
    }

    public void Finish() => TotalMs = Elapsed();

    private double Elapsed() => Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
}
