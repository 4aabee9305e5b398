using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// How WebAssembly types map onto CLR types in generated code, and the calling convention shared by
/// compiled functions, entry stubs and host trampolines (see <see cref="FunctionInstance"/>).
/// </summary>
internal static class ClrTypes
{
    private static readonly Type[] TupleDefinitions =
    [
        typeof(ValueTuple<,>), typeof(ValueTuple<,,>), typeof(ValueTuple<,,,>), typeof(ValueTuple<,,,,>),
        typeof(ValueTuple<,,,,,>), typeof(ValueTuple<,,,,,,>), typeof(ValueTuple<,,,,,,,>),
    ];

    public static Type ToClr(ValType type) => type switch
    {
        ValType.I32 => typeof(int),
        ValType.I64 => typeof(long),
        ValType.F32 => typeof(float),
        ValType.F64 => typeof(double),
        ValType.FuncRef => typeof(FunctionInstance),
        ValType.ExternRef => typeof(object),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No CLR type for this value type."),
    };

    /// <summary>Parameter types of a compiled function: the WebAssembly parameters, then the context object.</summary>
    public static Type[] ParameterTypes(FuncType type)
    {
        var result = new Type[type.Parameters.Count + 1];
        for (var i = 0; i < type.Parameters.Count; i++)
        {
            result[i] = ToClr(type.Parameters[i]);
        }

        result[^1] = typeof(object);
        return result;
    }

    /// <summary>void, the single result's type, or a ValueTuple of all results (nested through TRest past seven).</summary>
    public static Type ReturnType(IReadOnlyList<ValType> results) => results.Count switch
    {
        0 => typeof(void),
        1 => ToClr(results[0]),
        _ => TupleType(results, 0),
    };

    /// <summary>
    /// Emits, with a call's return value of <paramref name="results"/> on the stack: unpack it and store each result
    /// in a new local. Returns the locals, in result order.
    /// </summary>
    public static LocalBuilder[] EmitSpillResults(ILGenerator il, IReadOnlyList<ValType> results)
    {
        if (results.Count > 1)
        {
            EmitUnpackTuple(il, ReturnType(results));
        }

        // Last result on top: spill from the last.
        var temps = new LocalBuilder[results.Count];
        for (var i = temps.Length - 1; i >= 0; i--)
        {
            temps[i] = il.DeclareLocal(ToClr(results[i]));
            il.Emit(OpCodes.Stloc, temps[i]);
        }

        return temps;
    }

    /// <summary>Emits: pop a result tuple of <paramref name="tupleType"/>, push its elements in order.</summary>
    public static void EmitUnpackTuple(ILGenerator il, Type tupleType) => EmitUnpackTuple(il, il.DeclareLocal(tupleType));

    /// <summary>Emits: pop a result tuple into <paramref name="temp"/> (a local of the tuple type), push its elements in order.</summary>
    public static void EmitUnpackTuple(ILGenerator il, LocalBuilder temp)
    {
        il.Emit(OpCodes.Stloc, temp);
        EmitUnpackFrom(il, temp, []);
    }

    /// <summary>Emits: with the results pushed in order, pop them and push one result tuple of <paramref name="tupleType"/>.</summary>
    public static void EmitPackTuple(ILGenerator il, Type tupleType)
    {
        // Arguments are already in order for the innermost constructor only when there are at most seven;
        // beyond that the rest tuple must be built first, so spill to locals.
        var elementTypes = FlattenElementTypes(tupleType);
        var temps = new LocalBuilder[elementTypes.Count];
        for (var i = temps.Length - 1; i >= 0; i--)
        {
            temps[i] = il.DeclareLocal(elementTypes[i]);
            il.Emit(OpCodes.Stloc, temps[i]);
        }

        EmitConstruct(il, tupleType, temps, 0);
    }

    private static Type TupleType(IReadOnlyList<ValType> results, int start)
    {
        var remaining = results.Count - start;
        if (remaining <= 7)
        {
            var args = new Type[remaining];
            for (var i = 0; i < remaining; i++)
            {
                args[i] = ToClr(results[start + i]);
            }

            return remaining == 1 ? typeof(ValueTuple<>).MakeGenericType(args) : TupleDefinitions[remaining - 2].MakeGenericType(args);
        }

        var head = new Type[8];
        for (var i = 0; i < 7; i++)
        {
            head[i] = ToClr(results[start + i]);
        }

        head[7] = TupleType(results, start + 7);
        return TupleDefinitions[6].MakeGenericType(head);
    }

    private static List<Type> FlattenElementTypes(Type tupleType)
    {
        var result = new List<Type>();
        var args = tupleType.GetGenericArguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (i == 7)
            {
                result.AddRange(FlattenElementTypes(args[7]));
            }
            else
            {
                result.Add(args[i]);
            }
        }

        return result;
    }

    private static int EmitConstruct(ILGenerator il, Type tupleType, LocalBuilder[] temps, int next)
    {
        var args = tupleType.GetGenericArguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (i == 7)
            {
                next = EmitConstruct(il, args[7], temps, next);
            }
            else
            {
                il.Emit(OpCodes.Ldloc, temps[next++]);
            }
        }

        il.Emit(OpCodes.Newobj, tupleType.GetConstructor(args)!);
        return next;
    }

    private static void EmitUnpackFrom(ILGenerator il, LocalBuilder tuple, List<FieldInfo> path)
    {
        var tupleType = path.Count == 0 ? tuple.LocalType : path[^1].FieldType;
        var args = tupleType.GetGenericArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var field = tupleType.GetField(i == 7 ? "Rest" : $"Item{i + 1}")!;
            if (i == 7)
            {
                EmitUnpackFrom(il, tuple, [.. path, field]);
                continue;
            }

            il.Emit(OpCodes.Ldloca, tuple);
            foreach (var step in path)
            {
                il.Emit(OpCodes.Ldflda, step);
            }

            il.Emit(OpCodes.Ldfld, field);
        }
    }
}
