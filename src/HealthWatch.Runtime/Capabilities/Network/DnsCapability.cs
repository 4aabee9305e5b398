using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// The <c>dns</c> capability: <c>dns_resolve(name_ptr, name_len, out_ptr, out_cap)</c> answers
/// <c>{"addresses":[...],"durationMs":1.2}</c> for names the grant allows. The answer is information only, so it
/// lists every address, restricted ones included; connecting to them is what the <c>http</c> and <c>tcp</c> policies guard.
/// </summary>
internal sealed class DnsCapability : ProbeCapability
{
    public const string CapabilityName = "dns";
    private const string Function = "dns_resolve";

    private readonly HostResolver _resolver;

    public DnsCapability(HostResolver resolver)
    {
        _resolver = resolver;
        Imports = [NetworkImports.Define(Function, 4, Resolve)];
    }

    public override string Name => CapabilityName;

    public override IReadOnlyList<HostImport> Imports { get; }

    public override object ParseGrant(JsonElement grant) => DnsGrant.Parse(grant);

    private int Resolve(ProbeContext context, ReadOnlySpan<WasmValue> a)
    {
        var (grant, allow) = context.GetState(() => new RunPolicy(context.GetGrant<DnsGrant>(CapabilityName)));
        if (context.Memory.ReadString(a[0].AsInt32(), a[1].AsInt32()) is not { } name || HostName.Parse(name) is not { } host)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.InvalidArgument, "the name is outside memory, not UTF-8, or not a host name");
        }

        if (!allow.Allows(host, null))
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.NotAllowed, $"{host} is not in grants.dns.allow");
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        cancellation.CancelAfter(grant.Timeout);
        var started = Stopwatch.GetTimestamp();
        IPAddress[] addresses;
        try
        {
            addresses = host.Address is { } literal ? [literal] : _resolver(host.Name, cancellation.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.TimedOut, $"{host}: no answer within {grant.Timeout.TotalMilliseconds} ms");
        }
        catch (SocketException ex)
        {
            return NetworkImports.Fail(context, Function, ProbeErrorCodes.Network, $"{host}: {ex.SocketErrorCode} ({ex.Message})");
        }

        var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("addresses");
            foreach (var address in addresses)
            {
                json.WriteStringValue(address.ToString());
            }

            json.WriteEndArray();
            json.WriteNumber("durationMs", Math.Round(duration, 3));
            json.WriteEndObject();
        }

        var written = context.Memory.WriteOutput(a[2].AsInt32(), a[3].AsInt32(), buffer.WrittenSpan);
        return written < 0 ? NetworkImports.Fail(context, Function, written, "the output buffer is outside memory") : written;
    }

    /// <summary>The run's grant with its patterns parsed once.</summary>
    private sealed record RunPolicy(DnsGrant Grant, HostAllowList Allow)
    {
        public RunPolicy(DnsGrant grant)
            : this(grant, grant.Compile())
        {
        }
    }
}
