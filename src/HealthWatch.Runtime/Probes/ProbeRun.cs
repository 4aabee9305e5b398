using System.Diagnostics;
using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;

namespace HealthWatch.Runtime.Probes;

/// <summary>
/// One probe run, all of it on a guest thread (docs/probe-runtime.md, "A run"): <see cref="ProbeRuntime"/> creates
/// it with the run's inputs and hands <see cref="Execute"/> to the engine as one work item. The runtime binds the
/// imports and builds the result; the part here checks the ABI exports, instantiates, calls <c>_initialize</c>,
/// <c>hw_alloc</c> + config and <c>hw_probe</c>, and records its phases and how it ended.
/// </summary>
internal sealed class ProbeRun(ProbeRuntime runtime, ProbeModule probe, byte[] config, ProbeGrants grants, ProbeLimits limits, CancellationToken callerToken)
{
    private static readonly FuncType AllocType = new([ValType.I32], [ValType.I32]);
    private static readonly FuncType ProbeType = new([ValType.I32, ValType.I32], [ValType.I32]);
    private static readonly FuncType InitializeType = new([], []);

    // What is wrong with each module's exports ("" when nothing), worked out once per module.
    private static readonly ConditionalWeakTable<IWasmModule, string> ExportProblems = [];

    private IWasmMemory? _memory;

    public ProbeModule Probe => probe;

    public ProbeGrants Grants => grants;

    public ProbeLimits Limits => limits;

    /// <summary>The caller's token: a run cancelled through it is reported as cancelled, not timed out.</summary>
    public CancellationToken CallerToken => callerToken;

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

    /// <summary>The whole run; call on a guest thread.</summary>
    /// <exception cref="CapabilityNotGrantedException">The module imports a capability that is not granted; nothing ran.</exception>
    public ProbeResult Execute() => runtime.Run(this);

    /// <summary>The guest part, once the imports are bound. Never throws for anything the probe does.</summary>
    public void Run(IWasmStore store, WasmImports imports, ProbeContext context)
    {
        try
        {
            Run(store, imports, context.Memory, context.CancellationToken);
        }
        finally
        {
            // Read here rather than after the result is built: a probe that finished in time did not time out.
            Cancelled = context.CancellationToken.IsCancellationRequested;
        }
    }

    private void Run(IWasmStore store, WasmImports imports, GuestMemory memory, CancellationToken token)
    {
        if (ExportProblem() is { Length: > 0 } problem)
        {
            Error = new ProbeError(ProbeErrorKind.AbiViolation, $"ABI violation: {problem}");
            return;
        }

        IWasmInstance instance;
        var start = Stopwatch.GetTimestamp();
        try
        {
            instance = store.Instantiate(probe.Compiled, imports, token);
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
            Call(instance, memory, token);
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

    private void Call(IWasmInstance instance, GuestMemory memory, CancellationToken token)
    {
        _memory = instance.GetMemory("memory");
        memory.Attach(_memory);
        instance.GetFunction("_initialize")?.Invoke([], [], token);

        Span<WasmValue> result = [default];
        instance.GetFunction("hw_alloc")!.Invoke([config.Length], result, token);
        var pointer = result[0].AsInt32();
        if (pointer == 0)
        {
            Error = new ProbeError(ProbeErrorKind.ResourceLimit, $"hw_alloc could not allocate {config.Length} bytes for the config.");
            return;
        }

        if (!memory.TryGetSpan(pointer, config.Length, out var target))
        {
            Error = new ProbeError(ProbeErrorKind.AbiViolation, $"ABI violation: hw_alloc returned {pointer}, which is not the start of {config.Length} bytes inside memory.");
            return;
        }

        config.CopyTo(target);
        instance.GetFunction("hw_probe")!.Invoke([pointer, config.Length], result, token);
        ReturnCode = result[0].AsInt32();
    }

    private string ExportProblem() =>
        ExportProblems.TryGetValue(probe.Compiled, out var problem) ? problem : ExportProblems.GetValue(probe.Compiled, CheckExports);

    private static string CheckExports(IWasmModule module)
    {
        var exports = module.Exports.ToDictionary(e => e.Name, e => e.Type, StringComparer.Ordinal);
        if (!exports.TryGetValue("memory", out var memory) || memory.Kind != ExternKind.Memory)
        {
            return "the probe must export its memory as 'memory'.";
        }

        return CheckFunction(exports, "hw_alloc", AllocType, required: true)
            ?? CheckFunction(exports, "hw_probe", ProbeType, required: true)
            ?? CheckFunction(exports, "_initialize", InitializeType, required: false)
            ?? string.Empty;
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
