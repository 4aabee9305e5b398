using System.Diagnostics;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Probes;

/// <summary>
/// The guest-thread part of one run (docs/probe-runtime.md, "A run", step 3): check the ABI exports,
/// instantiate, <c>_initialize</c>, <c>hw_alloc</c> + config, <c>hw_probe</c>. Records its phases and how it ended;
/// <see cref="ProbeRuntime"/> turns that into the result.
/// </summary>
internal sealed class ProbeRun(IWasmModule module, IWasmStore store, WasmImports imports, ProbeContext context, byte[] config)
{
    private static readonly FuncType AllocType = new([ValType.I32], [ValType.I32]);
    private static readonly FuncType ProbeType = new([ValType.I32, ValType.I32], [ValType.I32]);
    private static readonly FuncType InitializeType = new([], []);

    private IWasmMemory? _memory;

    /// <summary>Time instantiating, in milliseconds.</summary>
    public double InstantiateMs { get; private set; }

    /// <summary>Time from instantiation to the end, in milliseconds.</summary>
    public double ExecuteMs { get; private set; }

    /// <summary>What <c>hw_probe</c> returned, if it returned.</summary>
    public int? ReturnCode { get; private set; }

    /// <summary>Why the host ended the run early (the probe broke the ABI or could not take its config).</summary>
    public ProbeError? Error { get; private set; }

    /// <summary>What the engine threw, if it did: a trap (including <c>proc_exit</c>) or a link error.</summary>
    public WasmException? Failure { get; private set; }

    /// <summary>Whether the run's token (timeout or caller) had fired when the probe ended.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>The size of the probe's memory now, in bytes.</summary>
    public long MemoryBytes => _memory?.Length ?? 0;

    /// <summary>Runs the probe; call on a guest thread. Never throws for anything the probe does.</summary>
    public ProbeRun Execute()
    {
        try
        {
            Run();
        }
        finally
        {
            // Read here rather than after the hop back to the caller, which may take a while on a busy machine:
            // a probe that finished in time did not time out.
            Cancelled = context.CancellationToken.IsCancellationRequested;
        }

        return this;
    }

    private void Run()
    {
        if (CheckExports() is { } problem)
        {
            Error = new ProbeError(ProbeErrorKind.AbiViolation, $"ABI violation: {problem}");
            return;
        }

        var token = context.CancellationToken;
        IWasmInstance instance;
        var start = Stopwatch.GetTimestamp();
        try
        {
            instance = store.Instantiate(module, imports, token);
        }
        catch (WasmException e) when (e is WasmTrapException or WasmLinkException)
        {
            Failure = e;
            return;
        }
        finally
        {
            InstantiateMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        start = Stopwatch.GetTimestamp();
        try
        {
            Call(instance, token);
        }
        catch (WasmTrapException e)
        {
            Failure = e;
        }
        finally
        {
            ExecuteMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }

    private void Call(IWasmInstance instance, CancellationToken token)
    {
        _memory = instance.GetMemory("memory");
        context.Memory.Attach(_memory);
        instance.GetFunction("_initialize")?.Invoke([], [], token);

        var result = new WasmValue[1];
        instance.GetFunction("hw_alloc")!.Invoke([config.Length], result, token);
        var pointer = result[0].AsInt32();
        if (pointer == 0)
        {
            Error = new ProbeError(ProbeErrorKind.ResourceLimit, $"hw_alloc could not allocate {config.Length} bytes for the config.");
            return;
        }

        if (!context.Memory.TryGetSpan(pointer, config.Length, out var target))
        {
            Error = new ProbeError(ProbeErrorKind.AbiViolation, $"ABI violation: hw_alloc returned {pointer}, which is not the start of {config.Length} bytes inside memory.");
            return;
        }

        config.CopyTo(target);
        instance.GetFunction("hw_probe")!.Invoke([pointer, config.Length], result, token);
        ReturnCode = result[0].AsInt32();
    }

    private string? CheckExports()
    {
        var exports = module.Exports.ToDictionary(e => e.Name, e => e.Type, StringComparer.Ordinal);
        if (!exports.TryGetValue("memory", out var memory) || memory.Kind != ExternKind.Memory)
        {
            return "the probe must export its memory as 'memory'.";
        }

        return CheckFunction(exports, "hw_alloc", AllocType, required: true)
            ?? CheckFunction(exports, "hw_probe", ProbeType, required: true)
            ?? CheckFunction(exports, "_initialize", InitializeType, required: false);
    }

    private static string? CheckFunction(Dictionary<string, ExternType> exports, string name, FuncType type, bool required)
    {
        if (!exports.TryGetValue(name, out var export))
        {
            return required ? $"the probe must export function '{name}' {type}." : null;
        }

        return export is FuncType actual && actual.Equals(type)
            ? null
            : $"the probe's export '{name}' must be a function {type}, not {export}.";
    }
}
