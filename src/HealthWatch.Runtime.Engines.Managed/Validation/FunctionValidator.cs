using System.Diagnostics;
using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>
/// Validates function bodies with the spec's algorithm
/// (https://webassembly.github.io/spec/core/appendix/algorithm.html). One instance validates all of a
/// module's functions and reuses its stacks, so validation allocates nothing per instruction.
/// The decoder has already checked the structure (block nesting, the final <c>end</c>, reserved zero bytes,
/// the data count section), so this is only about typing and indices.
/// </summary>
internal sealed partial class FunctionValidator(ValidationContext context)
{
    private readonly ValidationContext _context = context;
    private readonly OperandStack _operands = new();
    private readonly ControlStack _controls = new();
    private ValType[] _parameters = NoTypes;
    private ValType[] _results = NoTypes;
    private ValType[] _locals = NoTypes;

    /// <summary>Offset of the instruction being validated, for error messages.</summary>
    private int _offset;

    public void Validate(FunctionBody body, Signature signature)
    {
        _parameters = signature.Parameters;
        _results = signature.Results;
        _locals = body.Locals;
        _operands.Clear();
        _controls.Clear();
        var reader = new WasmReader(_context.Module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset);

        // The body is a block whose label is the function's results.
        PushControl(Opcode.Block, NoTypes, _results);
        while (_controls.Count > 0)
        {
            _offset = reader.Offset;
            ValidateInstruction(ref reader, reader.ReadOpcode());
        }
    }

    private void ValidateInstruction(ref WasmReader reader, Opcode opcode)
    {
        switch (opcode)
        {
            case Opcode.Unreachable:
                SetUnreachable();
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block or Opcode.Loop:
            {
                var (start, end) = ReadBlockType(ref reader);
                PopValues(start);
                PushControl(opcode, start, end);
                break;
            }

            case Opcode.If:
            {
                var (start, end) = ReadBlockType(ref reader);
                Pop(ValType.I32);
                PopValues(start);
                PushControl(opcode, start, end);
                break;
            }

            case Opcode.Else:
            {
                Debug.Assert(_controls.Top.Opcode == Opcode.If, "the decoder only lets else close the then-branch of an if");
                var frame = PopControl();
                PushControl(Opcode.Else, frame.StartTypes, frame.EndTypes);
                break;
            }

            case Opcode.End:
            {
                var frame = PopControl();

                // An if without else has an implicit empty else, which must turn its inputs into its outputs.
                if (frame.Opcode == Opcode.If && !frame.StartTypes.AsSpan().SequenceEqual(frame.EndTypes))
                {
                    throw TypeMismatch();
                }

                PushValues(frame.EndTypes);
                break;
            }

            case Opcode.Br:
                PopValues(LabelTypes(reader.ReadVarU32()));
                SetUnreachable();
                break;
            case Opcode.BrIf:
            {
                var types = LabelTypes(reader.ReadVarU32());
                Pop(ValType.I32);
                PopValues(types);
                PushValues(types);
                break;
            }

            case Opcode.BrTable:
                ValidateBrTable(ref reader);
                break;
            case Opcode.Return:
                PopValues(_results);
                SetUnreachable();
                break;
            case Opcode.Call:
            {
                var callee = _context.FunctionType(reader.ReadVarU32(), _offset);
                PopValues(callee.Parameters);
                PushValues(callee.Results);
                break;
            }

            case Opcode.CallIndirect:
            {
                var typeIndex = reader.ReadVarU32();
                var elementType = _context.TableElementType(reader.ReadVarU32(), _offset);
                var callee = _context.Type(typeIndex, _offset);
                if (elementType != ValType.FuncRef)
                {
                    throw TypeMismatch();
                }

                Pop(ValType.I32);
                PopValues(callee.Parameters);
                PushValues(callee.Results);
                break;
            }

            case Opcode.Drop:
                PopAny();
                break;
            case Opcode.Select:
            {
                // Untyped select is for numeric operands only; reference operands need select t.
                Pop(ValType.I32);
                var first = PopAny();
                var second = PopAny();
                if (!IsNumeric(first) || !IsNumeric(second) ||
                    (first != second && first != OperandStack.Unknown && second != OperandStack.Unknown))
                {
                    throw TypeMismatch();
                }

                Push(first == OperandStack.Unknown ? second : first);
                break;
            }

            case Opcode.SelectTyped:
            {
                if (reader.ReadVarU32() != 1)
                {
                    throw Invalid("invalid result arity");
                }

                var type = reader.ReadValType();
                Pop(ValType.I32);
                Pop(type);
                Pop(type);
                Push(type);
                break;
            }

            case Opcode.LocalGet:
                Push(Local(reader.ReadVarU32()));
                break;
            case Opcode.LocalSet:
                Pop(Local(reader.ReadVarU32()));
                break;
            case Opcode.LocalTee:
            {
                var type = Local(reader.ReadVarU32());
                Pop(type);
                Push(type);
                break;
            }

            case Opcode.GlobalGet:
                Push(_context.Global(reader.ReadVarU32(), _offset).ValueType);
                break;
            case Opcode.GlobalSet:
            {
                var global = _context.Global(reader.ReadVarU32(), _offset);
                if (!global.Mutable)
                {
                    throw Invalid("global is immutable");
                }

                Pop(global.ValueType);
                break;
            }

            case Opcode.I32Const:
                reader.ReadVarS32();
                Push(ValType.I32);
                break;
            case Opcode.I64Const:
                reader.ReadVarS64();
                Push(ValType.I64);
                break;
            case Opcode.F32Const:
                reader.ReadF32Bits();
                Push(ValType.F32);
                break;
            case Opcode.F64Const:
                reader.ReadF64Bits();
                Push(ValType.F64);
                break;
            case Opcode.RefNull:
                Push(reader.ReadRefType());
                break;
            case Opcode.RefIsNull:
                if (!IsReference(PopAny()))
                {
                    throw TypeMismatch();
                }

                Push(ValType.I32);
                break;
            case Opcode.RefFunc:
            {
                var index = reader.ReadVarU32();
                _context.FunctionType(index, _offset);
                if (!_context.DeclaredFunctions[index])
                {
                    throw Invalid("undeclared function reference");
                }

                Push(ValType.FuncRef);
                break;
            }

            case Opcode.TableGet or Opcode.TableSet:
            case >= Opcode.I32Load and <= Opcode.MemoryGrow:
            case >= Opcode.MemoryInit and <= Opcode.TableFill:
                ValidateMemoryOrTable(ref reader, opcode);
                break;
            default:
            {
                var numeric = NumericSignatures.Get(opcode);
                Debug.Assert(numeric.Result != OperandStack.Unknown, $"{opcode} has no signature");
                if (numeric.Second != OperandStack.Unknown)
                {
                    Pop(numeric.Second);
                }

                Pop(numeric.First);
                Push(numeric.Result);
                break;
            }
        }
    }

    private (ValType[] Start, ValType[] End) ReadBlockType(ref WasmReader reader)
    {
        var blockType = reader.ReadBlockType();
        if (blockType.TypeIndex >= 0)
        {
            var type = _context.Type(blockType.TypeIndex, _offset);
            return (type.Parameters, type.Results);
        }

        return (NoTypes, blockType.Result is { } result ? Single(result) : NoTypes);
    }

    /// <summary>
    /// Every target must take as many values as the default one, and the operands must suit each target.
    /// The default comes last in the binary, so the targets are read twice.
    /// </summary>
    private void ValidateBrTable(ref WasmReader reader)
    {
        var count = reader.ReadVarU32();
        var targets = reader.Position;
        for (var i = 0u; i < count; i++)
        {
            reader.ReadVarU32();
        }

        var defaultTypes = LabelTypes(reader.ReadVarU32());
        var next = reader.Position;
        Pop(ValType.I32);
        reader.Position = targets;
        for (var i = 0u; i < count; i++)
        {
            var types = LabelTypes(reader.ReadVarU32());
            if (types.Length != defaultTypes.Length)
            {
                throw TypeMismatch();
            }

            CheckTopValues(types);
        }

        reader.Position = next;
        PopValues(defaultTypes);
        SetUnreachable();
    }

    private ValType Local(uint index)
    {
        if (index < (uint)_parameters.Length)
        {
            return _parameters[index];
        }

        var local = index - (uint)_parameters.Length;
        return local < (uint)_locals.Length ? _locals[local] : throw Invalid($"unknown local {index}");
    }
}
