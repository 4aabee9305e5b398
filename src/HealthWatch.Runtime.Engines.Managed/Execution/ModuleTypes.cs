using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>The declared type of every function, table, memory and global of a module, by index (imports first).</summary>
internal sealed class ModuleTypes
{
    public ModuleTypes(ModuleDefinition definition)
    {
        List<FuncType> functions = [];
        List<TableType> tables = [];
        List<MemoryType> memories = [];
        List<GlobalType> globals = [];
        List<ImportDescriptor> imports = [];
        foreach (var import in definition.Imports)
        {
            ExternType type = import.Kind switch
            {
                ExternKind.Function => definition.Types[import.FunctionTypeIndex],
                ExternKind.Table => import.Table!,
                ExternKind.Memory => import.Memory!,
                _ => import.Global!,
            };
            switch (type)
            {
                case FuncType f:
                    functions.Add(f);
                    break;
                case TableType t:
                    tables.Add(t);
                    break;
                case MemoryType m:
                    memories.Add(m);
                    break;
                default:
                    globals.Add((GlobalType)type);
                    break;
            }

            imports.Add(new ImportDescriptor(import.Module, import.Name, type));
        }

        functions.AddRange(definition.FunctionTypeIndices.Select(i => definition.Types[i]));
        tables.AddRange(definition.Tables);
        memories.AddRange(definition.Memories);
        globals.AddRange(definition.Globals.Select(g => g.Type));
        Functions = [.. functions];
        Tables = [.. tables];
        Memories = [.. memories];
        Globals = [.. globals];
        Imports = [.. imports];
        Exports = [.. definition.Exports.Select(e => new ExportDescriptor(e.Name, TypeOf(e.Kind, e.Index)))];
        ExportIndex = Exports.Select((e, i) => (e.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    public FuncType[] Functions { get; }

    public TableType[] Tables { get; }

    public MemoryType[] Memories { get; }

    public GlobalType[] Globals { get; }

    public ImportDescriptor[] Imports { get; }

    public ExportDescriptor[] Exports { get; }

    /// <summary>The position of each export in <see cref="Exports"/>, by name (export names are unique), shared by every instance.</summary>
    public Dictionary<string, int> ExportIndex { get; }

    public ExternType TypeOf(ExternKind kind, int index) => kind switch
    {
        ExternKind.Function => Functions[index],
        ExternKind.Table => Tables[index],
        ExternKind.Memory => Memories[index],
        _ => Globals[index],
    };
}
