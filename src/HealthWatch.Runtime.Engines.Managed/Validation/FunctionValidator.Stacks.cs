using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>
/// The operand and control stack operations of the spec's validation algorithm, transcribed one to one.
/// See https://webassembly.github.io/spec/core/appendix/algorithm.html.
/// </summary>
internal sealed partial class FunctionValidator
{
    private static readonly ValType[] NoTypes = [];
    private static readonly ValType[] I32Types = [ValType.I32];
    private static readonly ValType[] I64Types = [ValType.I64];
    private static readonly ValType[] F32Types = [ValType.F32];
    private static readonly ValType[] F64Types = [ValType.F64];
    private static readonly ValType[] FuncRefTypes = [ValType.FuncRef];
    private static readonly ValType[] ExternRefTypes = [ValType.ExternRef];

    private void Push(ValType type) => _operands.Push(type);

    private void PushValues(ValType[] types)
    {
        foreach (var type in types)
        {
            _operands.Push(type);
        }
    }

    private ValType PopAny()
    {
        ref var frame = ref _controls.Top;
        if (_operands.Count == frame.Height)
        {
            return frame.Unreachable ? OperandStack.Unknown : throw TypeMismatch();
        }

        return _operands.Pop();
    }

    private ValType Pop(ValType expected)
    {
        var actual = PopAny();
        if (actual != expected && actual != OperandStack.Unknown && expected != OperandStack.Unknown)
        {
            throw TypeMismatch();
        }

        return actual;
    }

    private void PopValues(ValType[] types)
    {
        for (var i = types.Length - 1; i >= 0; i--)
        {
            Pop(types[i]);
        }
    }

    /// <summary>
    /// The algorithm's <c>push_vals(pop_vals(types))</c> without moving anything: checks that the top of the
    /// stack matches <paramref name="types"/>, where slots below an unreachable frame's height are unknown.
    /// </summary>
    private void CheckTopValues(ValType[] types)
    {
        ref var frame = ref _controls.Top;
        var available = _operands.Count - frame.Height;
        for (var depth = 0; depth < types.Length; depth++)
        {
            var expected = types[types.Length - 1 - depth];
            if (depth >= available)
            {
                if (!frame.Unreachable)
                {
                    throw TypeMismatch();
                }

                return;
            }

            var actual = _operands.Peek(depth);
            if (actual != expected && actual != OperandStack.Unknown)
            {
                throw TypeMismatch();
            }
        }
    }

    private void PushControl(Opcode opcode, ValType[] startTypes, ValType[] endTypes)
    {
        _controls.Push(opcode, startTypes, endTypes, _operands.Count);
        PushValues(startTypes);
    }

    private ControlFrame PopControl()
    {
        ref var frame = ref _controls.Top;
        PopValues(frame.EndTypes);
        if (_operands.Count != frame.Height)
        {
            throw TypeMismatch();
        }

        return _controls.Pop();
    }

    /// <summary>After an unconditional branch the rest of the block is stack-polymorphic.</summary>
    private void SetUnreachable()
    {
        ref var frame = ref _controls.Top;
        _operands.Truncate(frame.Height);
        frame.Unreachable = true;
    }

    private ValType[] LabelTypes(uint depth) =>
        depth < (uint)_controls.Count ? _controls[(int)depth].LabelTypes : throw Invalid($"unknown label {depth}");

    private static ValType[] Single(ValType type) => type switch
    {
        ValType.I32 => I32Types,
        ValType.I64 => I64Types,
        ValType.F32 => F32Types,
        ValType.F64 => F64Types,
        ValType.FuncRef => FuncRefTypes,
        _ => ExternRefTypes,
    };

    private static bool IsNumeric(ValType type) => type is ValType.I32 or ValType.I64 or ValType.F32 or ValType.F64 or OperandStack.Unknown;

    private static bool IsReference(ValType type) => type is ValType.FuncRef or ValType.ExternRef or OperandStack.Unknown;

    private WasmModuleException Invalid(string message) => ValidationContext.Invalid(message, _offset);

    private WasmModuleException TypeMismatch() => ValidationContext.Invalid("type mismatch", _offset);
}
