namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Growth and the public view of a linear memory.</summary>
internal sealed partial class MemoryInstance : IWasmMemory
{
    /// <summary>The most pages a <c>byte[]</c> can hold.</summary>
    internal const uint MaxArrayPages = 32767;

    /// <summary>The most pages this memory may reach: its declared maximum, the store limit and the array limit.</summary>
    private readonly uint _maxPages;

    // Set until Release: where the buffer goes back to, if it still has its initial size (a grown buffer is not pooled).
    private LinearMemoryPool? _pool;
    private bool _released;

    /// <param name="type">The memory's type; its minimum must already be within <paramref name="storeMaxPages"/>.</param>
    /// <param name="storeMaxPages">The store's <see cref="WasmStoreLimits.MaxMemoryPages"/>.</param>
    /// <param name="pool">Where the initial buffer comes from, and goes back to on <see cref="Release"/>; null to allocate it.</param>
    public MemoryInstance(MemoryType type, uint storeMaxPages, LinearMemoryPool? pool = null)
    {
        DeclaredMaximum = type.Limits.Maximum;
        _maxPages = Math.Min(Math.Min(type.Limits.Maximum ?? uint.MaxValue, storeMaxPages), MaxArrayPages);
        if (type.Limits.Minimum > _maxPages)
        {
            throw new WasmTrapException(TrapCode.ResourceLimitExceeded);
        }

        var length = (long)type.Limits.Minimum * MemoryType.PageSize;
        Buffer = pool?.Rent(length) ?? new byte[length];
        _pool = pool;
    }

    /// <summary>The store that created the memory; null only for memories made outside a store.</summary>
    public ManagedStore? Owner { get; init; }

    public uint? DeclaredMaximum { get; }

    public uint Pages => (uint)(Buffer.Length / MemoryType.PageSize);

    public long Length => Buffer.Length;

    public ExternType Type => CurrentType;

    /// <summary>The current type: the current size as minimum, with the declared maximum.</summary>
    public MemoryType CurrentType => new(new Limits(Pages, DeclaredMaximum));

    /// <summary>Grows by <paramref name="deltaPages"/> pages. Called by generated code for <c>memory.grow</c>.</summary>
    /// <returns>The old size in pages, or -1 when the memory may not or cannot grow that far.</returns>
    public long Grow(uint deltaPages)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        var old = Pages;
        if (deltaPages == 0)
        {
            return old;
        }

        if ((ulong)old + deltaPages > _maxPages)
        {
            return -1;
        }

        byte[] grown;
        try
        {
            grown = new byte[(long)(old + deltaPages) * MemoryType.PageSize];
        }
        catch (OutOfMemoryException)
        {
            return -1;
        }

        Buffer.AsSpan().CopyTo(grown);
        Buffer = grown;
        _pool = null;
        return old;
    }

    /// <summary>
    /// Detaches the buffer (the memory is empty from now on) and gives it back to the pool it came from. Called by
    /// the store on disposal, only once no code can run in it any more.
    /// </summary>
    internal void Release()
    {
        var buffer = Buffer;
        Buffer = [];
        _released = true;
        _pool?.Return(buffer);
        _pool = null;
    }

    public Span<byte> GetSpan(long offset, int length)
    {
        ObjectDisposedException.ThrowIf(_released, this);
        var buffer = Buffer;
        if (offset < 0 || length < 0 || offset > buffer.Length - length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{length} bytes at {offset} are outside the memory of {buffer.Length} bytes.");
        }

        return buffer.AsSpan((int)offset, length);
    }
}
