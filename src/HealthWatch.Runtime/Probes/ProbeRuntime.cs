using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using HealthWatch.Runtime.Capabilities;
using HealthWatch.Runtime.Engines;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HealthWatch.Runtime.Probes;

/// <summary>
/// Loads probe modules (through a cache of compiled modules) and runs them with exactly the capabilities granted
/// (docs/probe-runtime.md). Thread-safe: runs share no mutable state, and guest code runs on the engine's guest
/// threads, so many concurrent runs do not tie up the thread pool.
/// </summary>
public sealed class ProbeRuntime : IProbeRuntime, IDisposable
{
    /// <summary>The most elements one table of a probe may have; <c>table.grow</c> past it returns -1.</summary>
    internal const uint MaxTableElements = 100_000;

    /// <summary>The most tables a probe may have: with <see cref="MaxTableElements"/>, at most 8 MB of references in all.</summary>
    internal const uint MaxTables = 10;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private readonly IWasmEngine _engine;
    private readonly ProbeRuntimeOptions _options;
    private readonly CapabilityRegistry _capabilities;
    private readonly ILogger _logger;
    private readonly ModuleCache _cache;
    private readonly WasmStoreLimits _defaultStoreLimits;
    private readonly CancellationSourcePool _cancellationSources = new();
    private volatile bool _disposed;

    /// <summary>Creates a runtime.</summary>
    /// <param name="engine">The engine that compiles and runs probes; the caller keeps ownership of it.</param>
    /// <param name="options">Settings; <see cref="ProbeRuntimeOptions.Default"/> when null.</param>
    /// <param name="capabilities">What probes can be granted; <see cref="CapabilityRegistry.CreateDefault"/> when null.</param>
    /// <param name="logger">Where the runtime logs; nowhere when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public ProbeRuntime(IWasmEngine engine, ProbeRuntimeOptions? options = null, CapabilityRegistry? capabilities = null, ILogger<ProbeRuntime>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options ??= ProbeRuntimeOptions.Default;
        options.Validate();
        _engine = engine;
        _options = options;
        _capabilities = capabilities ?? CapabilityRegistry.CreateDefault();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _cache = new ModuleCache(engine, options.ModuleCacheMaxEntries, options.ModuleCacheMaxBytes, _logger);
        _defaultStoreLimits = StoreLimitsFor(options.DefaultLimits);
    }

    /// <summary>A snapshot of the module cache's size and counters.</summary>
    public ModuleCacheStatistics CacheStatistics => _cache.Statistics;

    /// <inheritdoc />
    public async Task<ProbeModule> LoadModuleAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var cached = await _cache.GetOrLoadAsync(bytes, cancellationToken).ConfigureAwait(false);
        return new ProbeModule(cached.Sha256, cached.Module, RequiredCapabilities(cached.Module), cached.SizeBytes, cached.CompileMs);
    }

    /// <inheritdoc />
    public async Task<ProbeModule> LoadModuleAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return await LoadModuleAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ProbeModule> LoadModuleAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return await LoadModuleAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ProbeConfigurationException"><paramref name="configJson"/> is not valid JSON; nothing ran.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public Task<ProbeResult> ExecuteProbeAsync(ProbeModule module, string? configJson, ProbeGrants grants, ProbeLimits? limits = null, CancellationToken cancellationToken = default)
    {
        // Not an async method: the run is one work item on a guest thread whose task is the result, so a run
        // allocates no state machine. Every failure still comes out through the task.
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ArgumentNullException.ThrowIfNull(module);
            ArgumentNullException.ThrowIfNull(grants);

            // The default limits were validated with the options, and limits are immutable.
            limits ??= _options.DefaultLimits;
            if (!ReferenceEquals(limits, _options.DefaultLimits))
            {
                limits.Validate();
            }

            var run = new ProbeRun(this, module, ConfigBytes(configJson), grants, limits, cancellationToken);
            return _engine.RunAsync(run.Execute, CancellationToken.None);
        }
        catch (Exception e)
        {
            return Task.FromException<ProbeResult>(e);
        }
    }

    /// <summary>A run from binding to result (docs/probe-runtime.md, "A run"); called by <see cref="ProbeRun.Execute"/> on a guest thread.</summary>
    internal ProbeResult Run(ProbeRun run)
    {
        var (module, limits) = (run.Probe, run.Limits);
        var runCancellation = _cancellationSources.Rent();
        var callerRegistration = run.CallerToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), runCancellation);
        var context = new ProbeContext(run.Grants, limits, runCancellation.Token);
        var store = _engine.CreateStore(StoreLimits(limits));
        try
        {
            var start = Stopwatch.GetTimestamp();
            WasmImports imports;
            try
            {
                imports = HostImportBinder.Bind(module.Compiled, _capabilities, run.Grants, context, store);
            }
            catch (CapabilityNotGrantedException e)
            {
                Log.CapabilityNotGranted(_logger, module.Sha256, e.Capability);
                throw;
            }
            catch (WasmLinkException e)
            {
                return Finish(module, context, store, null, Abi(e), start);
            }

            runCancellation.CancelAfter(limits.Timeout);
            run.Run(store, imports, context);

            // A timeout or cancellation fails the run whatever the probe did meanwhile (docs/probe-abi.md, "The
            // verdict"): a host call that gave up on the run's token may have let the probe return normally.
            var error = run.Cancelled ? Cancelled(limits, run.CallerToken)
                : run.Error ?? (run.Failure is { } failure ? Classify(failure, limits) : null);
            return Finish(module, context, store, run, error, start);
        }
        finally
        {
            context.DisposeState();
            store.Dispose();

            // Unregistered first (this waits for a caller's cancel under way), so the source goes back untouched by the caller.
            callerRegistration.Dispose();
            _cancellationSources.Return(runCancellation);
        }
    }

    /// <summary>Stops loading and running probes and drops the module cache. Runs under way finish.</summary>
    public void Dispose()
    {
        _disposed = true;
        _cache.Clear();
    }

    /// <summary>The capabilities a run must grant for the module's imports, in import order; always-granted ones are left out.</summary>
    private List<string> RequiredCapabilities(IWasmModule module)
    {
        var required = new List<string>();
        foreach (var import in module.Imports)
        {
            var name = _capabilities.TryGetImport(import.Module, import.Name, out var capability, out _)
                ? capability.AlwaysGranted ? null : capability.Name
                : $"unknown:{import.Module}.{import.Name}";
            if (name is not null && !required.Contains(name, StringComparer.Ordinal))
            {
                required.Add(name);
            }
        }

        return required;
    }

    /// <summary>The store limits for <paramref name="limits"/>; those of the default limits are made once.</summary>
    private WasmStoreLimits StoreLimits(ProbeLimits limits) => ReferenceEquals(limits, _options.DefaultLimits)
        ? _defaultStoreLimits
        : StoreLimitsFor(limits);

    /// <summary>The store limits of a run with <paramref name="limits"/>.</summary>
    internal static WasmStoreLimits StoreLimitsFor(ProbeLimits limits) => new()
    {
        Fuel = limits.Fuel,
        MaxMemoryPages = limits.MemoryPages,
        MaxTables = MaxTables,
        MaxTableElements = MaxTableElements,
    };

    /// <summary>The config as UTF-8 bytes, checked to be one JSON value before anything runs.</summary>
    private static byte[] ConfigBytes(string? configJson)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(configJson ?? "{}");
        }
        catch (EncoderFallbackException)
        {
            // A lone surrogate: replacing it would hand the probe another config than the caller's.
            throw new ProbeConfigurationException("config", "is not valid Unicode, so it has no UTF-8 form (a lone surrogate).");
        }

        var reader = new Utf8JsonReader(bytes);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw new ProbeConfigurationException("config", $"is not valid JSON: {e.Message}");
        }

        return bytes;
    }

    private ProbeResult Finish(ProbeModule module, ProbeContext context, IWasmStore store, ProbeRun? run, ProbeError? error, long start)
    {
        var limits = context.Limits;
        var outcome = error is not null ? new Verdict(false, error.Message, ReadOnlyDictionary<string, double>.Empty, null, error)
            : context.Verdict is { } verdict ? ResultMarshaller.Parse(verdict)
            : NoVerdict(run);
        var result = new ProbeResult
        {
            Success = outcome.Success,
            Message = outcome.Message,
            Metrics = outcome.Metrics,
            Data = outcome.Data,
            Error = outcome.Error,

            // Never zero, even on a coarse clock: a result always took some time.
            LatencyMs = Math.Max(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 0.001),
            Logs = context.Logs,
            LogsTruncated = context.LogTruncated,
            Usage = new ProbeUsage
            {
                FuelUsed = limits.Fuel - (store.RemainingFuel ?? limits.Fuel),
                PeakMemoryBytes = run?.MemoryBytes ?? 0,
                HostCalls = context.HostCalls,
                HostCallMs = context.HostCallTicks * 1000.0 / Stopwatch.Frequency,
                CompileMs = module.CompileMs,
                InstantiateMs = run?.InstantiateMs ?? 0,
                ExecuteMs = run?.ExecuteMs ?? 0,
            },
        };

        if (result.Error is { } failed)
        {
            Log.ProbeFailed(_logger, module.Sha256, failed.Kind, result.LatencyMs, failed.Message);
        }
        else
        {
            Log.ProbeFinished(_logger, module.Sha256, result.Success, result.LatencyMs);
        }

        return result;
    }

    private static Verdict NoVerdict(ProbeRun? run)
    {
        var message = run?.ReturnCode is { } code
            ? $"The probe returned {code} without reporting a verdict."
            : "The probe exited without reporting a verdict.";
        return new Verdict(false, message, ReadOnlyDictionary<string, double>.Empty, null, new ProbeError(ProbeErrorKind.NoVerdict, message));
    }

    private static ProbeError Cancelled(ProbeLimits limits, CancellationToken callerToken) => callerToken.IsCancellationRequested
        ? new ProbeError(ProbeErrorKind.Cancelled, "The run was cancelled.")
        : new ProbeError(ProbeErrorKind.Timeout, $"The probe did not finish within its timeout of {(long)limits.Timeout.TotalMilliseconds} ms.");

    private static ProbeError Abi(WasmLinkException e) => new(ProbeErrorKind.AbiViolation, $"ABI violation: {e.Message}");

    /// <summary>The error for a trap or link failure; null for <c>proc_exit(0)</c>, which ends the probe normally.</summary>
    private static ProbeError? Classify(WasmException failure, ProbeLimits limits) => failure switch
    {
        WasmTrapException { Code: TrapCode.HostError, InnerException: ProbeExitException exit } => exit.ExitCode == 0
            ? null
            : new ProbeError(ProbeErrorKind.Exit, $"The probe exited with code {exit.ExitCode}."),
        WasmTrapException { Code: TrapCode.OutOfFuel } => new ProbeError(ProbeErrorKind.OutOfFuel, $"The probe used up its fuel ({limits.Fuel}).", TrapCode.OutOfFuel),
        WasmTrapException { Code: TrapCode.ResourceLimitExceeded } => new ProbeError(
            ProbeErrorKind.ResourceLimit, $"The probe needs more memory or table space than its limits allow ({limits.MemoryPages} pages of memory).", TrapCode.ResourceLimitExceeded),
        WasmTrapException { Code: TrapCode.HostError, InnerException: HostCallLimitException limit } => new ProbeError(
            ProbeErrorKind.ResourceLimit, limit.Message, TrapCode.HostError),
        WasmTrapException { Code: TrapCode.HostError } trap => new ProbeError(ProbeErrorKind.HostError, $"A host function failed: {trap.InnerException?.Message}", TrapCode.HostError),
        WasmTrapException trap => new ProbeError(
            ProbeErrorKind.Trap, $"The probe trapped: {trap.Message}{(trap.Frames.Count > 0 ? $" in {trap.Frames[0]}" : string.Empty)}", trap.Code),
        WasmLinkException link => Abi(link),
        _ => new ProbeError(ProbeErrorKind.AbiViolation, $"ABI violation: {failure.Message}"),
    };
}
