using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>
/// Operand and result types of the instructions whose typing is fixed: numeric operators, conversions
/// and memory accesses. Tables indexed by opcode keep the validator's inner loop free of branching.
/// See https://webassembly.github.io/spec/core/valid/instructions.html#numeric-instructions.
/// </summary>
internal static class NumericSignatures
{
    // Slots 0x00..0xFF are single-byte opcodes; 0x100 + n is the 0xFC-prefixed opcode n.
    private const int SaturatingBase = 0x100;

    private static readonly Numeric[] Numerics = BuildNumerics();
    private static readonly Access[] Accesses = BuildAccesses();

    /// <summary>A fixed signature: <c>[First]</c> or <c>[First Second]</c> to <c>[Result]</c>.</summary>
    /// <param name="First">The first (deeper) operand.</param>
    /// <param name="Second">The second operand, or <see cref="OperandStack.Unknown"/> for a unary operator.</param>
    /// <param name="Result">The result; <see cref="OperandStack.Unknown"/> marks an opcode that is not numeric.</param>
    internal readonly record struct Numeric(ValType First, ValType Second, ValType Result);

    /// <summary>A load or store: the value type and the log2 of the access width (the natural alignment).</summary>
    internal readonly record struct Access(ValType Type, byte NaturalAlignment);

    /// <summary>The signature of a numeric opcode; its <see cref="Numeric.Result"/> is unknown for any other opcode.</summary>
    public static Numeric Get(Opcode opcode)
    {
        var slot = (int)opcode < 0x100 ? (int)opcode : SaturatingBase + ((int)opcode & 0xFF);
        return (uint)slot < (uint)Numerics.Length ? Numerics[slot] : default;
    }

    /// <summary>The value type and natural alignment of a load (0x28..0x35) or store (0x36..0x3E).</summary>
    public static Access GetAccess(Opcode opcode) => Accesses[(int)opcode - (int)Opcode.I32Load];

    private static Numeric[] BuildNumerics()
    {
        const ValType I32 = ValType.I32, I64 = ValType.I64, F32 = ValType.F32, F64 = ValType.F64;
        var table = new Numeric[SaturatingBase + 8];

        void Unary(Opcode first, Opcode last, ValType operand, ValType result)
        {
            for (var op = (int)first; op <= (int)last; op++)
            {
                table[op] = new Numeric(operand, OperandStack.Unknown, result);
            }
        }

        void Binary(Opcode first, Opcode last, ValType operand, ValType result)
        {
            for (var op = (int)first; op <= (int)last; op++)
            {
                table[op] = new Numeric(operand, operand, result);
            }
        }

        Unary(Opcode.I32Eqz, Opcode.I32Eqz, I32, I32);
        Binary(Opcode.I32Eq, Opcode.I32GeU, I32, I32);
        Unary(Opcode.I64Eqz, Opcode.I64Eqz, I64, I32);
        Binary(Opcode.I64Eq, Opcode.I64GeU, I64, I32);
        Binary(Opcode.F32Eq, Opcode.F32Ge, F32, I32);
        Binary(Opcode.F64Eq, Opcode.F64Ge, F64, I32);
        Unary(Opcode.I32Clz, Opcode.I32Popcnt, I32, I32);
        Binary(Opcode.I32Add, Opcode.I32Rotr, I32, I32);
        Unary(Opcode.I64Clz, Opcode.I64Popcnt, I64, I64);
        Binary(Opcode.I64Add, Opcode.I64Rotr, I64, I64);
        Unary(Opcode.F32Abs, Opcode.F32Sqrt, F32, F32);
        Binary(Opcode.F32Add, Opcode.F32Copysign, F32, F32);
        Unary(Opcode.F64Abs, Opcode.F64Sqrt, F64, F64);
        Binary(Opcode.F64Add, Opcode.F64Copysign, F64, F64);

        Unary(Opcode.I32WrapI64, Opcode.I32WrapI64, I64, I32);
        Unary(Opcode.I32TruncF32S, Opcode.I32TruncF32U, F32, I32);
        Unary(Opcode.I32TruncF64S, Opcode.I32TruncF64U, F64, I32);
        Unary(Opcode.I64ExtendI32S, Opcode.I64ExtendI32U, I32, I64);
        Unary(Opcode.I64TruncF32S, Opcode.I64TruncF32U, F32, I64);
        Unary(Opcode.I64TruncF64S, Opcode.I64TruncF64U, F64, I64);
        Unary(Opcode.F32ConvertI32S, Opcode.F32ConvertI32U, I32, F32);
        Unary(Opcode.F32ConvertI64S, Opcode.F32ConvertI64U, I64, F32);
        Unary(Opcode.F32DemoteF64, Opcode.F32DemoteF64, F64, F32);
        Unary(Opcode.F64ConvertI32S, Opcode.F64ConvertI32U, I32, F64);
        Unary(Opcode.F64ConvertI64S, Opcode.F64ConvertI64U, I64, F64);
        Unary(Opcode.F64PromoteF32, Opcode.F64PromoteF32, F32, F64);
        Unary(Opcode.I32ReinterpretF32, Opcode.I32ReinterpretF32, F32, I32);
        Unary(Opcode.I64ReinterpretF64, Opcode.I64ReinterpretF64, F64, I64);
        Unary(Opcode.F32ReinterpretI32, Opcode.F32ReinterpretI32, I32, F32);
        Unary(Opcode.F64ReinterpretI64, Opcode.F64ReinterpretI64, I64, F64);
        Unary(Opcode.I32Extend8S, Opcode.I32Extend16S, I32, I32);
        Unary(Opcode.I64Extend8S, Opcode.I64Extend32S, I64, I64);

        // Non-trapping float-to-int conversions (0xFC 0..7), in the same order as the trapping ones.
        (ValType From, ValType To)[] saturating = [(F32, I32), (F32, I32), (F64, I32), (F64, I32), (F32, I64), (F32, I64), (F64, I64), (F64, I64)];
        for (var i = 0; i < saturating.Length; i++)
        {
            table[SaturatingBase + i] = new Numeric(saturating[i].From, OperandStack.Unknown, saturating[i].To);
        }

        return table;
    }

    private static Access[] BuildAccesses()
    {
        const ValType I32 = ValType.I32, I64 = ValType.I64, F32 = ValType.F32, F64 = ValType.F64;
        return
        [
            new(I32, 2), new(I64, 3), new(F32, 2), new(F64, 3), // i32.load .. f64.load
            new(I32, 0), new(I32, 0), new(I32, 1), new(I32, 1), // i32.load8_s .. i32.load16_u
            new(I64, 0), new(I64, 0), new(I64, 1), new(I64, 1), new(I64, 2), new(I64, 2), // i64.load8_s .. i64.load32_u
            new(I32, 2), new(I64, 3), new(F32, 2), new(F64, 3), // i32.store .. f64.store
            new(I32, 0), new(I32, 1), new(I64, 0), new(I64, 1), new(I64, 2), // i32.store8 .. i64.store32
        ];
    }
}
