using System.Collections.Concurrent;
using System.Text;
using HealthWatch.Runtime.Probes;

namespace HealthWatch.Runtime.Capabilities;

/// <summary>
/// One probe run as its host functions see it: the guest's memory, the grants, the limits, the run's
/// cancellation (timeout or caller), the log, and per-run state. Created by the runtime for each run.
/// </summary>
public sealed class ProbeContext
{
    private readonly ProbeGrants _grants;
    private readonly List<ProbeLogEntry> _logs = [];
    private readonly long _startTimestamp = TimeProvider.System.GetTimestamp();

    // Created on first use: most runs of a probe without I/O keep no state.
    private ConcurrentDictionary<Type, object>? _state;
    private int _logBytes;

    internal ProbeContext(ProbeGrants grants, ProbeLimits limits, CancellationToken cancellationToken)
    {
        _grants = grants;
        Limits = limits;
        CancellationToken = cancellationToken;
    }

    /// <summary>The probe's linear memory (available once the module is instantiated).</summary>
    public GuestMemory Memory { get; } = new();

    /// <summary>The run's limits.</summary>
    public ProbeLimits Limits { get; }

    /// <summary>Cancelled when the run times out or its caller cancels; host calls that wait must honour it.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Whether the log dropped lines because of <see cref="ProbeLimits.MaxLogBytes"/>.</summary>
    public bool LogTruncated { get; private set; }

    /// <summary>Host calls made so far; the binder counts them and enforces <see cref="ProbeLimits.MaxHostCalls"/>.</summary>
    internal int HostCalls;

    /// <summary>Stopwatch ticks spent inside host calls.</summary>
    internal long HostCallTicks;

    /// <summary>The verdict JSON from the last <c>set_result</c>, if any.</summary>
    internal byte[]? Verdict { get; set; }

    /// <summary>The code passed to WASI <c>proc_exit</c>, if the probe exited that way.</summary>
    internal int? ExitCode { get; set; }

    /// <summary>The run's log. Reading it first writes out text held back in per-run state (a partial WASI stdout line).</summary>
    internal IReadOnlyList<ProbeLogEntry> Logs
    {
        get
        {
            if (Volatile.Read(ref _state) is { } states)
            {
                foreach (var (_, state) in states)
                {
                    (state as IPendingLog)?.Flush(this);
                }
            }

            lock (_logs)
            {
                return _logs.Count == 0 ? [] : _logs.ToArray();
            }
        }
    }

    /// <summary>The typed options <paramref name="capability"/> was granted with.</summary>
    /// <exception cref="InvalidOperationException">The capability is not granted or its options are of another type.</exception>
    public T GetGrant<T>(string capability)
        where T : class =>
        _grants.TryGet(capability, out var options) && options is T typed
            ? typed
            : throw new InvalidOperationException($"Capability '{capability}' is not granted with options of type {typeof(T).Name}.");

    /// <summary>The typed options <paramref name="capability"/> was granted with, if it was granted with options of that type.</summary>
    internal bool TryGetGrant<T>(string capability, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? options)
        where T : class
    {
        options = _grants.TryGet(capability, out var value) ? value as T : null;
        return options is not null;
    }

    /// <summary>Logs why a host call failed (at debug level, as the ABI promises) and returns <paramref name="code"/>.</summary>
    /// <param name="function">The host function, e.g. <c>json_get</c>.</param>
    /// <param name="code">What the call returns: an ABI error code or a WASI errno.</param>
    /// <param name="reason">Why, for the log.</param>
    internal int Fail(string function, int code, string reason)
    {
        Log(ProbeLogLevel.Debug, $"{function}: {reason}");
        return code;
    }

    /// <summary>Per-run state of type <typeparamref name="T"/>, created on first use; disposed after the run if disposable.</summary>
    public T GetState<T>(Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        var states = Volatile.Read(ref _state) ?? Interlocked.CompareExchange(ref _state, new(), null) ?? _state;
        return (T)states.GetOrAdd(typeof(T), static (_, create) => create(), create);
    }

    /// <summary>Adds a line to the run's log, unless the log is full.</summary>
    public void Log(ProbeLogLevel level, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = Encoding.UTF8.GetByteCount(message);
        lock (_logs)
        {
            if (_logBytes + bytes > Limits.MaxLogBytes)
            {
                LogTruncated = true;
                return;
            }

            _logBytes += bytes;
            _logs.Add(new ProbeLogEntry(level, message, TimeProvider.System.GetElapsedTime(_startTimestamp).TotalMilliseconds));
        }
    }

    internal void DisposeState()
    {
        if (Volatile.Read(ref _state) is not { } states)
        {
            return;
        }

        foreach (var (_, state) in states)
        {
            (state as IDisposable)?.Dispose();
        }

        states.Clear();
    }
}

/// <summary>Per-run state that holds log text back (e.g. a partial line); it is written out when the logs are read.</summary>
internal interface IPendingLog
{
    /// <summary>Writes the held-back text to <paramref name="context"/>'s log.</summary>
    void Flush(ProbeContext context);
}
