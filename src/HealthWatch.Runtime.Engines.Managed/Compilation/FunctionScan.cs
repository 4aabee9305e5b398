using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// A pass over a function body before emission: which instance members it uses (so the prologue can load them
/// into locals once) and the fuel cost of each stretch between check points (function entry, loop headers).
/// </summary>
internal sealed class FunctionScan
{
    /// <summary>
    /// Past this many locals, a loop's own values are likely to fill the registers (14 on x64, less the state and
    /// the memory buffer the function keeps), and one more for the fuel costs more in spills than it saves.
    /// </summary>
    private const int MaxLocalsForFuelInLocal = 12;

    /// <summary>The open blocks, ifs and loops while scanning: a loop's shape, or null.</summary>
    private readonly Stack<LoopShape?> _open = [];

    /// <summary>Instructions from entry to the first loop, then from each loop header to the next, in program order.</summary>
    public List<long> Costs { get; } = [];

    /// <summary>
    /// Loops that make no call (nor do the loops inside them) and use at most <see cref="MaxLocalsForFuelInLocal"/> locals
    /// outside their inner loops, by index in program order: their check points, and those of every loop inside them,
    /// count fuel in a local (see <c>FunctionCompiler.LoadFuelLocal</c>).
    /// </summary>
    public HashSet<int> FuelInLocal { get; } = [];

    /// <summary>
    /// The loops of <see cref="FuelInLocal"/> in which no instruction can trap (nor in the loops inside them): nothing
    /// reads the fuel from the state while they run, so compiled code stores it there only when leaving them.
    /// </summary>
    public HashSet<int> FuelStoredOnExit { get; } = [];

    public SortedSet<int> Globals { get; } = [];

    public SortedSet<int> Tables { get; } = [];

    /// <summary>Called functions with an index below the imported count.</summary>
    public SortedSet<int> ImportedCalls { get; } = [];

    public bool UsesMemory { get; private set; }

    /// <summary>The body has a <c>call</c> or <c>call_indirect</c>: without, it is a leaf.</summary>
    public bool MakesCalls { get; private set; }

    /// <summary>
    /// Per local, the offset of the first <c>local.set</c>/<c>local.tee</c> that gives it a value not pushed by a
    /// constant instruction right before it. A read of a local with no such assignment before it in the body sees
    /// only its initial value (zero, or a parameter an inlining caller may pass as a constant) or constants.
    /// </summary>
    public Dictionary<int, int> FirstVaryingAssignment { get; } = [];

    public static FunctionScan Run(ReadOnlySpan<byte> code, int baseOffset, int importedFunctionCount)
    {
        var scan = new FunctionScan();
        var reader = new WasmReader(code, baseOffset);
        long cost = 0;
        var afterConstant = false;

        var loops = 0;
        while (!reader.AtEnd)
        {
            var offset = reader.Offset;
            var op = reader.ReadOpcode();
            switch (op)
            {
                case Opcode.Loop:
                    scan.Costs.Add(cost);
                    cost = 0;
                    scan._open.Push(new LoopShape(loops++));
                    break;
                case Opcode.Block or Opcode.If:
                    scan._open.Push(null);
                    break;
                case Opcode.End when scan._open.Count > 0:
                    scan.CloseBlock();
                    break;
                case Opcode.Call or Opcode.CallIndirect:
                    scan.MakesCalls = true;
                    foreach (var loop in scan._open)
                    {
                        loop?.Disqualify();
                    }

                    break;
                default:
                    if (!CannotTrap(op))
                    {
                        foreach (var loop in scan._open)
                        {
                            loop?.MarkMayTrap();
                        }
                    }

                    break;
            }

            cost++;
            scan.Record(op, ref reader, importedFunctionCount, afterConstant ? -1 : offset);
            afterConstant = op is Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const;
        }

        scan.Costs.Add(cost);
        return scan;
    }

    private LoopShape? InnermostLoop()
    {
        foreach (var block in _open)
        {
            if (block is not null)
            {
                return block;
            }
        }

        return null;
    }

    private void CloseBlock()
    {
        if (_open.Pop() is { Disqualified: false } loop && loop.Locals.Count <= MaxLocalsForFuelInLocal)
        {
            FuelInLocal.Add(loop.Index);
            if (!loop.MayTrap)
            {
                FuelStoredOnExit.Add(loop.Index);
            }
        }
    }

    /// <summary>
    /// Instructions that never trap: control flow within the function, locals and globals, constants, and the numeric
    /// instructions but division, remainder and the trapping float-to-integer truncations. Anything not listed (memory
    /// and table accesses, calls, <c>unreachable</c>, instructions added later) counts as one that may.
    /// </summary>
    private static bool CannotTrap(Opcode op) => op is
        Opcode.Nop or Opcode.Block or Opcode.Loop or Opcode.If or Opcode.Else or Opcode.End
        or Opcode.Br or Opcode.BrIf or Opcode.BrTable or Opcode.Return
        or Opcode.Drop or Opcode.Select or Opcode.SelectTyped
        or (>= Opcode.LocalGet and <= Opcode.GlobalSet)
        or Opcode.MemorySize
        or (>= Opcode.I32Const and <= Opcode.I32Mul)
        or (>= Opcode.I32And and <= Opcode.I64Mul)
        or (>= Opcode.I64And and <= Opcode.F64Copysign)
        or Opcode.I32WrapI64 or Opcode.I64ExtendI32S or Opcode.I64ExtendI32U
        or (>= Opcode.F32ConvertI32S and <= Opcode.I64Extend32S)
        or (>= Opcode.I32TruncSatF32S and <= Opcode.I64TruncSatF64U);

    // varyingOffset: the instruction's offset, or -1 if a constant instruction came right before it.
    private void Record(Opcode op, ref WasmReader reader, int importedFunctionCount, int varyingOffset)
    {
        switch (op)
        {
            case Opcode.LocalGet:
                var read = (int)reader.ReadVarU32();
                InnermostLoop()?.Locals.Add(read);
                break;
            case Opcode.LocalSet or Opcode.LocalTee:
                var local = (int)reader.ReadVarU32();
                InnermostLoop()?.Locals.Add(local);
                if (varyingOffset >= 0)
                {
                    FirstVaryingAssignment.TryAdd(local, varyingOffset);
                }

                break;
            case Opcode.GlobalGet or Opcode.GlobalSet:
                Globals.Add((int)reader.ReadVarU32());
                break;
            case Opcode.TableGet or Opcode.TableSet or Opcode.TableGrow or Opcode.TableSize or Opcode.TableFill:
                Tables.Add((int)reader.ReadVarU32());
                break;
            case Opcode.TableCopy:
                Tables.Add((int)reader.ReadVarU32());
                Tables.Add((int)reader.ReadVarU32());
                break;
            case Opcode.TableInit:
                reader.ReadVarU32();
                Tables.Add((int)reader.ReadVarU32());
                break;
            case Opcode.CallIndirect:
                reader.ReadVarU32();
                Tables.Add((int)reader.ReadVarU32());
                break;
            case Opcode.Call:
                var function = (int)reader.ReadVarU32();
                if (function < importedFunctionCount)
                {
                    ImportedCalls.Add(function);
                }

                break;
            case (>= Opcode.I32Load and <= Opcode.MemoryGrow) or Opcode.MemoryInit or Opcode.MemoryCopy or Opcode.MemoryFill:
                UsesMemory = true;
                Immediates.Skip(ref reader, op);
                break;
            default:
                Immediates.Skip(ref reader, op);
                break;
        }
    }
}

/// <summary>What <see cref="FunctionScan"/> notes about a loop while it is open.</summary>
internal sealed class LoopShape(int index)
{
    public int Index { get; } = index;

    /// <summary>The loop, or a loop inside it, calls.</summary>
    public bool Disqualified { get; private set; }

    public HashSet<int> Locals { get; } = [];

    /// <summary>The loop, or a loop inside it, has an instruction that may trap.</summary>
    public bool MayTrap { get; private set; }

    public void Disqualify() => Disqualified = true;

    public void MarkMayTrap() => MayTrap = true;
}
