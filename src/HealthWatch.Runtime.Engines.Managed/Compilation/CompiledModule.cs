using System.Reflection;
using HealthWatch.Runtime.Engines.Managed.Interpretation;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// A module compiled to CIL: one static method per defined function in a collectible assembly. Arrays indexed by
/// defined function use <c>funcIndex - Definition.ImportedFunctionCount</c>.
/// </summary>
internal sealed class CompiledModule
{
    private readonly Module _module;
    private readonly Dictionary<int, int> _functionIndexByToken;

    internal CompiledModule(
        ModuleDefinition definition,
        Module dynamicModule,
        nint[] functionPointers,
        nint[] interpreterPointers,
        MethodInfo[] methods,
        int maxFrameBytes,
        Func<CompiledModule, FunctionTiers> tiers)
    {
        Definition = definition;
        Types = [.. definition.Types];
        FunctionPointers = functionPointers;
        InterpreterPointers = interpreterPointers;
        Methods = methods;
        MaxFrameBytes = maxFrameBytes;
        _module = dynamicModule;
        _functionIndexByToken = new Dictionary<int, int>(methods.Length);
        for (var i = 0; i < methods.Length; i++)
        {
            _functionIndexByToken[methods[i].MetadataToken] = definition.ImportedFunctionCount + i;
        }

        Tiers = tiers(this);
    }

    public ModuleDefinition Definition { get; }

    /// <summary>The module's type section.</summary>
    public FuncType[] Types { get; }

    /// <summary>Entry point of each defined function, for <see cref="Execution.FunctionInstance.Code"/>.</summary>
    public nint[] FunctionPointers { get; }

    /// <summary>
    /// Per type of the type section: the interpreter trampoline, the <see cref="Execution.FunctionInstance.Code"/> of an
    /// interpreted function of that type (0 for types no defined function has, or with every function compiled).
    /// </summary>
    public nint[] InterpreterPointers { get; }

    /// <summary>The method of each defined function.</summary>
    public MethodInfo[] Methods { get; }

    /// <summary>Which functions run interpreted, and their interpreted form.</summary>
    public FunctionTiers Tiers { get; }

    /// <summary>A conservative bound on the native stack frame of any function of the module, in bytes.</summary>
    public int MaxFrameBytes { get; }

    /// <summary>The function index of a compiled method of this module (e.g. from a stack trace), or -1.</summary>
    public int FunctionIndexOf(MethodBase method) =>
        method.Module == _module && _functionIndexByToken.TryGetValue(method.MetadataToken, out var index) ? index : -1;
}
