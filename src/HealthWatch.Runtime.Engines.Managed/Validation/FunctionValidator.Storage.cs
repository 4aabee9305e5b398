using System.Diagnostics;
using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>
/// Memory, table and bulk instructions. Memory instructions all use memory 0, which must exist; the decoder
/// has checked that their reserved memory-index bytes are zero.
/// See https://webassembly.github.io/spec/core/valid/instructions.html#memory-instructions and
/// https://webassembly.github.io/spec/core/valid/instructions.html#table-instructions.
/// </summary>
internal sealed partial class FunctionValidator
{
    private void ValidateMemoryOrTable(ref WasmReader reader, Opcode opcode)
    {
        switch (opcode)
        {
            case >= Opcode.I32Load and <= Opcode.I64Load32U:
            {
                var type = ReadMemArg(ref reader, opcode);
                Pop(ValType.I32);
                Push(type);
                break;
            }

            case >= Opcode.I32Store and <= Opcode.I64Store32:
            {
                var type = ReadMemArg(ref reader, opcode);
                Pop(type);
                Pop(ValType.I32);
                break;
            }

            case Opcode.MemorySize:
                reader.ReadByte();
                RequireMemory();
                Push(ValType.I32);
                break;
            case Opcode.MemoryGrow:
                reader.ReadByte();
                RequireMemory();
                Pop(ValType.I32);
                Push(ValType.I32);
                break;
            case Opcode.MemoryInit:
            {
                var segment = reader.ReadVarU32();
                reader.ReadByte();
                RequireMemory();
                RequireDataSegment(segment);
                PopI32Triple();
                break;
            }

            case Opcode.DataDrop:
                var dropped = reader.ReadVarU32();
                RequireDataSegment(dropped);
                break;
            case Opcode.MemoryCopy:
                reader.ReadByte();
                reader.ReadByte();
                RequireMemory();
                PopI32Triple();
                break;
            case Opcode.MemoryFill:
                reader.ReadByte();
                RequireMemory();
                PopI32Triple();
                break;
            default:
                ValidateTableInstruction(ref reader, opcode);
                break;
        }
    }

    private void ValidateTableInstruction(ref WasmReader reader, Opcode opcode)
    {
        switch (opcode)
        {
            case Opcode.TableGet:
            {
                var type = _context.TableElementType(reader.ReadVarU32(), _offset);
                Pop(ValType.I32);
                Push(type);
                break;
            }

            case Opcode.TableSet:
                Pop(_context.TableElementType(reader.ReadVarU32(), _offset));
                Pop(ValType.I32);
                break;
            case Opcode.TableInit:
            {
                // Immediates are elemidx then tableidx; the reference interpreter checks the table first.
                var segment = reader.ReadVarU32();
                var tableType = _context.TableElementType(reader.ReadVarU32(), _offset);
                if (_context.ElementSegmentType(segment, _offset) != tableType)
                {
                    throw TypeMismatch();
                }

                PopI32Triple();
                break;
            }

            case Opcode.ElemDrop:
                _context.ElementSegmentType(reader.ReadVarU32(), _offset);
                break;
            case Opcode.TableCopy:
            {
                var destination = _context.TableElementType(reader.ReadVarU32(), _offset);
                var source = _context.TableElementType(reader.ReadVarU32(), _offset);
                if (destination != source)
                {
                    throw TypeMismatch();
                }

                PopI32Triple();
                break;
            }

            case Opcode.TableGrow:
            {
                var type = _context.TableElementType(reader.ReadVarU32(), _offset);
                Pop(ValType.I32);
                Pop(type);
                Push(ValType.I32);
                break;
            }

            case Opcode.TableSize:
                _context.TableElementType(reader.ReadVarU32(), _offset);
                Push(ValType.I32);
                break;
            default:
            {
                Debug.Assert(opcode == Opcode.TableFill, $"{opcode} is not a memory or table instruction");
                var type = _context.TableElementType(reader.ReadVarU32(), _offset);
                Pop(ValType.I32);
                Pop(type);
                Pop(ValType.I32);
                break;
            }
        }
    }

    /// <summary>Reads a load's or store's memarg and returns the value type it moves.</summary>
    private ValType ReadMemArg(ref WasmReader reader, Opcode opcode)
    {
        var memArg = reader.ReadMemArg();
        RequireMemory();
        var access = NumericSignatures.GetAccess(opcode);
        if (memArg.Align > access.NaturalAlignment)
        {
            throw Invalid("alignment must not be larger than natural");
        }

        return access.Type;
    }

    private void RequireMemory() => _context.RequireMemory(0, _offset);

    /// <summary>The decoder has checked the data count section against the data section and required it where
    /// the binary format does, so the data section's length is the count.</summary>
    private void RequireDataSegment(uint index)
    {
        if (index >= (uint)_context.Module.Data.Count)
        {
            throw Invalid($"unknown data segment {index}");
        }
    }

    private void PopI32Triple()
    {
        Pop(ValType.I32);
        Pop(ValType.I32);
        Pop(ValType.I32);
    }
}
