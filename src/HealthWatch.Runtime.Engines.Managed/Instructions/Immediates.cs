using HealthWatch.Runtime.Engines.Managed.Decoding;

namespace HealthWatch.Runtime.Engines.Managed.Instructions;

/// <summary>The one place that knows which immediates each instruction has, for passes that only step over them.</summary>
internal static class Immediates
{
    /// <summary>Reads past the immediates of <paramref name="opcode"/> (already read), checking their encoding.</summary>
    public static void Skip(ref WasmReader reader, Opcode opcode)
    {
        switch (opcode)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                reader.ReadBlockType();
                break;
            case Opcode.MemoryInit:
                reader.ReadVarU32();
                Primitives.ReadZeroByte(ref reader);
                break;
            case Opcode.Br or Opcode.BrIf or Opcode.Call
                or Opcode.LocalGet or Opcode.LocalSet or Opcode.LocalTee or Opcode.GlobalGet or Opcode.GlobalSet
                or Opcode.TableGet or Opcode.TableSet or Opcode.RefFunc
                or Opcode.DataDrop or Opcode.ElemDrop or Opcode.TableGrow or Opcode.TableSize or Opcode.TableFill:
                reader.ReadVarU32();
                break;
            case Opcode.CallIndirect or Opcode.TableInit or Opcode.TableCopy:
                reader.ReadVarU32();
                reader.ReadVarU32();
                break;
            case Opcode.BrTable:
                // The label vector, then the default label.
                for (var count = Primitives.ReadCount(ref reader); count >= 0; count--)
                {
                    reader.ReadVarU32();
                }

                break;
            case Opcode.SelectTyped:
                for (var count = Primitives.ReadCount(ref reader); count > 0; count--)
                {
                    reader.ReadValType();
                }

                break;
            case >= Opcode.I32Load and <= Opcode.I64Store32:
                reader.ReadMemArg();
                break;
            case Opcode.MemorySize or Opcode.MemoryGrow or Opcode.MemoryFill:
                Primitives.ReadZeroByte(ref reader);
                break;
            case Opcode.MemoryCopy:
                Primitives.ReadZeroByte(ref reader);
                Primitives.ReadZeroByte(ref reader);
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
                // Every other opcode ReadOpcode accepts has no immediates.
                break;
        }
    }
}
