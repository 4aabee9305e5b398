using System.Collections.Concurrent;

namespace HealthWatch.Soak;

/// <summary>The runs of one path (runtime or sidecar): totals, and latencies since the last report.</summary>
internal sealed class Recorder(string name)
{
    private readonly List<double> _latencies = [];
    private long _runs;
    private long _unexpected;
    private long _started;

    public string Name => name;

    public long Runs => Interlocked.Read(ref _runs);

    public long Unexpected => Interlocked.Read(ref _unexpected);

    /// <summary>Runs started and not yet ended.</summary>
    public long InFlight => Interlocked.Read(ref _started) - Runs;

    /// <summary>The first unexpected outcomes, for the report.</summary>
    public ConcurrentQueue<string> Examples { get; } = new();

    public void Start() => Interlocked.Increment(ref _started);

    public void End(ProbeCase probe, Outcome outcome, double latencyMs)
    {
        if (!probe.Expected(outcome))
        {
            Interlocked.Increment(ref _unexpected);
            if (Examples.Count < 10)
            {
                Examples.Enqueue($"{name} {probe.Name}: {outcome}");
            }
        }

        lock (_latencies)
        {
            _latencies.Add(latencyMs);
        }

        Interlocked.Increment(ref _runs);
    }

    /// <summary>Runs ended by an exception (the path failed, not the probe): unexpected, with the exception's text.</summary>
    public void Fail(ProbeCase probe, Exception error)
    {
        Interlocked.Increment(ref _unexpected);
        if (Examples.Count < 10)
        {
            Examples.Enqueue($"{name} {probe.Name}: {error.GetType().Name}: {error.Message}");
        }

        Interlocked.Increment(ref _runs);
    }

    /// <summary>The runs, p50 and p99 latency (ms) since the last call.</summary>
    public (int Count, double P50, double P99) TakeInterval()
    {
        double[] sorted;
        lock (_latencies)
        {
            sorted = [.. _latencies];
            _latencies.Clear();
        }

        Array.Sort(sorted);
        return sorted.Length == 0 ? (0, 0, 0) : (sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
