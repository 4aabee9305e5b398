using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>
/// Validates constant expressions (global initialisers, segment offsets, element items). In Wasm 2.0 they
/// may only use <c>t.const</c>, <c>ref.null</c>, <c>ref.func</c> and <c>global.get</c> of an imported,
/// immutable global; the context holds imported globals only, so any other global is unknown.
/// See https://webassembly.github.io/spec/core/valid/instructions.html#constant-expressions and
/// https://webassembly.github.io/spec/core/valid/modules.html#valid-module.
/// </summary>
internal static class ConstantExpressionValidator
{
    /// <summary>Checks that <paramref name="expression"/> is constant and produces exactly one <paramref name="expected"/>.</summary>
    /// <remarks>Every <c>ref.func</c> is recorded in <see cref="ValidationContext.DeclaredFunctions"/>.</remarks>
    public static void Validate(ValidationContext context, ConstantExpression expression, ValType expected)
    {
        var module = context.Module;
        var reader = new WasmReader(module.Bytes.Span.Slice(expression.Offset, expression.Length), expression.Offset);

        // Constant instructions only push, so the stack is summarised by its height and top type. Like the
        // reference interpreter, report a non-constant instruction before any type mismatch.
        var count = 0;
        ValType top = OperandStack.Unknown;
        while (true)
        {
            var offset = reader.Offset;
            var opcode = reader.ReadOpcode();
            switch (opcode)
            {
                case Opcode.End:
                    if (count != 1 || top != expected)
                    {
                        throw ValidationContext.Invalid("type mismatch", offset);
                    }

                    return;
                case Opcode.I32Const:
                    reader.ReadVarS32();
                    top = ValType.I32;
                    break;
                case Opcode.I64Const:
                    reader.ReadVarS64();
                    top = ValType.I64;
                    break;
                case Opcode.F32Const:
                    reader.ReadF32Bits();
                    top = ValType.F32;
                    break;
                case Opcode.F64Const:
                    reader.ReadF64Bits();
                    top = ValType.F64;
                    break;
                case Opcode.RefNull:
                    top = reader.ReadRefType();
                    break;
                case Opcode.RefFunc:
                    var function = reader.ReadVarU32();
                    context.FunctionType(function, offset);
                    context.DeclaredFunctions[function] = true;
                    top = ValType.FuncRef;
                    break;
                case Opcode.GlobalGet:
                    var index = reader.ReadVarU32();
                    if (index >= (uint)module.ImportedGlobalCount)
                    {
                        throw ValidationContext.Invalid($"unknown global {index}", offset);
                    }

                    var global = context.Global(index, offset);
                    if (global.Mutable)
                    {
                        throw ValidationContext.Invalid("constant expression required", offset);
                    }

                    top = global.ValueType;
                    break;
                default:
                    throw ValidationContext.Invalid("constant expression required", offset);
            }

            count++;
        }
    }
}
