using System.Net.Sockets;
using System.Text.Json;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// The <c>tcp</c> capability: <c>tcp_connect(host_ptr, host_len, port, timeout_ms)</c> opens a connection to a host
/// and port the grant allows, at an address the address policy opens, then closes it; it returns the connect time
/// in microseconds (name resolution not included).
/// </summary>
internal sealed class TcpCapability : ProbeCapability
{
    public const string CapabilityName = "tcp";
    private const string Function = "tcp_connect";

    private readonly HostResolver _resolver;

    public TcpCapability(HostResolver resolver)
    {
        _resolver = resolver;
        Imports = [NetworkImports.Define(Function, 4, Connect)];
    }

    public override string Name => CapabilityName;

    public override IReadOnlyList<HostImport> Imports { get; }

    public override object ParseGrant(JsonElement grant) => TcpGrant.Parse(grant);

    private int Connect(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        var (grant, allow) = context.GetState(() => new RunPolicy(context.GetGrant<TcpGrant>(CapabilityName)));
        var port = a[2].AsInt32();
        if (context.Memory.ReadString(a[0].AsInt32(), a[1].AsInt32()) is not { } text || HostName.Parse(text) is not { } host)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, "the host is outside memory, not UTF-8, or not a host name or address");
        }

        if (port is < 1 or > 65535)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, $"port {port} is not 1-65535");
        }

        if (!allow.Allows(host, port))
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.NotAllowed, $"{host}:{port} is not in grants.tcp.allow");
        }

        // timeout_ms <= 0 leaves the timeout to the grant, which also caps a longer one.
        var timeout = NetworkImports.Timeout(a[3].AsInt32(), grant.Timeout);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        cancellation.CancelAfter(timeout);
        try
        {
            var connection = SafeConnector.ConnectAsync(host.Name, port, allow, _resolver, line => context.Log(ProbeLogLevel.Debug, $"{Function}: {line}"), cancellation.Token)
                .GetAwaiter().GetResult();
            connection.Socket.Dispose();
            return (int)Math.Min(connection.ConnectMs * 1000, int.MaxValue);
        }
        catch (AddressRefusedException ex)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.NotAllowed, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.TimedOut, $"{host}:{port}: not connected within {timeout.TotalMilliseconds} ms");
        }
        catch (SocketException ex)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.Network, $"{host}:{port}: {ex.SocketErrorCode} ({ex.Message})");
        }
    }

    /// <summary>The run's grant with its patterns parsed once.</summary>
    private sealed record RunPolicy(TcpGrant Grant, HostAllowList Allow)
    {
        public RunPolicy(TcpGrant grant)
            : this(grant, grant.Compile())
        {
        }
    }
}
