namespace HealthWatch.Runtime.Engines.Managed.Instructions;

/// <summary>
/// The type of a <c>block</c>, <c>loop</c> or <c>if</c>: empty, one result type, or an index into the type
/// section (multi-value).
/// </summary>
internal readonly record struct BlockType
{
    private BlockType(ValType? result, int typeIndex)
    {
        Result = result;
        TypeIndex = typeIndex;
    }

    public static BlockType Empty { get; } = new(null, -1);

    /// <summary>The single result type, when the block type is a value type.</summary>
    public ValType? Result { get; }

    /// <summary>The type index, or -1 when the block type is empty or a value type.</summary>
    public int TypeIndex { get; }

    public static BlockType FromResult(ValType result) => new(result, -1);

    public static BlockType FromTypeIndex(int typeIndex) => new(null, typeIndex);
}

/// <summary>The immediate of a load or store: alignment exponent and constant offset.</summary>
internal readonly record struct MemArg(uint Align, uint Offset);
