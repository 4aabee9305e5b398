namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Growth and the public view of a table.</summary>
internal sealed partial class TableInstance : IWasmTable
{
    private readonly uint _maxElements;

    /// <param name="type">The table's type; its minimum must already be within <paramref name="storeMaxElements"/>.</param>
    /// <param name="storeMaxElements">The store's <see cref="WasmStoreLimits.MaxTableElements"/>.</param>
    /// <param name="initialValue">The value of every element: null, a <see cref="FunctionInstance"/> or a host object.</param>
    public TableInstance(TableType type, uint storeMaxElements, object? initialValue)
    {
        ElementType = type.ElementType;
        DeclaredMaximum = type.Limits.Maximum;
        _maxElements = Math.Min(Math.Min(type.Limits.Maximum ?? uint.MaxValue, storeMaxElements), (uint)Array.MaxLength);
        if (type.Limits.Minimum > _maxElements)
        {
            throw new WasmTrapException(TrapCode.ResourceLimitExceeded);
        }

        Elements = new object?[type.Limits.Minimum];
        Array.Fill(Elements, initialValue);
    }

    /// <summary>The store that created the table; null only for tables made outside a store.</summary>
    public ManagedStore? Owner { get; init; }

    public ValType ElementType { get; }

    public uint Size => (uint)Elements.Length;

    public ExternType Type => CurrentType;

    public uint? DeclaredMaximum { get; }

    /// <summary>The current type: the current size as minimum, with the declared maximum.</summary>
    public TableType CurrentType => new(ElementType, new Limits((uint)Elements.Length, DeclaredMaximum));

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="init"/>. Called by generated code for <c>table.grow</c>.</summary>
    /// <returns>The old size, or -1 when the table may not or cannot grow that far.</returns>
    public long Grow(uint delta, object? init)
    {
        var old = (uint)Elements.Length;
        if (delta == 0)
        {
            return old;
        }

        if ((ulong)old + delta > _maxElements)
        {
            return -1;
        }

        object?[] grown;
        try
        {
            grown = new object?[old + delta];
        }
        catch (OutOfMemoryException)
        {
            return -1;
        }

        Elements.AsSpan().CopyTo(grown);
        grown.AsSpan((int)old).Fill(init);
        Elements = grown;
        return old;
    }

    public WasmValue Get(uint index)
    {
        var elements = Elements;
        return index < elements.Length
            ? ValueMarshal.FromReference(ElementType, elements[index])
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The table has {elements.Length} elements.");
    }

    public void Set(uint index, WasmValue value)
    {
        var elements = Elements;
        if (index >= elements.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The table has {elements.Length} elements.");
        }

        ValueMarshal.Check(value, Owner, ElementType, nameof(value));
        elements[index] = value.AsReference();
    }

    public long Grow(uint delta, WasmValue initialValue)
    {
        ValueMarshal.Check(initialValue, Owner, ElementType, nameof(initialValue));
        return Grow(delta, initialValue.AsReference());
    }
}
