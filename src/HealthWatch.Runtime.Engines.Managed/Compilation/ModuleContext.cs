using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>What every function compiler of one module needs: index spaces with their types, and the methods to call.</summary>
internal sealed class ModuleContext
{
    private readonly TypeBuilder _type;
    private readonly ModuleBuilder _moduleBuilder;
    private readonly Dictionary<FieldInfo, int> _fieldTokens = [];
    private readonly Dictionary<MethodInfo, MethodBuilder> _stubs = [];
    private readonly Dictionary<FuncType, MethodBuilder> _indirectCallers = [];

    /// <summary>Index spaces of <paramref name="module"/>; helper stubs go into <paramref name="type"/>, which holds <paramref name="methods"/>.</summary>
    public ModuleContext(ModuleDefinition module, CompilerSettings settings, TypeBuilder type, MethodInfo[] methods)
    {
        _type = type;
        _moduleBuilder = (ModuleBuilder)type.Module;
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
    public MethodInfo[] Methods { get; }

    /// <summary>The type of every function in the function index space.</summary>
    public FuncType[] FunctionTypes { get; }

    public ValType[] GlobalTypes { get; }

    public ValType[] TableElementTypes { get; }

    /// <summary>The metadata token of a field of the engine, looked up once per module.</summary>
    public int FieldToken(FieldInfo field)
    {
        if (!_fieldTokens.TryGetValue(field, out var token))
        {
            token = _moduleBuilder.GetFieldMetadataToken(field);
            _fieldTokens[field] = token;
        }

        return token;
    }

    /// <summary>
    /// A private static method of the module's type that forwards to <paramref name="method"/> (a static helper, or an
    /// instance method taking its object first), marked for inlining. Reflection.Emit builds a member reference
    /// signature for every call to another assembly's method, which costs microseconds; a call to a method of the
    /// same module costs nothing, so each helper is referenced once, from its stub.
    /// </summary>
    public MethodInfo Callable(MethodInfo method)
    {
        if (_stubs.TryGetValue(method, out var stub))
        {
            return stub;
        }

        var parameters = method.GetParameters().Select(p => p.ParameterType);
        Type[] parameterTypes = method.IsStatic ? [.. parameters] : [method.DeclaringType!, .. parameters];
        stub = _type.DefineMethod(
            $"{method.DeclaringType!.Name}_{method.Name}_{_stubs.Count}",
            MethodAttributes.Private | MethodAttributes.Static,
            method.ReturnType,
            parameterTypes);
        stub.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
        var il = stub.GetILGenerator();
        for (var i = 0; i < parameterTypes.Length; i++)
        {
            il.LoadArgument(i);
        }

        il.Emit(OpCodes.Call, method);
        il.Emit(OpCodes.Ret);
        _stubs[method] = stub;
        return stub;
    }

    /// <summary>
    /// <c>static R CallIndirect(P..., object context, nint code)</c>: a <c>calli</c> of <paramref name="type"/>'s
    /// signature, one per type and module, for the same reason as <see cref="Callable"/>: each <c>calli</c> site would
    /// otherwise build and look up its signature.
    /// </summary>
    public MethodInfo IndirectCaller(FuncType type)
    {
        if (_indirectCallers.TryGetValue(type, out var stub))
        {
            return stub;
        }

        var returnType = ClrTypes.ReturnType(type.Results);
        var parameterTypes = ClrTypes.ParameterTypes(type);
        stub = _type.DefineMethod(
            $"CallIndirect_{_indirectCallers.Count}",
            MethodAttributes.Private | MethodAttributes.Static,
            returnType,
            [.. parameterTypes, typeof(nint)]);
        stub.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
        var il = stub.GetILGenerator();
        for (var i = 0; i <= parameterTypes.Length; i++)
        {
            il.LoadArgument(i);
        }

        il.EmitCalli(OpCodes.Calli, CallingConventions.Standard, returnType, parameterTypes, null);
        il.Emit(OpCodes.Ret);
        _indirectCallers[type] = stub;
        return stub;
    }

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
