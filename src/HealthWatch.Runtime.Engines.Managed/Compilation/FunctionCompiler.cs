using System.Reflection;
using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Compiles one function body to CIL in a single pass. The WebAssembly operand stack is the CIL evaluation stack;
/// <see cref="_stack"/> tracks its types. Code after an unconditional transfer is skipped up to the matching
/// <c>else</c>/<c>end</c>: it is valid WebAssembly but stack-polymorphic, so it has no CIL counterpart.
/// Instruction groups are emitted by the other parts of this partial class.
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>Declared locals plus locals caching instance members stay below this; temporaries use the rest.</summary>
    private const int CachedLocalsBudget = 60_000;

    /// <summary>
    /// The deepest operand stack a function may use: CIL's evaluation stack is limited to 65,535 slots (the
    /// method header's maxstack is 16 bits), and generated code pushes a few more for helper arguments.
    /// </summary>
    private const int MaxOperandStack = 65_000;

    /// <summary>Up to this many locals, they are zeroed by explicit stores; past it, by <c>.locals init</c> (one block clear).</summary>
    private const int MaxLocalsZeroedOneByOne = 256;

    private readonly ModuleContext _context;

    /// <summary>The loop (1-based, in program order) an on-stack-replacement entry jumps to, or 0.</summary>
    private readonly int _osrLoop;
    private readonly ILGenerator _il;
    private readonly FuncType _type;
    private readonly ValType[] _localTypes;
    private readonly LocalBuilder[] _locals;
    private readonly int _parameterCount;
    private readonly MethodBuilder _method;
    private readonly FunctionScan _scan;
    private readonly List<ValType> _stack = [];

    /// <summary>Parallel to <see cref="_stack"/>: whether the value is a constant or computed from constants only (see <see cref="FeedsCombiningOperation"/>).</summary>
    private readonly List<bool> _constants = [];
    private readonly List<ControlFrame> _frames = [];
    private readonly Dictionary<Type, Stack<LocalBuilder>> _freeTemps = [];
    private readonly Dictionary<int, LocalBuilder> _globals = [];
    private readonly Dictionary<int, LocalBuilder> _tables = [];
    private readonly Dictionary<int, LocalBuilder> _imports = [];
    private LocalBuilder _instance = null!;
    private LocalBuilder _state = null!;
    private LocalBuilder? _memory;
    private LocalBuilder? _buffer;

    /// <summary>The call depth left after this function's entry took its own; null in a function that makes no call.</summary>
    private LocalBuilder? _depth;

    /// <summary>The fuel left, counted down by the check points of loops that make no call (see <see cref="LoadFuelLocal"/>).</summary>
    private LocalBuilder? _fuel;
    private bool _unreachable;
    private int _skipDepth;
    private int _loopCount;
    private int _tempCount;
    private int _maxStack;
    private int _instructionOffset;

    private FunctionCompiler(ModuleContext context, int definedIndex, MethodBuilder method, int osrLoop)
    {
        _context = context;
        _osrLoop = osrLoop;
        _il = method.GetILGenerator();
        var module = context.Module;
        _type = context.FunctionTypes[module.ImportedFunctionCount + definedIndex];
        _parameterCount = _type.Parameters.Count;
        _method = method;
        var body = module.Bodies[definedIndex];
        _localTypes = [.. _type.Parameters, .. body.Locals];
        _locals = new LocalBuilder[body.Locals.Length];
        _scan = FunctionScan.Run(module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset, module.ImportedFunctionCount);
    }

    private int ContextArgument => _parameterCount;

    /// <summary>
    /// Whether the JIT may know the value a read of local <paramref name="index"/> at <paramref name="offset"/> gets:
    /// true unless a non-constant assignment to it comes earlier in the body (see <see cref="FunctionScan.FirstVaryingAssignment"/>
    /// and <see cref="FeedsCombiningOperation"/>).
    /// </summary>
    private bool LocalMayBeConstant(int index, int offset) =>
        !_scan.FirstVaryingAssignment.TryGetValue(index, out var assigned) || assigned >= offset;

    /// <summary>
    /// Emits the body of defined function <paramref name="definedIndex"/>; returns an estimate of its native frame
    /// size in bytes. With <paramref name="osrLoop"/> &gt; 0, the method is an entry in the middle of a call the
    /// interpreter began (see <see cref="EmitOsrEntry"/>).
    /// </summary>
    public static int Compile(ModuleContext context, int definedIndex, MethodBuilder method, int osrLoop = 0)
    {
        var compiler = new FunctionCompiler(context, definedIndex, method, osrLoop);
        compiler.EmitBody(context.Module.Bodies[definedIndex]);

        // Generously 16 bytes per value the JIT may keep in the frame, plus fixed overhead for spills and calls.
        var locals = compiler._localTypes.Length + compiler._tempCount + compiler._globals.Count + compiler._tables.Count + compiler._imports.Count;
        return (16 * (locals + compiler._maxStack)) + 1024;
    }

    private void EmitBody(Model.FunctionBody body)
    {
        for (var i = 0; i < _locals.Length; i++)
        {
            _locals[i] = _il.DeclareLocal(ClrTypes.ToClr(_localTypes[_parameterCount + i]));
        }

        if (_locals.Length <= MaxLocalsZeroedOneByOne)
        {
            // Only the WebAssembly locals need zeroing: without .locals init the JIT does not also clear the stack probe
            // and temporaries in every call's prologue, and drops the stores of locals written before they are read.
            _method.InitLocals = false;
            for (var i = 0; i < _locals.Length; i++)
            {
                _il.LoadZero(_localTypes[_parameterCount + i]);
                _il.Emit(OpCodes.Stloc, _locals[i]);
            }
        }

        EmitPrologue();
        _frames.Add(new ControlFrame(FrameKind.Function, [], [.. _type.Results], 0, _il.DefineLabel()));
        var reader = new WasmReader(_context.Module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset);
        while (_frames.Count > 0)
        {
            _instructionOffset = reader.Offset;
            var op = reader.ReadOpcode();
            if (_unreachable)
            {
                SkipUnreachable(op, ref reader);
            }
            else
            {
                EmitInstruction(op, ref reader);
            }
        }
    }

    private void SkipUnreachable(Opcode op, ref WasmReader reader)
    {
        switch (UnreachableCode.Skip(op, ref reader, ref _skipDepth))
        {
            case SkipOutcome.LoopSkipped:
                _loopCount++;
                break;
            case SkipOutcome.Else:
                EmitElse();
                break;
            case SkipOutcome.End:
                EmitEnd();
                break;
            default:
                break;
        }
    }

    private void EmitInstruction(Opcode op, ref WasmReader reader)
    {
        switch (op)
        {
            case Opcode.Unreachable:
                ThrowTrap(TrapCode.Unreachable);
                _unreachable = true;
                break;
            case Opcode.Nop:
                break;
            case Opcode.Block or Opcode.Loop or Opcode.If:
                EmitBlock(op, reader.ReadBlockType());
                break;
            case Opcode.Else:
                EmitElse();
                break;
            case Opcode.End:
                EmitEnd();
                break;
            case Opcode.Br:
                EmitBr((int)reader.ReadVarU32());
                break;
            case Opcode.BrIf:
                EmitBrIf((int)reader.ReadVarU32());
                break;
            case Opcode.BrTable:
                EmitBrTable(ref reader);
                break;
            case Opcode.Return:
                EmitBranch(_frames[0]);
                _unreachable = true;
                break;
            case Opcode.Call:
                EmitCall((int)reader.ReadVarU32());
                break;
            case Opcode.CallIndirect:
                var typeIndex = (int)reader.ReadVarU32();
                EmitCallIndirect(typeIndex, (int)reader.ReadVarU32());
                break;
            case Opcode.Drop:
                Pop();
                _il.Emit(OpCodes.Pop);
                break;
            case Opcode.Select or Opcode.SelectTyped:
                Immediates.Skip(ref reader, op);
                EmitSelect();
                break;
            case Opcode.LocalGet or Opcode.LocalSet or Opcode.LocalTee:
                EmitLocal(op, (int)reader.ReadVarU32());
                break;
            case Opcode.GlobalGet or Opcode.GlobalSet:
                EmitGlobal(op, (int)reader.ReadVarU32());
                break;
            case Opcode.I32Const:
                _il.LoadConstant(reader.ReadVarS32());
                Push(ValType.I32, constant: true);
                break;
            case Opcode.I64Const:
                _il.LoadConstant(reader.ReadVarS64());
                Push(ValType.I64, constant: true);
                break;
            case Opcode.F32Const:
                EmitFloatConstant(ValType.F32, reader.ReadF32Bits());
                break;
            case Opcode.F64Const:
                EmitFloatConstant(ValType.F64, reader.ReadF64Bits());
                break;
            case (>= Opcode.I32Load and <= Opcode.MemoryGrow) or Opcode.MemoryInit or Opcode.DataDrop or Opcode.MemoryCopy or Opcode.MemoryFill:
                EmitMemory(op, ref reader);
                break;
            case Opcode.TableGet or Opcode.TableSet or (>= Opcode.TableInit and <= Opcode.TableFill) or Opcode.RefNull or Opcode.RefIsNull or Opcode.RefFunc:
                EmitTableOrReference(op, ref reader);
                break;
            default:
                EmitNumeric(op, reader);
                break;
        }
    }

    private void EmitLocal(Opcode op, int index)
    {
        var isArgument = index < _parameterCount;
        switch (op)
        {
            case Opcode.LocalGet:
                if (isArgument)
                {
                    _il.LoadArgument(index);
                }
                else
                {
                    _il.Emit(OpCodes.Ldloc, _locals[index - _parameterCount]);
                }

                Push(_localTypes[index], constant: LocalMayBeConstant(index, _instructionOffset));
                return;
            case Opcode.LocalTee:
                _il.Emit(OpCodes.Dup);
                break;
            default:
                Pop();
                break;
        }

        if (isArgument)
        {
            _il.StoreArgument(index);
        }
        else
        {
            _il.Emit(OpCodes.Stloc, _locals[index - _parameterCount]);
        }
    }

    private void EmitGlobal(Opcode op, int index)
    {
        var type = _context.GlobalTypes[index];
        var field = Members.GlobalField(type);
        if (op == Opcode.GlobalGet)
        {
            LoadGlobal(index);
            EmitField(OpCodes.Ldfld, field);
            Push(type);
            return;
        }

        Pop();
        var value = RentTemp(type);
        _il.Emit(OpCodes.Stloc, value);
        LoadGlobal(index);
        _il.Emit(OpCodes.Ldloc, value);
        EmitField(OpCodes.Stfld, field);
        ReturnTemp(value);
    }

    private void EmitSelect()
    {
        Pop();
        Pop();
        var type = Pop();
        EmitCallHelper(SelectMethod(type));
        Push(type);
    }

    private void Push(ValType type, bool constant = false)
    {
        _stack.Add(type);
        _constants.Add(constant);
        if (_stack.Count > _maxStack)
        {
            _maxStack = _stack.Count;
            if (_maxStack > MaxOperandStack)
            {
                throw new WasmModuleException(ModuleErrorKind.LimitExceeded, "operand stack too deep", _instructionOffset);
            }
        }
    }

    private ValType Pop()
    {
        var type = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        _constants.RemoveAt(_constants.Count - 1);
        return type;
    }

    private void PopMany(int count)
    {
        _stack.RemoveRange(_stack.Count - count, count);
        _constants.RemoveRange(_constants.Count - count, count);
    }

    private void PushMany(IEnumerable<ValType> types)
    {
        foreach (var type in types)
        {
            Push(type);
        }
    }

    /// <summary>ldfld/stfld with the field's token cached per module (looking a token up costs microseconds).</summary>
    private void EmitField(OpCode op, FieldInfo field) => _il.Emit(op, _context.FieldToken(field));

    /// <summary>Calls a runtime helper through its same-module stub (see <see cref="ModuleContext.Callable"/>).</summary>
    private void EmitCallHelper(MethodInfo method) => _il.Emit(OpCodes.Call, _context.Callable(method));

    /// <summary>A temporary local of the CLR type of <paramref name="type"/>; temporaries are pooled per type.</summary>
    private LocalBuilder RentTemp(ValType type) => RentTemp(ClrTypes.ToClr(type));

    private LocalBuilder RentTemp(Type type)
    {
        if (_freeTemps.TryGetValue(type, out var free) && free.Count > 0)
        {
            return free.Pop();
        }

        _tempCount++;
        return _il.DeclareLocal(type);
    }

    private void ReturnTemp(LocalBuilder temp)
    {
        if (!_freeTemps.TryGetValue(temp.LocalType, out var free))
        {
            free = new Stack<LocalBuilder>();
            _freeTemps[temp.LocalType] = free;
        }

        free.Push(temp);
    }
}
