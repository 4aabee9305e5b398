namespace HealthWatch.Runtime.Engines.Managed.Model;

/// <summary>
/// A decoded module, exactly as the binary says, before validation. Function bodies and constant expressions
/// are kept as byte ranges of <see cref="Bytes"/>; the validator and the compiler read them with
/// <see cref="Instructions.WasmReader"/>.
/// </summary>
internal sealed class ModuleDefinition
{
    public required ReadOnlyMemory<byte> Bytes { get; init; }

    public List<FuncType> Types { get; } = [];

    public List<ImportDefinition> Imports { get; } = [];

    /// <summary>Type index of each function defined in the module (not the imported ones), from the function section.</summary>
    public List<int> FunctionTypeIndices { get; } = [];

    public List<TableType> Tables { get; } = [];

    public List<MemoryType> Memories { get; } = [];

    public List<GlobalDefinition> Globals { get; } = [];

    public List<ExportDefinition> Exports { get; } = [];

    public int? StartFunction { get; set; }

    public List<ElementSegment> Elements { get; } = [];

    /// <summary>The count from the data count section, if present.</summary>
    public int? DataCount { get; set; }

    public List<FunctionBody> Bodies { get; } = [];

    public List<DataSegment> Data { get; } = [];

    public NameSection Names { get; set; } = new();

    public List<CustomSection> CustomSections { get; } = [];

    // Index spaces put imports first. These are filled by the decoder as it reads the import section.
    public int ImportedFunctionCount { get; set; }

    public int ImportedTableCount { get; set; }

    public int ImportedMemoryCount { get; set; }

    public int ImportedGlobalCount { get; set; }

    public int TotalFunctionCount => ImportedFunctionCount + FunctionTypeIndices.Count;

    public int TotalTableCount => ImportedTableCount + Tables.Count;

    public int TotalMemoryCount => ImportedMemoryCount + Memories.Count;

    public int TotalGlobalCount => ImportedGlobalCount + Globals.Count;
}

/// <summary>An import. Exactly one of the type members is set, according to <see cref="Kind"/>.</summary>
internal sealed record ImportDefinition(string Module, string Name, ExternKind Kind)
{
    public int FunctionTypeIndex { get; init; } = -1;

    public TableType? Table { get; init; }

    public MemoryType? Memory { get; init; }

    public GlobalType? Global { get; init; }
}

internal sealed record ExportDefinition(string Name, ExternKind Kind, int Index);

internal sealed record GlobalDefinition(GlobalType Type, ConstantExpression Initializer);

/// <summary>A constant expression (instructions up to and including the final <c>end</c>) as a range of the module bytes.</summary>
internal readonly record struct ConstantExpression(int Offset, int Length);

/// <summary>A function body: its declared locals (expanded, parameters excluded) and its code range (up to and including the final <c>end</c>).</summary>
internal sealed record FunctionBody(ValType[] Locals, int CodeOffset, int CodeLength)
{
    /// <summary>Offset of the body's size field, for error messages.</summary>
    public int BodyOffset { get; init; }
}

internal enum SegmentMode
{
    Active,
    Passive,
    Declarative,
}

/// <summary>
/// An element segment. Items are either function indices (<see cref="FunctionIndices"/>, the
/// <c>elemkind 0x00</c> encodings) or constant expressions (<see cref="Expressions"/>); exactly one is set.
/// </summary>
internal sealed record ElementSegment(SegmentMode Mode, ValType ElementType)
{
    public int TableIndex { get; init; }

    public ConstantExpression Offset { get; init; }

    public int[]? FunctionIndices { get; init; }

    public ConstantExpression[]? Expressions { get; init; }

    public int Count => FunctionIndices?.Length ?? Expressions!.Length;
}

internal sealed record DataSegment(SegmentMode Mode, int DataOffset, int DataLength)
{
    public int MemoryIndex { get; init; }

    public ConstantExpression Offset { get; init; }
}

internal sealed record CustomSection(string Name, int ContentOffset, int ContentLength);

/// <summary>What the <c>name</c> custom section says; empty when absent or unreadable (it is never an error).</summary>
internal sealed class NameSection
{
    public string? ModuleName { get; set; }

    public Dictionary<int, string> FunctionNames { get; } = [];
}
