using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Interpretation;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>Continues an interpreted call in compiled code: reads the frame at <c>fp</c>, writes the results there.</summary>
internal delegate void OsrEntry(InterpreterStack stack, int fp, object context);

/// <summary>
/// Compiles on-stack-replacement entries (<see cref="FunctionCompiler.EmitOsrEntry"/>): each in a collectible
/// assembly of its own, calling the module's compiled functions. <c>Body</c> is the function entered at the
/// loop; <c>Enter</c> adapts it to <see cref="OsrEntry"/>.
/// </summary>
internal static class OsrCompiler
{
    public static readonly MethodInfo StackSlots = typeof(InterpreterStack).GetProperty(nameof(InterpreterStack.Slots))!.GetMethod!;
    public static readonly MethodInfo StackReferences = typeof(InterpreterStack).GetProperty(nameof(InterpreterStack.References))!.GetMethod!;

    private static readonly MethodInfo Int32BitsToSingle = typeof(BitConverter).GetMethod(nameof(BitConverter.Int32BitsToSingle))!;
    private static readonly MethodInfo Int64BitsToDouble = typeof(BitConverter).GetMethod(nameof(BitConverter.Int64BitsToDouble))!;
    private static readonly MethodInfo SingleToInt32Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.SingleToInt32Bits))!;
    private static readonly MethodInfo DoubleToInt64Bits = typeof(BitConverter).GetMethod(nameof(BitConverter.DoubleToInt64Bits))!;

    private static long s_count;

    public static OsrEntry Compile(CompiledModule module, CompilerSettings settings, int definedIndex, int loop)
    {
        var definition = module.Definition;
        var type = definition.Types[definition.FunctionTypeIndices[definedIndex]];
        var builder = DynamicAssembly.DefineModule($"HealthWatch.Wasm.Osr{Interlocked.Increment(ref s_count)}")
            .DefineType("Osr", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
        var returnType = ClrTypes.ReturnType(type.Results);
        var body = builder.DefineMethod("Body", MethodAttributes.Public | MethodAttributes.Static, returnType,
            [.. ClrTypes.ParameterTypes(type), typeof(InterpreterStack), typeof(int)]);
        body.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);
        FunctionCompiler.Compile(new ModuleContext(definition, settings, builder, module.Methods), definedIndex, body, loop);

        var il = builder.DefineMethod("Enter", MethodAttributes.Public | MethodAttributes.Static, typeof(void),
            [typeof(InterpreterStack), typeof(int), typeof(object)]).GetILGenerator();

        // The parameters' values come from the frame; the arguments are placeholders.
        foreach (var parameter in type.Parameters)
        {
            il.LoadZero(parameter);
        }

        il.Emit(OpCodes.Ldarg_2);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Call, body);
        var temps = ClrTypes.EmitSpillResults(il, type.Results);

        // The stack's arrays are read after the call: code it ran may have grown them.
        for (var i = 0; i < temps.Length; i++)
        {
            var result = type.Results[i];
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, result.IsReference() ? StackReferences : StackSlots);
            il.Emit(OpCodes.Ldarg_1);
            il.LoadConstant(i);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldloc, temps[i]);
            EmitStoreSlot(il, result);
        }

        il.Emit(OpCodes.Ret);
        return builder.CreateType().GetMethod("Enter")!.CreateDelegate<OsrEntry>();
    }

    /// <summary>With an array and an index on the stack: loads the slot as a value of <paramref name="type"/>.</summary>
    public static void EmitLoadSlot(ILGenerator il, ValType type)
    {
        switch (type)
        {
            case ValType.I32:
                il.Emit(OpCodes.Ldelem_I8);
                il.Emit(OpCodes.Conv_I4);
                break;
            case ValType.I64:
                il.Emit(OpCodes.Ldelem_I8);
                break;
            case ValType.F32:
                il.Emit(OpCodes.Ldelem_I8);
                il.Emit(OpCodes.Conv_I4);
                il.Emit(OpCodes.Call, Int32BitsToSingle);
                break;
            case ValType.F64:
                il.Emit(OpCodes.Ldelem_I8);
                il.Emit(OpCodes.Call, Int64BitsToDouble);
                break;
            case ValType.FuncRef:
                il.Emit(OpCodes.Ldelem_Ref);
                il.Emit(OpCodes.Castclass, typeof(FunctionInstance));
                break;
            default:
                il.Emit(OpCodes.Ldelem_Ref);
                break;
        }
    }

    /// <summary>With an array, an index and a value of <paramref name="type"/> on the stack: stores the value in the slot.</summary>
    private static void EmitStoreSlot(ILGenerator il, ValType type)
    {
        switch (type)
        {
            case ValType.I32:
                il.Emit(OpCodes.Conv_I8);
                il.Emit(OpCodes.Stelem_I8);
                break;
            case ValType.I64:
                il.Emit(OpCodes.Stelem_I8);
                break;
            case ValType.F32:
                il.Emit(OpCodes.Call, SingleToInt32Bits);
                il.Emit(OpCodes.Conv_U8);
                il.Emit(OpCodes.Stelem_I8);
                break;
            case ValType.F64:
                il.Emit(OpCodes.Call, DoubleToInt64Bits);
                il.Emit(OpCodes.Stelem_I8);
                break;
            default:
                il.Emit(OpCodes.Stelem_Ref);
                break;
        }
    }
}
