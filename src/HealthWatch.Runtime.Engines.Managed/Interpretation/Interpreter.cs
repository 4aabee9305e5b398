using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Interpretation;

/// <summary>
/// Runs functions in their interpreted form (docs/managed-engine.md, "Tiers"). An interpreted function keeps the
/// calling convention of compiled code (its <see cref="FunctionInstance.Code"/> is the interpreter trampoline of
/// its type, its context the function itself), so compiled code, host code and other modules call it as they call
/// any function. Each call and loop iteration warms the function; once hot it is promoted to its compiled code.
/// Every check of compiled code happens here at the same points: the stack and call-depth limits at entry, fuel
/// and the interrupt at entry and loop headers, bounds and traps through the same helpers.
/// </summary>
internal static partial class Interpreter
{
    /// <summary>A bound on the native stack one interpreted call takes (its activation and the call helpers), in bytes.</summary>
    public const int FrameBytes = 4096;

    /// <summary>Calls interpreted <paramref name="function"/> from the host (the store's call boundary).</summary>
    public static void Invoke(WasmFunction function, ReadOnlySpan<WasmValue> arguments, Span<WasmValue> results)
    {
        var instance = function.Instance;
        var tiers = instance.Module!.Tiers;
        var defined = function.DefinedIndex;
        if (tiers.Warm(defined, 1))
        {
            function.Promote();
            function.Store.Engine.Signatures.Get(function.FunctionType).Entry(function.Code, function.Context, arguments, results);
            return;
        }

        var interpreted = tiers.Interpreted(defined);
        var stack = instance.State.Interpreter ??= function.Store.Engine.InterpreterStacks.Rent();
        var fp = stack.Top;
        stack.Ensure(fp + interpreted.FrameSlots);
        var parameters = function.FunctionType.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            StoreValue(stack, fp + i, arguments[i]);
        }

        Execute(instance, interpreted, fp);
        var types = function.FunctionType.Results;
        for (var i = 0; i < types.Count; i++)
        {
            results[i] = LoadValue(stack, fp + i, types[i]);
        }
    }

    /// <summary>Target of the interpreter trampoline (<see cref="Signatures"/>): compiled or host code calling an interpreted function.</summary>
    internal static WasmValue[] CallFromWasm(object context, WasmValue[] arguments)
    {
        var function = (WasmFunction)context;
        var count = function.FunctionType.Results.Count;
        var results = count == 0 ? [] : new WasmValue[count];
        Invoke(function, arguments, results);
        return results;
    }

    /// <summary>Calls <paramref name="callee"/> with the arguments at <paramref name="argumentBase"/>; its results land there.</summary>
    private static void Call(FunctionInstance callee, InterpreterStack stack, int argumentBase)
    {
        if (callee is WasmFunction { IsInterpreted: true } function)
        {
            var tiers = function.Instance.Module!.Tiers;
            if (!tiers.Warm(function.DefinedIndex, 1))
            {
                Execute(function.Instance, tiers.Interpreted(function.DefinedIndex), argumentBase);
                return;
            }

            function.Promote();
        }

        CallOut(callee, stack, argumentBase);
    }

    /// <summary>Calls compiled or host code: the values go through <see cref="WasmValue"/>s, as from the host.</summary>
    private static void CallOut(FunctionInstance callee, InterpreterStack stack, int argumentBase)
    {
        var type = callee.FunctionType;
        var arguments = type.Parameters.Count == 0 ? [] : new WasmValue[type.Parameters.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = LoadValue(stack, argumentBase + i, type.Parameters[i]);
        }

        WasmValue[] results;
        if (callee is HostFunction)
        {
            results = HostFunction.CallFromWasm(callee.Context, arguments);
        }
        else
        {
            results = type.Results.Count == 0 ? [] : new WasmValue[type.Results.Count];
            callee.Store.Engine.Signatures.Get(type).Entry(callee.Code, callee.Context, arguments, results);
        }

        for (var i = 0; i < results.Length; i++)
        {
            StoreValue(stack, argumentBase + i, results[i]);
        }
    }

    private static void StoreValue(InterpreterStack stack, int slot, in WasmValue value)
    {
        if (value.Type.IsReference())
        {
            stack.References[slot] = value.AsReference();
        }
        else
        {
            stack.Slots[slot] = (long)value.Bits;
        }
    }

    private static WasmValue LoadValue(InterpreterStack stack, int slot, ValType type)
    {
        var bits = stack.Slots[slot];
        return type switch
        {
            ValType.I32 => WasmValue.FromInt32((int)bits),
            ValType.I64 => WasmValue.FromInt64(bits),
            ValType.F32 => WasmValue.FromSingleBits((uint)bits),
            ValType.F64 => WasmValue.FromDoubleBits((ulong)bits),
            _ => ValueMarshal.FromReference(type, stack.References[slot]),
        };
    }
}
