using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Numeric instructions, described by a table: how many operands they pop, what they push, and either a CIL
/// sequence or a helper to call (https://webassembly.github.io/spec/core/exec/numerics.html). Comparisons
/// push CIL's 0/1; float <c>le</c>/<c>ge</c>/<c>ne</c> use the unordered forms negated, so NaN compares false
/// (true for <c>ne</c>).
/// </summary>
internal sealed partial class FunctionCompiler
{
    private static readonly Dictionary<Opcode, NumericOp> Numerics = BuildNumerics();

    /// <summary>Emits numeric instruction <paramref name="op"/>; <paramref name="ahead"/> reads the instructions after it.</summary>
    private void EmitNumeric(Opcode op, WasmReader ahead)
    {
        var numeric = NumericFor(op, ahead, _stack.Count >= 3 && _constants[^3]);
        if (numeric.Helper is { } helper)
        {
            EmitCallHelper(helper);
        }
        else
        {
            foreach (var code in numeric.Code)
            {
                _il.Emit(code);
            }
        }

        // A result computed from constants only is one too, as far as the JIT is concerned.
        var constant = _constants[^1] && (numeric.Arity == 1 || _constants[^2]);
        PopMany(numeric.Arity);
        Push(numeric.Result, constant);
    }

    /// <summary>
    /// f32 and f64 constants. NaNs and the identities of add/sub/mul/div (±0, ±1) are built from their bits at
    /// run time (see <see cref="OpaqueBits"/>); everything else is a plain CIL constant.
    /// </summary>
    private void EmitFloatConstant(ValType type, ulong bits)
    {
        var value = type == ValType.F32 ? BitConverter.UInt32BitsToSingle((uint)bits) : BitConverter.UInt64BitsToDouble(bits);
        var opaque = double.IsNaN(value) || value is 0d or 1d or -1d;
        switch (type, opaque)
        {
            case (ValType.F32, false):
                _il.Emit(OpCodes.Ldc_R4, (float)value);
                break;
            case (ValType.F64, false):
                _il.Emit(OpCodes.Ldc_R8, value);
                break;
            case (ValType.F32, true):
                _il.LoadConstant((int)bits);
                EmitCallHelper(OpaqueZero32);
                _il.Emit(OpCodes.Or);
                EmitCallHelper(Int32BitsToSingle);
                break;
            default:
                _il.LoadConstant((long)bits);
                EmitCallHelper(OpaqueZero64);
                _il.Emit(OpCodes.Or);
                EmitCallHelper(Int64BitsToDouble);
                break;
        }

        Push(type, constant: true);
    }

    /// <summary><c>IntegerOps.Select&lt;T&gt;</c> per operand type, instantiated once (MakeGenericMethod costs microseconds).</summary>
    private static readonly Dictionary<ValType, MethodInfo> SelectMethods = new[] { ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.FuncRef, ValType.ExternRef }.ToDictionary(
        type => type,
        type => Members.Static(typeof(IntegerOps), nameof(IntegerOps.Select)).MakeGenericMethod(ClrTypes.ToClr(type)));

    private static MethodInfo SelectMethod(ValType type) => SelectMethods[type];

    private static readonly MethodInfo Int32BitsToSingle = Members.Static(typeof(BitConverter), nameof(BitConverter.Int32BitsToSingle));
    private static readonly MethodInfo Int64BitsToDouble = Members.Static(typeof(BitConverter), nameof(BitConverter.Int64BitsToDouble));
    private static readonly MethodInfo OpaqueZero32 = typeof(OpaqueBits).GetProperty(nameof(OpaqueBits.Zero32), BindingFlags.Static | BindingFlags.NonPublic)!.GetMethod!;
    private static readonly MethodInfo OpaqueZero64 = typeof(OpaqueBits).GetProperty(nameof(OpaqueBits.Zero64), BindingFlags.Static | BindingFlags.NonPublic)!.GetMethod!;

    private static Dictionary<Opcode, NumericOp> BuildNumerics()
    {
        const ValType I32 = ValType.I32, I64 = ValType.I64, F32 = ValType.F32, F64 = ValType.F64;
        OpCode[] eq = [OpCodes.Ceq];
        OpCode[] ne = [OpCodes.Ceq, OpCodes.Ldc_I4_0, OpCodes.Ceq];
        OpCode[] leSigned = [OpCodes.Cgt, OpCodes.Ldc_I4_0, OpCodes.Ceq];
        OpCode[] geSigned = [OpCodes.Clt, OpCodes.Ldc_I4_0, OpCodes.Ceq];
        OpCode[] leUnsignedOrUnordered = [OpCodes.Cgt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq];
        OpCode[] geUnsignedOrUnordered = [OpCodes.Clt_Un, OpCodes.Ldc_I4_0, OpCodes.Ceq];
        var table = new Dictionary<Opcode, NumericOp>
        {
            [Opcode.I32Eqz] = Cil(1, I32, OpCodes.Ldc_I4_0, OpCodes.Ceq),
            [Opcode.I64Eqz] = Cil(1, I32, OpCodes.Ldc_I4_0, OpCodes.Conv_I8, OpCodes.Ceq),
            [Opcode.I32WrapI64] = Cil(1, I32, OpCodes.Conv_I4),
            [Opcode.I64ExtendI32S] = Cil(1, I64, OpCodes.Conv_I8),
            [Opcode.I64ExtendI32U] = Cil(1, I64, OpCodes.Conv_U8),
            [Opcode.F32ConvertI32S] = Cil(1, F32, OpCodes.Conv_R4),
            [Opcode.F64ConvertI32S] = Cil(1, F64, OpCodes.Conv_R8),
            [Opcode.F64ConvertI64S] = Cil(1, F64, OpCodes.Conv_R8),
            [Opcode.F64PromoteF32] = Cil(1, F64, OpCodes.Conv_R8),
            [Opcode.I32Extend8S] = Cil(1, I32, OpCodes.Conv_I1),
            [Opcode.I32Extend16S] = Cil(1, I32, OpCodes.Conv_I2),
            [Opcode.I64Extend8S] = Cil(1, I64, OpCodes.Conv_I1, OpCodes.Conv_I8),
            [Opcode.I64Extend16S] = Cil(1, I64, OpCodes.Conv_I2, OpCodes.Conv_I8),
            [Opcode.I64Extend32S] = Cil(1, I64, OpCodes.Conv_I4, OpCodes.Conv_I8),
            [Opcode.I32ReinterpretF32] = Call(1, I32, typeof(BitConverter), nameof(BitConverter.SingleToInt32Bits)),
            [Opcode.I64ReinterpretF64] = Call(1, I64, typeof(BitConverter), nameof(BitConverter.DoubleToInt64Bits)),
            [Opcode.F32ReinterpretI32] = Call(1, F32, typeof(FloatOps), nameof(FloatOps.ReinterpretI32)),
            [Opcode.F64ReinterpretI64] = Call(1, F64, typeof(BitConverter), nameof(BitConverter.Int64BitsToDouble)),
        };

        // Integer comparisons and arithmetic: the i32 and i64 opcodes run in parallel.
        foreach (var (first, type, bits) in new[] { (Opcode.I32Eq, I32, "32"), (Opcode.I64Eq, I64, "64") })
        {
            OpCode[][] compares = [eq, ne, [OpCodes.Clt], [OpCodes.Clt_Un], [OpCodes.Cgt], [OpCodes.Cgt_Un], leSigned, leUnsignedOrUnordered, geSigned, geUnsignedOrUnordered];
            for (var i = 0; i < compares.Length; i++)
            {
                table[Next(first, i)] = Cil(2, I32, compares[i]);
            }

            var clz = type == I32 ? Opcode.I32Clz : Opcode.I64Clz;
            table[clz] = Call(1, type, typeof(IntegerOps), "Clz" + bits);
            table[Next(clz, 1)] = Call(1, type, typeof(IntegerOps), "Ctz" + bits);
            table[Next(clz, 2)] = Call(1, type, typeof(IntegerOps), "Popcnt" + bits);
            table[Next(clz, 3)] = Cil(2, type, OpCodes.Add);
            table[Next(clz, 4)] = Cil(2, type, OpCodes.Sub);
            table[Next(clz, 5)] = Cil(2, type, OpCodes.Mul);
            string[] helpers = ["DivS", "DivU", "RemS", "RemU"];
            for (var i = 0; i < helpers.Length; i++)
            {
                table[Next(clz, 6 + i)] = Call(2, type, typeof(IntegerOps), helpers[i] + bits);
            }

            table[Next(clz, 10)] = Cil(2, type, OpCodes.And);
            table[Next(clz, 11)] = Cil(2, type, OpCodes.Or);
            table[Next(clz, 12)] = Cil(2, type, OpCodes.Xor);
            string[] shifts = ["Shl", "ShrS", "ShrU", "Rotl", "Rotr"];
            for (var i = 0; i < shifts.Length; i++)
            {
                table[Next(clz, 13 + i)] = Call(2, type, typeof(IntegerOps), shifts[i] + bits);
            }
        }

        // Float comparisons and arithmetic.
        foreach (var (compare, abs, type, bits) in new[] { (Opcode.F32Eq, Opcode.F32Abs, F32, "32"), (Opcode.F64Eq, Opcode.F64Abs, F64, "64") })
        {
            OpCode[][] compares = [eq, ne, [OpCodes.Clt], [OpCodes.Cgt], leUnsignedOrUnordered, geUnsignedOrUnordered];
            for (var i = 0; i < compares.Length; i++)
            {
                table[Next(compare, i)] = Cil(2, I32, compares[i]);
            }

            string[] unary = ["Abs", "Neg", "Ceil", "Floor", "Trunc", "Nearest", "Sqrt"];
            for (var i = 0; i < unary.Length; i++)
            {
                table[Next(abs, i)] = Call(1, type, typeof(FloatOps), unary[i] + bits);
            }

            table[Next(abs, 7)] = Cil(2, type, OpCodes.Add);
            table[Next(abs, 8)] = Cil(2, type, OpCodes.Sub);
            table[Next(abs, 9)] = Cil(2, type, OpCodes.Mul);
            table[Next(abs, 10)] = Cil(2, type, OpCodes.Div);
            table[Next(abs, 11)] = Call(2, type, typeof(FloatOps), "Min" + bits);
            table[Next(abs, 12)] = Call(2, type, typeof(FloatOps), "Max" + bits);
            table[Next(abs, 13)] = Call(2, type, typeof(FloatOps), "Copysign" + bits);
        }

        // Conversions with traps, saturation or exact rounding: ConversionOps names its helpers after the opcodes.
        Opcode[] conversions =
        [
            Opcode.I32TruncF32S, Opcode.I32TruncF32U, Opcode.I32TruncF64S, Opcode.I32TruncF64U,
            Opcode.I64TruncF32S, Opcode.I64TruncF32U, Opcode.I64TruncF64S, Opcode.I64TruncF64U,
            Opcode.I32TruncSatF32S, Opcode.I32TruncSatF32U, Opcode.I32TruncSatF64S, Opcode.I32TruncSatF64U,
            Opcode.I64TruncSatF32S, Opcode.I64TruncSatF32U, Opcode.I64TruncSatF64S, Opcode.I64TruncSatF64U,
            Opcode.F32ConvertI32U, Opcode.F32ConvertI64S, Opcode.F32ConvertI64U, Opcode.F64ConvertI32U, Opcode.F64ConvertI64U,
            Opcode.F32DemoteF64,
        ];
        foreach (var op in conversions)
        {
            var helper = Members.Static(typeof(ConversionOps), op.ToString());
            table[op] = new NumericOp(1, ClrToValType(helper.ReturnType), [], helper);
        }

        return table;
    }

    private static Opcode Next(Opcode first, int distance) => (Opcode)((int)first + distance);

    private static NumericOp Cil(int arity, ValType result, params OpCode[] code) => new(arity, result, code, null);

    private static NumericOp Call(int arity, ValType result, Type type, string name) => new(arity, result, [], Members.Static(type, name));

    private static ValType ClrToValType(Type type) =>
        type == typeof(int) ? ValType.I32 : type == typeof(long) ? ValType.I64 : type == typeof(float) ? ValType.F32 : ValType.F64;

    /// <summary>A numeric instruction: pops <paramref name="Arity"/> operands, runs <paramref name="Code"/> or calls <paramref name="Helper"/>, pushes one <paramref name="Result"/>.</summary>
    private sealed record NumericOp(int Arity, ValType Result, OpCode[] Code, MethodInfo? Helper);
}
