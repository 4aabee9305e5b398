namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>
/// A function implemented by the host. Its <see cref="FunctionInstance.Code"/> is the trampoline of its type,
/// its <see cref="FunctionInstance.Context"/> the function itself, so generated code calls it like any other.
/// </summary>
internal sealed class HostFunction : FunctionInstance
{
    private readonly HostFunctionCallback _callback;

    // The trampoline lives in a collectible assembly; this reference keeps it alive while Code points into it.
    private readonly SignatureCode _signature;

    public HostFunction(ManagedStore store, FuncType type, HostFunctionCallback callback)
        : base(store, type)
    {
        _callback = callback;
        _signature = store.Engine.Signatures.Get(type);
        Code = _signature.TrampolinePointer;
        Context = this;
    }

    public override string ToString() => $"host function {FunctionType}";

    /// <summary>
    /// Called by the trampoline with the packed arguments: runs the callback and checks its results. Whatever the
    /// callback throws becomes a <see cref="TrapCode.HostError"/> trap, except a trap, which passes through.
    /// </summary>
    internal static WasmValue[] CallFromWasm(object context, WasmValue[] arguments)
    {
        var self = (HostFunction)context;
        var results = self.FunctionType.Results;
        var values = results.Count == 0 ? [] : new WasmValue[results.Count];
        try
        {
            self._callback(arguments, values);
        }
        catch (Exception e) when (e is not WasmTrapException)
        {
            throw new WasmTrapException(TrapCode.HostError, null, e);
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Type != results[i])
            {
                throw new WasmTrapException(TrapCode.HostError, null, new InvalidOperationException(
                    $"The host function's result {i} must be a {results[i].ToWatName()}, but it is {Describe(values[i])}."));
            }

            if (results[i] == ValType.FuncRef && values[i].AsReference() is { } f && !self.Store.Owns(f))
            {
                throw new WasmTrapException(TrapCode.HostError, null, new InvalidOperationException(
                    $"The host function's result {i} is a function of another store."));
            }
        }

        return values;
    }

    private static string Describe(WasmValue value) =>
        Enum.IsDefined(value.Type) ? $"a {value.Type.ToWatName()}" : "not set";
}
