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

/// <summary>A function defined by a module: compiled code run with its instance as context.</summary>
internal sealed class WasmFunction : FunctionInstance
{
    public WasmFunction(ManagedStore store, FuncType type, ModuleInstance instance, nint code, int index)
        : base(store, type)
    {
        Code = code;
        Context = instance;
        Index = index;
    }

    /// <summary>The function's index in its module's function index space.</summary>
    public int Index { get; }

    public override string ToString() => $"wasm function {Index} {FunctionType}";
}
