using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Capabilities.Network;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities.Network;

/// <summary>
/// Calls network host functions the way a probe would, without the binder or the runtime: a <see cref="ProbeContext"/>
/// over a memory of a managed-engine store, each import's callback created for that context, and a bump allocator
/// for the guest buffers.
/// </summary>
internal sealed class NetworkHarness : IDisposable
{
    private const int Pages = 64;
    private readonly ManagedEngine _engine = new();
    private readonly IWasmStore _store;
    private readonly CancellationTokenSource _run = new();
    private readonly Dictionary<string, HostFunctionCallback> _functions = [];
    private int _next = 1024;

    public NetworkHarness(ProbeGrants grants, params ProbeCapability[] capabilities)
    {
        _store = _engine.CreateStore();
        var memory = _store.CreateMemory(new MemoryType(new Limits(Pages, Pages)));
        Context = new ProbeContext(grants, ProbeLimits.Default, _run.Token);
        Context.Memory.Attach(memory);
        foreach (var import in capabilities.SelectMany(c => c.Imports))
        {
            _functions.Add(import.Name, import.Create(Context));
        }
    }

    public static int MemoryBytes => Pages * MemoryType.PageSize;

    public ProbeContext Context { get; }

    /// <summary>The debug lines the host logged, as text.</summary>
    public IEnumerable<string> Logs => Context.Logs.Select(l => l.Message);

    /// <summary>A resolver that knows only <paramref name="names"/>; any other name fails as a DNS error would.</summary>
    public static HostResolver Resolver(params (string Name, string[] Addresses)[] names) => (host, _) =>
    {
        var match = names.FirstOrDefault(n => string.Equals(n.Name, host, StringComparison.OrdinalIgnoreCase));
        return match.Addresses is null
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(match.Addresses.Select(IPAddress.Parse).ToArray());
    };

    public int Call(string function, params int[] arguments)
    {
        var results = new WasmValue[1];
        _functions[function](arguments.Select(WasmValue.FromInt32).ToArray(), results);
        return results[0].AsInt32();
    }

    /// <summary>Copies <paramref name="text"/> into guest memory.</summary>
    public (int Address, int Length) Put(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var address = Allocate(bytes.Length);
        bytes.CopyTo(Span(address, bytes.Length));
        return (address, bytes.Length);
    }

    /// <summary>Free guest memory for an answer.</summary>
    public int Allocate(int length)
    {
        var address = _next;
        _next += (length + 7) & ~7;
        return _next <= MemoryBytes ? address : throw new InvalidOperationException("The harness ran out of guest memory.");
    }

    public Span<byte> Span(int address, int length) =>
        Context.Memory.TryGetSpan(address, length, out var span) ? span : throw new AssertionException("Outside memory.");

    public string Read(int address, int length) => Encoding.UTF8.GetString(Span(address, length));

    /// <summary>Calls a function that writes an answer the ABI way (returns its full length), with room for 64 KiB.</summary>
    public (int Result, string Text) CallForText(string function, params int[] argumentsBeforeBuffer)
    {
        const int Capacity = 64 * 1024;
        var buffer = Allocate(Capacity);
        var result = Call(function, [.. argumentsBeforeBuffer, buffer, Capacity]);
        return (result, result >= 0 ? Read(buffer, Math.Min(result, Capacity)) : string.Empty);
    }

    // ---- http ----

    public int Send(string requestJson)
    {
        var (address, length) = Put(requestJson);
        return Call("http_send", address, length);
    }

    public int Get(string url, int timeoutMs = 0) =>
        Send(timeoutMs > 0 ? $$"""{"url":"{{url}}","timeoutMs":{{timeoutMs}}}""" : $$"""{"url":"{{url}}"}""");

    public int Wait(int handle, int timeoutMs = 20_000) => Call("http_wait", handle, timeoutMs);

    public JsonElement Response(int handle)
    {
        var (result, text) = CallForText("http_response", handle);
        result.Should().BeGreaterThan(0, "http_response should answer for handle {0}", handle);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public string Body(int handle)
    {
        const int Capacity = 64 * 1024;
        var buffer = Allocate(Capacity);
        var count = Call("http_body", handle, 0, buffer, Capacity);
        count.Should().BeGreaterThanOrEqualTo(0);
        return Read(buffer, count);
    }

    /// <summary>Ends the run, as its timeout or its caller would.</summary>
    public void EndRun() => _run.Cancel();

    public void Dispose()
    {
        Context.DisposeState();
        _run.Dispose();
        _store.Dispose();
        _engine.Dispose();
    }
}
