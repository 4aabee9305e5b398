using System.Reflection.Emit;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>Short-form emission of constants, zeros and arguments.</summary>
internal static class IlEmit
{
    public static void LoadConstant(this ILGenerator il, int value)
    {
        switch (value)
        {
            case -1: il.Emit(OpCodes.Ldc_I4_M1); break;
            case 0: il.Emit(OpCodes.Ldc_I4_0); break;
            case 1: il.Emit(OpCodes.Ldc_I4_1); break;
            case 2: il.Emit(OpCodes.Ldc_I4_2); break;
            case 3: il.Emit(OpCodes.Ldc_I4_3); break;
            case 4: il.Emit(OpCodes.Ldc_I4_4); break;
            case 5: il.Emit(OpCodes.Ldc_I4_5); break;
            case 6: il.Emit(OpCodes.Ldc_I4_6); break;
            case 7: il.Emit(OpCodes.Ldc_I4_7); break;
            case 8: il.Emit(OpCodes.Ldc_I4_8); break;
            case >= sbyte.MinValue and <= sbyte.MaxValue: il.Emit(OpCodes.Ldc_I4_S, (sbyte)value); break;
            default: il.Emit(OpCodes.Ldc_I4, value); break;
        }
    }

    public static void LoadConstant(this ILGenerator il, long value) => il.Emit(OpCodes.Ldc_I8, value);

    /// <summary>Pushes the zero of <paramref name="type"/>: 0, 0L, +0.0f, +0.0 or null.</summary>
    public static void LoadZero(this ILGenerator il, ValType type)
    {
        switch (type)
        {
            case ValType.I32:
                il.LoadConstant(0);
                break;
            case ValType.I64:
                il.LoadConstant(0L);
                break;
            case ValType.F32:
                il.Emit(OpCodes.Ldc_R4, 0f);
                break;
            case ValType.F64:
                il.Emit(OpCodes.Ldc_R8, 0d);
                break;
            default:
                il.Emit(OpCodes.Ldnull);
                break;
        }
    }

    public static void LoadArgument(this ILGenerator il, int index)
    {
        switch (index)
        {
            case 0: il.Emit(OpCodes.Ldarg_0); break;
            case 1: il.Emit(OpCodes.Ldarg_1); break;
            case 2: il.Emit(OpCodes.Ldarg_2); break;
            case 3: il.Emit(OpCodes.Ldarg_3); break;
            case <= byte.MaxValue: il.Emit(OpCodes.Ldarg_S, (byte)index); break;
            default: il.Emit(OpCodes.Ldarg, (short)index); break;
        }
    }

    public static void StoreArgument(this ILGenerator il, int index)
    {
        if (index <= byte.MaxValue)
        {
            il.Emit(OpCodes.Starg_S, (byte)index);
        }
        else
        {
            il.Emit(OpCodes.Starg, (short)index);
        }
    }
}
