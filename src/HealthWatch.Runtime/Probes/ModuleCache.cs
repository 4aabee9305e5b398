using System.Diagnostics;
using System.Security.Cryptography;
using HealthWatch.Runtime.Engines;
using Microsoft.Extensions.Logging;

namespace HealthWatch.Runtime.Probes;

/// <summary>
/// Compiled modules by content: one compile per distinct module even when many callers load it at once (they
/// share the compile's task), bounded by count and bytes with least-recently-used eviction. Failed compiles are
/// not cached. Evicted modules are not disposed, since runs may still use them; the engine's code is collectible.
/// </summary>
internal sealed class ModuleCache
{
    private readonly IWasmEngine _engine;
    private readonly int _maxEntries;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly string _engineKey;
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);

    // Most recently used first.
    private readonly LinkedList<Entry> _lru = new();
    private long _bytes;
    private long _hits;
    private long _misses;
    private long _evictions;

    public ModuleCache(IWasmEngine engine, int maxEntries, long maxBytes, ILogger logger)
    {
        _engine = engine;
        _maxEntries = maxEntries;
        _maxBytes = maxBytes;
        _logger = logger;
        _engineKey = EngineKey(engine);
    }

    public ModuleCacheStatistics Statistics
    {
        get
        {
            lock (_entries)
            {
                return new ModuleCacheStatistics(_entries.Count, _bytes, _hits, _misses, _evictions);
            }
        }
    }

    /// <summary>What tells one engine's compiled code from another's: its name and its code-shaping settings.</summary>
    public static string EngineKey(IWasmEngine engine) => $"{engine.Name}|{engine.Settings}";

    /// <summary>The compiled module for <paramref name="bytes"/>, compiling it unless cached.</summary>
    /// <param name="bytes">The module's bytes; not used after the returned task completes.</param>
    /// <param name="cancellationToken">Stops this caller's wait; a compile others share keeps going.</param>
    /// <exception cref="WasmModuleException">The module is malformed, invalid or unsupported.</exception>
    public async Task<CachedModule> GetOrLoadAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var key = $"{sha256}|{_engineKey}";
        Task<CompiledEntry> compile;
        bool hit;
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                _hits++;
                hit = true;
                compile = node.Value.Compile;
            }
            else
            {
                _misses++;
                hit = false;

                // The compile runs detached from this caller's token, since other callers may come to share it, and
                // on a copy, since this caller may stop waiting and reuse its buffer.
                var copy = bytes.ToArray();
                compile = Task.Run(() => Compile(copy, sha256), CancellationToken.None);
                var entry = new Entry(key, sha256, bytes.Length, compile);
                _entries.Add(key, _lru.AddFirst(entry));
                _bytes += entry.Bytes;
                EvictOverflow();
                _ = ForgetIfFailedAsync(entry);
            }
        }

        if (hit)
        {
            Log.ModuleCacheHit(_logger, sha256);
        }

        var compiled = await compile.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new CachedModule(compiled.Module, sha256, bytes.Length, hit ? 0 : compiled.CompileMs);
    }

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
            _lru.Clear();
            _bytes = 0;
        }
    }

    private CompiledEntry Compile(byte[] bytes, string sha256)
    {
        var start = Stopwatch.GetTimestamp();
        var module = _engine.LoadModule(bytes);
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Log.ModuleCompiled(_logger, sha256, bytes.Length, ms);
        return new CompiledEntry(module, ms);
    }

    private async Task ForgetIfFailedAsync(Entry entry)
    {
        try
        {
            await entry.Compile.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Not cached: the next load tries again (the failure itself reaches the callers through the task).
            lock (_entries)
            {
                if (_entries.TryGetValue(entry.Key, out var node) && node.Value == entry)
                {
                    Remove(node);
                }
            }
        }
    }

    private void EvictOverflow()
    {
        while (_lru.Last is { } oldest && (_entries.Count > _maxEntries || _bytes > _maxBytes))
        {
            Remove(oldest);
            _evictions++;
            Log.ModuleEvicted(_logger, oldest.Value.Sha256);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _lru.Remove(node);
        _bytes -= node.Value.Bytes;
    }

    private sealed record Entry(string Key, string Sha256, long Bytes, Task<CompiledEntry> Compile);

    private sealed record CompiledEntry(IWasmModule Module, double CompileMs);
}

/// <summary>A module from the cache.</summary>
/// <param name="Module">The compiled module.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lower-case hex.</param>
/// <param name="SizeBytes">The size of its bytes.</param>
/// <param name="CompileMs">The compile time, or zero when this load did not compile.</param>
internal sealed record CachedModule(IWasmModule Module, string Sha256, long SizeBytes, double CompileMs);
