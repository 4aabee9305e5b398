namespace HealthWatch.Runtime.Engines;

/// <summary>An import declared by a module.</summary>
/// <param name="Module">The module name of the import.</param>
/// <param name="Name">The field name of the import.</param>
/// <param name="Type">What the module expects to be given.</param>
public sealed record ImportDescriptor(string Module, string Name, ExternType Type)
{
    /// <summary>The kind of the import.</summary>
    public ExternKind Kind => Type.Kind;
}

/// <summary>An export declared by a module.</summary>
/// <param name="Name">The export name.</param>
/// <param name="Type">The type of what is exported.</param>
public sealed record ExportDescriptor(string Name, ExternType Type)
{
    /// <summary>The kind of the export.</summary>
    public ExternKind Kind => Type.Kind;
}
