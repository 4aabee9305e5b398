namespace HealthWatch.Runtime.Probes;

/// <summary>
/// The cancellation sources behind runs' tokens (timeout and caller), reused through
/// <see cref="CancellationTokenSource.TryReset"/>, so that a run that ends in time allocates neither a source nor
/// its timer. A source that was cancelled cannot be reset and is disposed instead. Bounded; thread-safe.
/// </summary>
/// <remarks>
/// Reset removes every registration and stops the timer, so nothing of one run reaches the next through its
/// callbacks; only code that kept the token itself after its run ended (it should not) would see a later run's
/// cancellation.
/// </remarks>
internal sealed class CancellationSourcePool
{
    /// <summary>The most sources kept: about the number of runs in flight at once.</summary>
    public const int Capacity = 64;

    private readonly Stack<CancellationTokenSource> _free = new();

    /// <summary>A source that is not cancelled and has no registrations nor timer.</summary>
    public CancellationTokenSource Rent()
    {
        lock (_free)
        {
            if (_free.TryPop(out var source))
            {
                return source;
            }
        }

        return new CancellationTokenSource();
    }

    /// <summary>Takes back a source its run no longer uses (and no registration of the run's caller can cancel any more).</summary>
    public void Return(CancellationTokenSource source)
    {
        if (source.TryReset())
        {
            lock (_free)
            {
                if (_free.Count < Capacity)
                {
                    _free.Push(source);
                    return;
                }
            }
        }

        source.Dispose();
    }
}
