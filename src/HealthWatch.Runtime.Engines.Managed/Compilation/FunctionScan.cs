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
                Immediates.Skip(ref reader, op);
                break;
            default:
                Immediates.Skip(ref reader, op);
                break;
        }
    }
}
