namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// Linear memory buffers kept for reuse between the stores of one engine, in the spirit of Wasmtime's pooling
/// allocator: a store disposed with nothing running in it gives back its memories' buffers, and a new memory of
/// the same size takes one instead of allocating. A buffer is zeroed when it is taken, so a run never sees what
/// an earlier one wrote. Bounded: only buffers of at most <see cref="MaxPooledPages"/> pages, and at most
/// <see cref="MaxRetainedBytes"/> in all; anything else is left to the GC. Thread-safe.
/// </summary>
internal sealed class LinearMemoryPool
{
    /// <summary>The largest memory pooled: a probe's memory is usually one or two pages.</summary>
    public const int MaxPooledPages = 16;

    /// <summary>The most bytes the pool holds on to.</summary>
    public const long MaxRetainedBytes = 16L << 20;

    private readonly Dictionary<int, Stack<byte[]>> _free = [];
    private long _retainedBytes;

    /// <summary>Bytes held for reuse now.</summary>
    public long RetainedBytes => Volatile.Read(ref _retainedBytes);

    /// <summary>A zeroed buffer of <paramref name="length"/> bytes, reused when one is free.</summary>
    public byte[] Rent(long length)
    {
        if (length == 0 || length > (long)MaxPooledPages * MemoryType.PageSize)
        {
            return length == 0 ? [] : new byte[length];
        }

        byte[]? buffer = null;
        lock (_free)
        {
            if (_free.TryGetValue((int)length, out var stack) && stack.TryPop(out buffer))
            {
                _retainedBytes -= length;
            }
        }

        if (buffer is null)
        {
            return new byte[length];
        }

        Array.Clear(buffer);
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

        lock (_free)
        {
            if (_retainedBytes + length > MaxRetainedBytes)
            {
                return;
            }

            if (!_free.TryGetValue(length, out var stack))
            {
                _free[length] = stack = new Stack<byte[]>();
            }

            stack.Push(buffer);
            _retainedBytes += length;
        }
    }
}
