using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// A pass over a function body before emission: which instance members it uses (so the prologue can load them
/// into locals once) and the fuel cost of each stretch between check points (function entry, loop headers).
/// </summary>
internal sealed class FunctionScan
{
    /// <summary>Instructions from entry to the first loop, then from each loop header to the next, in program order.</summary>
    public List<long> Costs { get; } = [];

    public SortedSet<int> Globals { get; } = [];

    public SortedSet<int> Tables { get; } = [];

    /// <summary>Called functions with an index below the imported count.</summary>
    public SortedSet<int> ImportedCalls { get; } = [];

    public bool UsesMemory { get; private set; }

    public static FunctionScan Run(ReadOnlySpan<byte> code, int baseOffset, int importedFunctionCount)
    {
        var scan = new FunctionScan();
        var reader = new WasmReader(code, baseOffset);
        long cost = 0;
        while (!reader.AtEnd)
        {
            var op = reader.ReadOpcode();
            if (op == Opcode.Loop)
            {
                scan.Costs.Add(cost);
                cost = 0;
            }

            cost++;
            scan.Record(op, ref reader, importedFunctionCount);
        }

        scan.Costs.Add(cost);
        return scan;
    }

    /// <summary>Skips the immediates of <paramref name="op"/>.</summary>
    public static void SkipImmediates(ref WasmReader reader, Opcode op)
    {
        switch (op)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                reader.ReadBlockType();
                break;
            case Opcode.Br or Opcode.BrIf or Opcode.Call or Opcode.LocalGet or Opcode.LocalSet or Opcode.LocalTee
                or Opcode.GlobalGet or Opcode.GlobalSet or Opcode.TableGet or Opcode.TableSet or Opcode.RefFunc
                or Opcode.DataDrop or Opcode.ElemDrop or Opcode.TableGrow or Opcode.TableSize or Opcode.TableFill:
                reader.ReadVarU32();
                break;
            case Opcode.BrTable:
                var count = reader.ReadVarU32();
                for (var i = 0u; i <= count; i++)
                {
                    reader.ReadVarU32();
                }

                break;
            case Opcode.CallIndirect or Opcode.TableInit or Opcode.TableCopy:
                reader.ReadVarU32();
                reader.ReadVarU32();
                break;
            case Opcode.SelectTyped:
                var types = reader.ReadVarU32();
                for (var i = 0u; i < types; i++)
                {
                    reader.ReadValType();
                }

                break;
            case >= Opcode.I32Load and <= Opcode.I64Store32:
                reader.ReadMemArg();
                break;
            case Opcode.MemorySize or Opcode.MemoryGrow or Opcode.MemoryFill:
                reader.ReadByte();
                break;
            case Opcode.MemoryInit:
                reader.ReadVarU32();
                reader.ReadByte();
                break;
            case Opcode.MemoryCopy:
                reader.ReadByte();
                reader.ReadByte();
                break;
            case Opcode.I32Const:
                reader.ReadVarS32();
                break;
            case Opcode.I64Const:
                reader.ReadVarS64();
                break;
            case Opcode.F32Const:
                reader.ReadF32Bits();
                break;
            case Opcode.F64Const:
                reader.ReadF64Bits();
                break;
            case Opcode.RefNull:
                reader.ReadRefType();
                break;
            default:
                break;
        }
    }

    private void Record(Opcode op, ref WasmReader reader, int importedFunctionCount)
    {
        switch (op)
        {
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
                SkipImmediates(ref reader, op);
                break;
            default:
                SkipImmediates(ref reader, op);
                break;
        }
    }
}
