namespace HealthWatch.Runtime.Probes;

/// <summary>A snapshot of a runtime's module cache.</summary>
/// <param name="Entries">Modules cached now (compiled or compiling).</param>
/// <param name="Bytes">Their total size in module bytes.</param>
/// <param name="Hits">Loads served from the cache, including loads that joined a compile already running.</param>
/// <param name="Misses">Loads that started a compile.</param>
/// <param name="Evictions">Modules dropped to stay within the cache's bounds.</param>
public sealed record ModuleCacheStatistics(int Entries, long Bytes, long Hits, long Misses, long Evictions);
