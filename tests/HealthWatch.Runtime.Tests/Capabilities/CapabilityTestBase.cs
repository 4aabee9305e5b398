using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using HealthWatch.Runtime.Engines.Managed;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Tests.Capabilities;

/// <summary>
/// Runs the test modules of <c>Capabilities/Modules</c> on the managed engine the way the probe runtime does:
/// a fresh store and <see cref="ProbeContext"/> per run, <see cref="HostImportBinder.Bind"/>, instantiate, attach memory.
/// </summary>
public abstract class CapabilityTestBase
{
    private static readonly ManagedEngine Engine = new();
    private static readonly ConcurrentDictionary<string, IWasmModule> Modules = new();

    /// <summary>The basic capabilities only, so these tests do not depend on the network ones.</summary>
    internal static CapabilityRegistry Registry { get; } = CreateRegistry();

    internal static IWasmModule Module(string name) =>
        Modules.GetOrAdd(name, n => Engine.LoadModule(File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "Capabilities", "Modules", n + ".wasm"))));

    internal static IWasmStore CreateStore() => Engine.CreateStore();

    /// <summary>Binds and instantiates <paramref name="module"/> with <paramref name="grants"/> in a new store.</summary>
    internal static ModuleRun Start(string module, ProbeGrants? grants = null, ProbeLimits? limits = null, CancellationToken cancellationToken = default)
    {
        grants ??= ProbeGrants.None;
        var context = new ProbeContext(grants, limits ?? ProbeLimits.Default, cancellationToken);
        var store = Engine.CreateStore();
        var imports = HostImportBinder.Bind(Module(module), Registry, grants, context, store);
        var instance = store.Instantiate(Module(module), imports, cancellationToken);
        context.Memory.Attach(instance.GetMemory("memory"));
        return new ModuleRun(store, instance, context);
    }

    /// <summary>Every basic capability, each granted with its default options.</summary>
    internal static ProbeGrants GrantAll() => new ProbeGrants().Grant("log").Grant("clock").Grant("random").Grant("env");

    private static CapabilityRegistry CreateRegistry()
    {
        var registry = new CapabilityRegistry();
        foreach (var capability in BasicCapabilities.Create())
        {
            registry.Register(capability);
        }

        return registry;
    }
}

/// <summary>One instantiated test module and its context.</summary>
internal sealed record ModuleRun(IWasmStore Store, IWasmInstance Instance, ProbeContext Context)
{
    public IReadOnlyList<ProbeLogEntry> Logs => Context.Logs;

    public WasmValue[] Call(string export, params WasmValue[] arguments) =>
        (Instance.GetFunction(export) ?? throw new AssertionException($"No function export '{export}'.")).Invoke(arguments);

    public int CallI32(string export, params WasmValue[] arguments) => Call(export, arguments).Single().AsInt32();

    public Span<byte> Bytes(int address, int length) =>
        Context.Memory.TryGetSpan(address, length, out var span) ? span : throw new AssertionException("Outside memory.");

    public void Write(int address, string text) => Encoding.UTF8.GetBytes(text).CopyTo(Bytes(address, Encoding.UTF8.GetByteCount(text)));

    public void Write(int address, params byte[] bytes) => bytes.CopyTo(Bytes(address, bytes.Length));

    public string ReadString(int address, int length) => Encoding.UTF8.GetString(Bytes(address, length));

    public uint ReadUInt32(int address) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(address, 4));

    public ulong ReadUInt64(int address) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(address, 8));

    /// <summary>The log lines, without the debug lines the host adds when a call fails.</summary>
    public IEnumerable<(ProbeLogLevel Level, string Message)> Lines(ProbeLogLevel minimum = ProbeLogLevel.Information) =>
        Logs.Where(l => l.Level >= minimum).Select(l => (l.Level, l.Message));
}
