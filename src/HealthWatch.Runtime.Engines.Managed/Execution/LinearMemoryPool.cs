namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// Linear memory buffers kept for reuse between the stores of one engine, in the spirit of Wasmtime's pooling
/// allocator: a store disposed with nothing running in it gives back its memories' buffers, and a new memory of
/// the same size takes one instead of allocating. A run never sees what an earlier one wrote: a buffer given back
/// on a guest thread is zeroed once that thread's work item has completed (off the caller's critical path), one
/// given back elsewhere at once, and one taken before it was zeroed is zeroed when taken. Bounded: only buffers of
/// at most <see cref="MaxPooledPages"/> pages, and at most <see cref="MaxRetainedBytes"/> in all; anything else is
/// left to the GC. Thread-safe.
/// </summary>
internal sealed class LinearMemoryPool
{
    /// <summary>The largest memory pooled: a probe's memory is usually one or two pages.</summary>
    public const int MaxPooledPages = 16;

    /// <summary>The most bytes the pool holds on to.</summary>
    public const long MaxRetainedBytes = 16L << 20;

    // By length; also the lock for everything below.
    private readonly Dictionary<int, Bucket> _buckets = [];
    private readonly Action _zeroReturned;
    private long _retainedBytes;
    private bool _zeroingPending;

    public LinearMemoryPool() => _zeroReturned = ZeroReturned;

    /// <summary>Bytes held for reuse now, zeroed or not.</summary>
    public long RetainedBytes => Volatile.Read(ref _retainedBytes);

    /// <summary>A zeroed buffer of <paramref name="length"/> bytes, reused when one is free.</summary>
    public byte[] Rent(long length)
    {
        if (length == 0 || length > (long)MaxPooledPages * MemoryType.PageSize)
        {
            return length == 0 ? [] : new byte[length];
        }

        byte[]? buffer = null;
        var zeroed = false;
        lock (_buckets)
        {
            if (_buckets.TryGetValue((int)length, out var bucket))
            {
                zeroed = bucket.Zeroed.TryPop(out buffer);
                if (zeroed || bucket.Returned.TryPop(out buffer))
                {
                    _retainedBytes -= length;
                }
            }
        }

        if (buffer is null)
        {
            return new byte[length];
        }

        if (!zeroed)
        {
            // Given back in a work item that has not finished yet (or whose zeroing is under way elsewhere).
            Array.Clear(buffer);
        }

        return buffer;
    }

    /// <summary>
    /// Keeps <paramref name="buffer"/> for a later <see cref="Rent"/>. The caller guarantees that nothing will read
    /// or write it any more: no code runs in its store, and its memory no longer refers to it.
    /// </summary>
    public void Return(byte[] buffer)
    {
        var length = buffer.Length;
        if (length == 0 || length > MaxPooledPages * MemoryType.PageSize)
        {
            return;
        }

        lock (_buckets)
        {
            if (_retainedBytes + length > MaxRetainedBytes)
            {
                return;
            }

            if (!_buckets.TryGetValue(length, out var bucket))
            {
                _buckets[length] = bucket = new Bucket();
            }

            bucket.Returned.Push(buffer);
            _retainedBytes += length;
            if (_zeroingPending)
            {
                return;
            }

            _zeroingPending = true;
        }

        if (!GuestThreads.TryRunWhenIdle(_zeroReturned))
        {
            ZeroReturned();
        }
    }

    /// <summary>Zeroes the buffers given back until none is left; they stay counted in <see cref="RetainedBytes"/> meanwhile.</summary>
    private void ZeroReturned()
    {
        while (true)
        {
            byte[]? buffer = null;
            Bucket? from = null;
            lock (_buckets)
            {
                foreach (var bucket in _buckets.Values)
                {
                    if (bucket.Returned.TryPop(out buffer))
                    {
                        from = bucket;
                        break;
                    }
                }

                if (from is null)
                {
                    _zeroingPending = false;
                    return;
                }
            }

            Array.Clear(buffer!);
            lock (_buckets)
            {
                from.Zeroed.Push(buffer!);
            }
        }
    }

    /// <summary>The buffers of one length: zeroed ones, and ones given back that are still to be zeroed.</summary>
    private sealed class Bucket
    {
        public Stack<byte[]> Zeroed { get; } = new();

        public Stack<byte[]> Returned { get; } = new();
    }
}
