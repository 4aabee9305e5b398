using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>Resolves a host name to its addresses; <see cref="SafeConnector.SystemResolver"/> outside tests.</summary>
internal delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>Every address of a host is closed to the probe (<see cref="ProbeErrorCodes.NotAllowed"/>).</summary>
internal sealed class AddressRefusedException(string message) : IOException(message);

/// <summary>An open TCP connection with how long its phases took.</summary>
internal sealed record SafeConnection(Socket Socket, double DnsMs, double ConnectMs);

/// <summary>
/// Opens TCP connections for probes. It resolves the name itself and checks each address it is about to connect to,
/// so the address checked is the address connected to: a name that resolves (or re-resolves, DNS rebinding) to a
/// restricted address is refused however the allow list matched the name.
/// </summary>
internal static class SafeConnector
{
    /// <summary>The operating system's resolver.</summary>
    public static HostResolver SystemResolver { get; } = (host, cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>Resolves <paramref name="host"/> (unless it is an IP literal) and connects to the first open address that accepts.</summary>
    /// <param name="host">A host name or IP literal (IPv6 with or without brackets).</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="allow">The grant's list, which opens restricted addresses it names.</param>
    /// <param name="resolver">Resolves names.</param>
    /// <param name="log">Receives why an address was skipped.</param>
    /// <param name="cancellationToken">Cancels resolution and connecting.</param>
    /// <exception cref="AddressRefusedException">No resolved address is open to the probe.</exception>
    /// <exception cref="SocketException">Resolution failed, or no open address accepted the connection.</exception>
    public static async Task<SafeConnection> ConnectAsync(
        string host, int port, HostAllowList allow, HostResolver resolver, Action<string> log, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        IPAddress[] addresses = HostName.Parse(host) is { Address: { } literal }
            ? [literal]
            : await resolver(host, cancellationToken).ConfigureAwait(false);
        var dnsMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        var open = new List<IPAddress>(addresses.Length);
        var refusals = new List<string>();
        foreach (var address in addresses)
        {
            if (allow.RefusalReason(address, port) is { } reason)
            {
                refusals.Add(reason);
            }
            else
            {
                open.Add(address);
            }
        }

        if (open.Count == 0)
        {
            throw new AddressRefusedException($"{host} resolved only to refused addresses: {string.Join("; ", refusals)}");
        }

        foreach (var reason in refusals)
        {
            log($"{host}: skipped {reason}");
        }

        // Tries each open address in turn (e.g. ::1 then 127.0.0.1 for localhost); each was checked above.
        var connecting = Stopwatch.GetTimestamp();
        for (var i = 0; ; i++)
        {
            var target = AddressPolicy.Unmap(open[i]);
            var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(target, port), cancellationToken).ConfigureAwait(false);
                return new SafeConnection(socket, dnsMs, Stopwatch.GetElapsedTime(connecting).TotalMilliseconds);
            }
            catch (SocketException ex) when (i + 1 < open.Count)
            {
                socket.Dispose();
                log($"{host}: {target} port {port}: {ex.SocketErrorCode}, trying the next address");
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }
}
