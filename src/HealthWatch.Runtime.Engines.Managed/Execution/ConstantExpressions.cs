using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Evaluates the constant expressions of a validated module (global initialisers, segment offsets and items).</summary>
internal static class ConstantExpressions
{
    /// <summary>The value of <paramref name="expression"/>; <c>ref.func</c> reads the function index space, <c>global.get</c> the globals initialised so far.</summary>
    public static WasmValue Evaluate(ModuleDefinition definition, ConstantExpression expression, FunctionInstance[] functions, GlobalInstance[] globals)
    {
        var reader = new WasmReader(definition.Bytes.Span.Slice(expression.Offset, expression.Length), expression.Offset);
        var opcode = reader.ReadOpcode();
        var value = opcode switch
        {
            Opcode.I32Const => WasmValue.FromInt32(reader.ReadVarS32()),
            Opcode.I64Const => WasmValue.FromInt64(reader.ReadVarS64()),
            Opcode.F32Const => WasmValue.FromSingleBits(reader.ReadF32Bits()),
            Opcode.F64Const => WasmValue.FromDoubleBits(reader.ReadF64Bits()),
            Opcode.RefNull => WasmValue.Null(reader.ReadRefType()),
            Opcode.RefFunc => WasmValue.FromFuncRef(functions[checked((int)reader.ReadVarU32())]),
            Opcode.GlobalGet => globals[checked((int)reader.ReadVarU32())].Value,
            _ => throw NotConstant(opcode, expression),
        };

        // The validator admits exactly one instruction before the end; anything else is a validator bug.
        var end = reader.ReadOpcode();
        return end == Opcode.End ? value : throw NotConstant(end, expression);
    }

    private static InvalidOperationException NotConstant(Opcode opcode, ConstantExpression expression) =>
        new($"Unexpected {opcode} in the constant expression at offset 0x{expression.Offset:x} of a validated module.");
}
