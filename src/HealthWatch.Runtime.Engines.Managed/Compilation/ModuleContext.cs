using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>What every function compiler of one module needs: index spaces with their types, and the methods to call.</summary>
internal sealed class ModuleContext
{
    public ModuleContext(ModuleDefinition module, CompilerSettings settings, MethodBuilder[] methods)
    {
        Module = module;
        Settings = settings;
        Methods = methods;
        var functions = new List<FuncType>(module.TotalFunctionCount);
        var globals = new List<ValType>(module.TotalGlobalCount);
        var tables = new List<ValType>(module.TotalTableCount);
        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    functions.Add(module.Types[import.FunctionTypeIndex]);
                    break;
                case ExternKind.Global:
                    globals.Add(import.Global!.ValueType);
                    break;
                case ExternKind.Table:
                    tables.Add(import.Table!.ElementType);
                    break;
                default:
                    break;
            }
        }

        functions.AddRange(module.FunctionTypeIndices.Select(i => module.Types[i]));
        globals.AddRange(module.Globals.Select(g => g.Type.ValueType));
        tables.AddRange(module.Tables.Select(t => t.ElementType));
        FunctionTypes = [.. functions];
        GlobalTypes = [.. globals];
        TableElementTypes = [.. tables];
    }

    public ModuleDefinition Module { get; }

    public CompilerSettings Settings { get; }

    /// <summary>The method of each defined function (index minus the imported count).</summary>
    public MethodBuilder[] Methods { get; }

    /// <summary>The type of every function in the function index space.</summary>
    public FuncType[] FunctionTypes { get; }

    public ValType[] GlobalTypes { get; }

    public ValType[] TableElementTypes { get; }

    public (ValType[] Parameters, ValType[] Results) BlockSignature(BlockType type)
    {
        if (type.TypeIndex >= 0)
        {
            var funcType = Module.Types[type.TypeIndex];
            return ([.. funcType.Parameters], [.. funcType.Results]);
        }

        return type.Result is { } result ? ([], [result]) : ([], []);
    }
}
