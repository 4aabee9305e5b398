namespace HealthWatch.Runtime.Engines;

/// <summary>The kind of an import or export.</summary>
public enum ExternKind : byte
{
    /// <summary>A function.</summary>
    Function = 0,

    /// <summary>A table.</summary>
    Table = 1,

    /// <summary>A linear memory.</summary>
    Memory = 2,

    /// <summary>A global.</summary>
    Global = 3,
}

/// <summary>The type of something a module imports or exports: a function, table, memory or global type.</summary>
public abstract class ExternType
{
    private protected ExternType()
    {
    }

    /// <summary>Which kind of extern this type describes.</summary>
    public abstract ExternKind Kind { get; }
}

/// <summary>Size limits of a memory (in 64 KiB pages) or a table (in elements).</summary>
/// <param name="Minimum">The initial size.</param>
/// <param name="Maximum">The maximum size, or <see langword="null"/> for none.</param>
public readonly record struct Limits(uint Minimum, uint? Maximum)
{
    /// <inheritdoc />
    public override string ToString() => Maximum is { } max ? $"{Minimum}..{max}" : $"{Minimum}..";
}

/// <summary>The type of a linear memory.</summary>
/// <param name="limits">Its size limits in 64 KiB pages.</param>
public sealed class MemoryType(Limits limits) : ExternType, IEquatable<MemoryType>
{
    /// <summary>The size of one page of linear memory in bytes.</summary>
    public const int PageSize = 65536;

    /// <summary>Size limits in pages.</summary>
    public Limits Limits { get; } = limits;

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Memory;

    /// <inheritdoc />
    public bool Equals(MemoryType? other) => other is not null && Limits == other.Limits;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MemoryType);

    /// <inheritdoc />
    public override int GetHashCode() => Limits.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => $"memory {Limits}";
}

/// <summary>The type of a table.</summary>
/// <param name="elementType">The reference type of its elements.</param>
/// <param name="limits">Its size limits in elements.</param>
public sealed class TableType(ValType elementType, Limits limits) : ExternType, IEquatable<TableType>
{
    /// <summary>The reference type of the table's elements.</summary>
    public ValType ElementType { get; } = elementType;

    /// <summary>Size limits in elements.</summary>
    public Limits Limits { get; } = limits;

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Table;

    /// <inheritdoc />
    public bool Equals(TableType? other) => other is not null && ElementType == other.ElementType && Limits == other.Limits;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TableType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ElementType, Limits);

    /// <inheritdoc />
    public override string ToString() => $"table {Limits} {ElementType.ToWatName()}";
}

/// <summary>The type of a global.</summary>
/// <param name="valueType">The type of its value.</param>
/// <param name="mutable">Whether the value can change after instantiation.</param>
public sealed class GlobalType(ValType valueType, bool mutable) : ExternType, IEquatable<GlobalType>
{
    /// <summary>The type of the global's value.</summary>
    public ValType ValueType { get; } = valueType;

    /// <summary>Whether the global can be written after instantiation.</summary>
    public bool Mutable { get; } = mutable;

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Global;

    /// <inheritdoc />
    public bool Equals(GlobalType? other) => other is not null && ValueType == other.ValueType && Mutable == other.Mutable;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GlobalType);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ValueType, Mutable);

    /// <inheritdoc />
    public override string ToString() => Mutable ? $"global (mut {ValueType.ToWatName()})" : $"global {ValueType.ToWatName()}";
}

/// <summary>A function type: parameter types and result types.</summary>
public sealed class FuncType : ExternType, IEquatable<FuncType>
{
    private readonly ValType[] _parameters;
    private readonly ValType[] _results;

    /// <summary>Creates a function type.</summary>
    /// <param name="parameters">The parameter types, in order.</param>
    /// <param name="results">The result types, in order.</param>
    public FuncType(IEnumerable<ValType> parameters, IEnumerable<ValType> results)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(results);
        _parameters = [.. parameters];
        _results = [.. results];
    }

    /// <summary>The parameter types.</summary>
    public IReadOnlyList<ValType> Parameters => _parameters;

    /// <summary>The result types.</summary>
    public IReadOnlyList<ValType> Results => _results;

    /// <inheritdoc />
    public override ExternKind Kind => ExternKind.Function;

    /// <inheritdoc />
    public bool Equals(FuncType? other) =>
        other is not null && _parameters.AsSpan().SequenceEqual(other._parameters) && _results.AsSpan().SequenceEqual(other._results);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FuncType);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var p in _parameters)
        {
            hash.Add(p);
        }

        hash.Add(-1);
        foreach (var r in _results)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"({string.Join(", ", _parameters.Select(p => p.ToWatName()))}) -> ({string.Join(", ", _results.Select(r => r.ToWatName()))})";
}
