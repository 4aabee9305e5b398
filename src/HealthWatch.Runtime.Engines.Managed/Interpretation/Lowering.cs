using HealthWatch.Runtime.Engines.Managed.Compilation;
using HealthWatch.Runtime.Engines.Managed.Instructions;
using HealthWatch.Runtime.Engines.Managed.Model;
using HealthWatch.Runtime.Engines.Managed.Validation;

namespace HealthWatch.Runtime.Engines.Managed.Interpretation;

/// <summary>
/// Turns a validated function body into an <see cref="InterpretedFunction"/> in one pass. Like the compiler, it
/// skips code after an unconditional transfer up to the matching <c>else</c>/<c>end</c> (valid but
/// stack-polymorphic, and never run), and it meters fuel exactly as compiled code does: the cost of each stretch
/// between check points (entry, loop headers, in program order) is counted the way <see cref="FunctionScan"/>
/// counts it, so a function charges the same fuel in either tier.
/// </summary>
internal sealed class Lowering
{
    private readonly CompiledModule _module;
    private readonly ModuleDefinition _definition;
    private readonly FuncType[] _functionTypes;
    private readonly ValType[] _globalTypes;
    private readonly ValType[] _localTypes;
    private readonly List<int> _code = [];
    private readonly List<Frame> _frames = [];
    private readonly List<long> _costs = [];

    // Positions of each loop header's cost immediate, by loop number (1-based, program order).
    private readonly List<int> _loopCostSlots = [];
    private int _height;
    private int _maxHeight;
    private bool _unreachable;
    private int _skipDepth;
    private long _cost;

    private Lowering(CompiledModule module, FuncType[] functionTypes, ValType[] globalTypes, ValType[] localTypes)
    {
        _module = module;
        _definition = module.Definition;
        _functionTypes = functionTypes;
        _globalTypes = globalTypes;
        _localTypes = localTypes;
    }

    public static InterpretedFunction Lower(CompiledModule module, FuncType[] functionTypes, ValType[] globalTypes, int definedIndex)
    {
        var definition = module.Definition;
        var functionIndex = definition.ImportedFunctionCount + definedIndex;
        var type = functionTypes[functionIndex];
        var body = definition.Bodies[definedIndex];
        ValType[] locals = [.. type.Parameters, .. body.Locals];
        var lowering = new Lowering(module, functionTypes, globalTypes, locals);
        lowering.Run(definition.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset, type);
        return new InterpretedFunction(module, functionIndex, [.. lowering._code])
        {
            ParameterCount = type.Parameters.Count,
            LocalCount = locals.Length,
            ResultCount = type.Results.Count,
            FrameSlots = locals.Length + lowering._maxHeight + 1,
            EntryCost = lowering._costs[0],
        };
    }

    private int LocalCount => _localTypes.Length;

    private void Run(ReadOnlySpan<byte> body, int offset, FuncType type)
    {
        _frames.Add(new Frame(FrameKind.Function, 0, 0, type.Results.Count));
        var reader = new WasmReader(body, offset);
        while (_frames.Count > 0)
        {
            var op = reader.ReadOpcode();
            if (op == Opcode.Loop)
            {
                _costs.Add(_cost);
                _cost = 0;
            }

            _cost++;
            if (_unreachable)
            {
                Skip(op, ref reader);
            }
            else
            {
                Lower(op, ref reader);
            }
        }

        _costs.Add(_cost);
        for (var i = 0; i < _loopCostSlots.Count; i++)
        {
            if (_loopCostSlots[i] >= 0)
            {
                _code[_loopCostSlots[i]] = checked((int)_costs[i + 1]);
            }
        }
    }

    private void Skip(Opcode op, ref WasmReader reader)
    {
        switch (UnreachableCode.Skip(op, ref reader, ref _skipDepth))
        {
            case SkipOutcome.LoopSkipped:
                // Its cost stretch exists (FunctionScan counts it) but no header is emitted for it.
                _loopCostSlots.Add(-1);
                break;
            case SkipOutcome.Else:
                Else();
                break;
            case SkipOutcome.End:
                End();
                break;
            default:
                break;
        }
    }

    private void Lower(Opcode op, ref WasmReader reader)
    {
        switch (op)
        {
            case Opcode.Unreachable:
                Emit((int)Opcode.Unreachable);
                _unreachable = true;
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block or Opcode.Loop or Opcode.If:
                Block(op, reader.ReadBlockType());
                break;
            case Opcode.Else:
                Else();
                break;
            case Opcode.End:
                End();
                break;
            case Opcode.Br:
                Branch(_frames[^(1 + (int)reader.ReadVarU32())], conditional: false);
                _unreachable = true;
                break;
            case Opcode.BrIf:
                Pop(1);
                Branch(_frames[^(1 + (int)reader.ReadVarU32())], conditional: true);
                break;
            case Opcode.BrTable:
                BranchTable(ref reader);
                break;
            case Opcode.Return:
                Emit(Op.Return);
                _unreachable = true;
                break;
            case Opcode.Call:
                var function = (int)reader.ReadVarU32();
                Emit((int)Opcode.Call, function);
                Call(_functionTypes[function]);
                break;
            case Opcode.CallIndirect:
                var typeIndex = (int)reader.ReadVarU32();
                Emit((int)Opcode.CallIndirect, typeIndex, (int)reader.ReadVarU32());
                Pop(1);
                Call(_definition.Types[typeIndex]);
                break;
            case Opcode.Drop:
                Emit((int)Opcode.Drop);
                Pop(1);
                break;
            case Opcode.Select:
                Emit((int)Opcode.Select);
                Pop(2);
                break;
            case Opcode.SelectTyped:
                reader.ReadVarU32();
                Emit(reader.ReadValType().IsReference() ? Op.SelectRef : (int)Opcode.Select);
                Pop(2);
                break;
            case Opcode.LocalGet or Opcode.LocalSet or Opcode.LocalTee:
                Local(op, (int)reader.ReadVarU32());
                break;
            case Opcode.GlobalGet:
                var read = (int)reader.ReadVarU32();
                Emit(Op.GlobalGetI32 + TypeOrder(_globalTypes[read]), read);
                Push(1);
                break;
            case Opcode.GlobalSet:
                var written = (int)reader.ReadVarU32();
                Emit(Op.GlobalSetI32 + TypeOrder(_globalTypes[written]), written);
                Pop(1);
                break;
            case Opcode.I32Const:
                Emit((int)Opcode.I32Const, reader.ReadVarS32());
                Push(1);
                break;
            case Opcode.I64Const:
                EmitLong((int)Opcode.I64Const, reader.ReadVarS64());
                Push(1);
                break;
            case Opcode.F32Const:
                Emit((int)Opcode.F32Const, (int)reader.ReadF32Bits());
                Push(1);
                break;
            case Opcode.F64Const:
                EmitLong((int)Opcode.F64Const, (long)reader.ReadF64Bits());
                Push(1);
                break;
            case >= Opcode.I32Load and <= Opcode.I64Load32U:
                Emit((int)op, (int)reader.ReadMemArg().Offset);
                break;
            case >= Opcode.I32Store and <= Opcode.I64Store32:
                Emit((int)op, (int)reader.ReadMemArg().Offset);
                Pop(2);
                break;
            case Opcode.MemorySize:
                reader.ReadByte();
                Emit((int)op);
                Push(1);
                break;
            case Opcode.MemoryGrow:
                reader.ReadByte();
                Emit((int)op);
                break;
            case Opcode.MemoryInit:
                var segment = (int)reader.ReadVarU32();
                reader.ReadByte();
                Emit(Op.MemoryInit, segment);
                Pop(3);
                break;
            case Opcode.DataDrop or Opcode.ElemDrop:
                Emit(Op.Of(op), (int)reader.ReadVarU32());
                break;
            case Opcode.MemoryCopy or Opcode.MemoryFill:
                Immediates.Skip(ref reader, op);
                Emit(Op.Of(op));
                Pop(3);
                break;
            case Opcode.TableGet:
                Emit((int)op, (int)reader.ReadVarU32());
                break;
            case Opcode.TableSet:
                Emit((int)op, (int)reader.ReadVarU32());
                Pop(2);
                break;
            case Opcode.TableSize:
                Emit(Op.TableSize, (int)reader.ReadVarU32());
                Push(1);
                break;
            case Opcode.TableGrow:
                Emit(Op.TableGrow, (int)reader.ReadVarU32());
                Pop(1);
                break;
            case Opcode.TableFill:
                Emit(Op.TableFill, (int)reader.ReadVarU32());
                Pop(3);
                break;
            case Opcode.TableCopy:
                var destination = (int)reader.ReadVarU32();
                Emit(Op.TableCopy, destination, (int)reader.ReadVarU32());
                Pop(3);
                break;
            case Opcode.TableInit:
                var elements = (int)reader.ReadVarU32();
                Emit(Op.TableInit, elements, (int)reader.ReadVarU32());
                Pop(3);
                break;
            case Opcode.RefNull:
                reader.ReadRefType();
                Emit((int)op);
                Push(1);
                break;
            case Opcode.RefIsNull:
                Emit((int)op);
                break;
            case Opcode.RefFunc:
                Emit((int)op, (int)reader.ReadVarU32());
                Push(1);
                break;
            default:
                // Numeric: one or two operands, one result.
                var numeric = NumericSignatures.Get(op);
                Emit(Op.Of(op));
                Pop(numeric.Second == OperandStack.Unknown ? 0 : 1);
                break;
        }
    }

    private void Block(Opcode op, BlockType blockType)
    {
        var (parameters, results) = BlockSignature(blockType);
        if (op == Opcode.If)
        {
            Pop(1);
        }

        var frame = new Frame(op switch { Opcode.Loop => FrameKind.Loop, Opcode.If => FrameKind.If, _ => FrameKind.Block }, _height - parameters, parameters, results);
        _frames.Add(frame);
        switch (op)
        {
            case Opcode.Loop:
                frame.LoopStart = _code.Count;
                _loopCostSlots.Add(_code.Count + 1);
                Emit(Op.LoopHeader, 0, _loopCostSlots.Count, _height == 0 ? 1 : 0);
                break;
            case Opcode.If:
                frame.ElseJump = _code.Count + 1;
                Emit(Op.JumpIfZero, -1);
                break;
            default:
                break;
        }
    }

    private void Else()
    {
        var frame = _frames[^1];
        if (!_unreachable)
        {
            frame.EndJumps.Add(_code.Count + 1);
            Emit(Op.Jump, -1);
        }

        _code[frame.ElseJump] = _code.Count;
        frame.ElseJump = -1;
        _height = frame.Height + frame.Parameters;
        _unreachable = false;
    }

    private void End()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        if (frame.Kind == FrameKind.Function)
        {
            if (!_unreachable)
            {
                Emit(Op.Return);
            }

            return;
        }

        if (frame.ElseJump >= 0)
        {
            // An if without else: the false case passes the parameters through as the results.
            _code[frame.ElseJump] = _code.Count;
        }

        foreach (var jump in frame.EndJumps)
        {
            _code[jump] = _code.Count;
        }

        _height = frame.Height + frame.Results;
        _unreachable = false;
    }

    private void Branch(Frame target, bool conditional)
    {
        var arity = target.BranchArity;
        if (target.Kind == FrameKind.Function)
        {
            if (conditional)
            {
                // br_if to the function: skip the return when the condition is zero.
                var skip = _code.Count + 1;
                Emit(Op.JumpIfZero, -1);
                Emit(Op.Return);
                _code[skip] = _code.Count;
            }
            else
            {
                Emit(Op.Return);
            }

            return;
        }

        if (_height - arity == target.Height)
        {
            Emit(conditional ? Op.JumpIfNotZero : Op.Jump, -1);
            AddTarget(target, _code.Count - 1);
            return;
        }

        Emit(conditional ? Op.BranchIf : Op.Branch, -1, LocalCount + target.Height, arity);
        AddTarget(target, _code.Count - 3);
    }

    private void BranchTable(ref WasmReader reader)
    {
        var count = (int)reader.ReadVarU32();
        Pop(1);
        Emit(Op.BranchTable, count);
        for (var i = 0; i <= count; i++)
        {
            var target = _frames[^(1 + (int)reader.ReadVarU32())];

            // The function frame as a target: its results go to the frame's start, height 0.
            var height = target.Kind == FrameKind.Function ? -LocalCount : target.Height;
            Emit(-1, LocalCount + height, target.BranchArity);
            if (target.Kind == FrameKind.Function)
            {
                _code[^3] = ReturnTarget;
            }
            else
            {
                AddTarget(target, _code.Count - 3);
            }
        }

        _unreachable = true;
    }

    /// <summary>A branch-table target meaning "return from the function".</summary>
    public const int ReturnTarget = -2;

    private void AddTarget(Frame target, int slot)
    {
        if (target.Kind == FrameKind.Loop)
        {
            _code[slot] = target.LoopStart;
        }
        else
        {
            target.EndJumps.Add(slot);
        }
    }

    private void Local(Opcode op, int index)
    {
        var isReference = _localTypes[index].IsReference();
        switch (op)
        {
            case Opcode.LocalGet:
                Emit(isReference ? Op.LocalGetRef : (int)Opcode.LocalGet, index);
                Push(1);
                break;
            case Opcode.LocalSet:
                Emit(isReference ? Op.LocalSetRef : (int)Opcode.LocalSet, index);
                Pop(1);
                break;
            default:
                Emit(isReference ? Op.LocalTeeRef : (int)Opcode.LocalTee, index);
                break;
        }
    }

    private void Call(FuncType type)
    {
        Pop(type.Parameters.Count);
        Push(type.Results.Count);
    }

    private (int Parameters, int Results) BlockSignature(BlockType type)
    {
        if (type.TypeIndex >= 0)
        {
            var funcType = _definition.Types[type.TypeIndex];
            return (funcType.Parameters.Count, funcType.Results.Count);
        }

        return (0, type.Result is null ? 0 : 1);
    }

    /// <summary>0..4 for i32, i64, f32, f64 and references: the offset of a typed global instruction.</summary>
    private static int TypeOrder(ValType type) => type switch
    {
        ValType.I32 => 0,
        ValType.I64 => 1,
        ValType.F32 => 2,
        ValType.F64 => 3,
        _ => 4,
    };

    private void Push(int count)
    {
        _height += count;
        _maxHeight = Math.Max(_maxHeight, _height);
    }

    private void Pop(int count) => _height -= count;

    private void Emit(int op) => _code.Add(op);

    private void Emit(int op, int a)
    {
        _code.Add(op);
        _code.Add(a);
    }

    private void Emit(int op, int a, int b)
    {
        _code.Add(op);
        _code.Add(a);
        _code.Add(b);
    }

    private void Emit(int op, int a, int b, int c)
    {
        _code.Add(op);
        _code.Add(a);
        _code.Add(b);
        _code.Add(c);
    }

    private void EmitLong(int op, long value)
    {
        _code.Add(op);
        _code.Add((int)value);
        _code.Add((int)(value >> 32));
    }

    private sealed class Frame(FrameKind kind, int height, int parameters, int results)
    {
        public FrameKind Kind { get; } = kind;

        /// <summary>Operand height below the block's parameters.</summary>
        public int Height { get; } = height;

        public int Parameters { get; } = parameters;

        public int Results { get; } = results;

        /// <summary>Values a branch to this frame carries: a loop's parameters, else its results.</summary>
        public int BranchArity => Kind == FrameKind.Loop ? Parameters : Results;

        public int LoopStart { get; set; } = -1;

        /// <summary>The position of an if's JumpIfZero target, until its else or end is known; else -1.</summary>
        public int ElseJump { get; set; } = -1;

        /// <summary>Positions of jump targets to patch with the end of the block.</summary>
        public List<int> EndJumps { get; } = [];
    }
}
