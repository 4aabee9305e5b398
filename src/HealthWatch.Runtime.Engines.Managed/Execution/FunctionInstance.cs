namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>The public face of a function: one object per function, so identity survives import and re-export.</summary>
internal abstract partial class FunctionInstance : IWasmFunction
{
    private protected FunctionInstance(ManagedStore store, FuncType type)
    {
        Store = store;
        FunctionType = type;
        TypeId = store.Engine.Types.GetId(type);
    }

    /// <summary>The store the function belongs to; it runs only there.</summary>
    public ManagedStore Store { get; }

    public FuncType FunctionType { get; }

    public ExternType Type => FunctionType;

    public void Invoke(ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results, CancellationToken cancellationToken = default) =>
        Store.Invoke(this, arguments, results, cancellationToken);
}

/// <summary>
/// A function defined by a module: compiled code run with its instance as context, or, while it runs in the
/// interpreter (docs/managed-engine.md, "Tiers"), the interpreter trampoline of its type with itself as context.
/// </summary>
internal sealed class WasmFunction : FunctionInstance
{
    /// <summary>A function that runs compiled code, or, if <paramref name="interpreted"/>, the interpreter until <see cref="Promote"/>.</summary>
    public WasmFunction(ManagedStore store, FuncType type, ModuleInstance instance, int index, bool interpreted)
        : base(store, type)
    {
        Instance = instance;
        Index = index;
        var module = instance.Module!;
        var defined = index - module.Definition.ImportedFunctionCount;
        if (interpreted)
        {
            Code = module.InterpreterPointers[module.Definition.FunctionTypeIndices[defined]];
            Context = this;
        }
        else
        {
            Code = module.FunctionPointers[defined];
            Context = instance;
        }
    }

    public ModuleInstance Instance { get; }

    /// <summary>The function's index in its module's function index space.</summary>
    public int Index { get; }

    /// <summary>The index among the module's defined functions (imports not counted).</summary>
    public int DefinedIndex => Index - Instance.Module!.Definition.ImportedFunctionCount;

    /// <summary>Whether calls to the function go to the interpreter.</summary>
    public bool IsInterpreted => ReferenceEquals(Context, this);

    /// <summary>
    /// Points the function at its compiled code. Only the thread running in the store calls this, and only that
    /// thread reads <see cref="FunctionInstance.Code"/> and <see cref="FunctionInstance.Context"/> of its functions.
    /// </summary>
    public void Promote()
    {
        Code = Instance.Module!.FunctionPointers[DefinedIndex];
        Context = Instance;
    }

    public override string ToString() => $"wasm function {Index} {FunctionType}";
}
