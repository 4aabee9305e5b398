using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Decoding;

/// <summary>
/// Walks an instruction sequence to the <c>end</c> that closes it, reading every opcode and immediate without
/// building anything. This finds what the spec calls malformed (illegal opcodes, bad immediates, "zero byte
/// expected", a missing or misplaced <c>end</c>/<c>else</c>) at decode time, as the reference interpreter does,
/// and leaves typing to the validator. See https://webassembly.github.io/spec/core/binary/instructions.html.
/// One scanner is reused for a whole module; it allocates only when blocks nest deeper than ever before.
/// Its methods are compiled fully optimized from the first call: a module is decoded once, so tiered
/// compilation would run nearly all of the code section through unoptimized code (about 3x slower).
/// </summary>
internal sealed class CodeScanner
{
    private const byte PlainBlock = 0;
    private const byte IfWithoutElse = 1;

    // What each open block is; only an `if` that has not had its `else` may take one.
    private byte[] _blocks = new byte[64];

    /// <summary>
    /// Reads instructions up to and including the <c>end</c> matching the implicit outer block.
    /// </summary>
    /// <returns>The offset of the first <c>memory.init</c> or <c>data.drop</c>, or -1: without a data count
    /// section those are malformed (https://webassembly.github.io/spec/core/binary/modules.html#data-count-section).</returns>
    public int ScanExpression(ref WasmReader reader)
    {
        var depth = 0;
        var dataIndexUse = -1;
        while (true)
        {
            // Fast path for the most frequent encodings: no immediates, one single-byte index or constant, or a
            // memarg of two single-byte fields. Everything else, errors included, goes through ReadOpcode.
            switch (reader.PeekByte())
            {
                case (>= 0x45 and <= 0xC4) or 0x00 or 0x01 or 0x0F or 0x1A or 0x1B or 0xD1:
                    reader.Position++;
                    continue;
                case 0x0C or 0x0D or 0x10 or (>= 0x20 and <= 0x26) or 0x41 or 0x42 or 0xD2 when reader.PeekByte(1) is >= 0 and < 0x80:
                    reader.Position += 2;
                    continue;
                case >= 0x28 and <= 0x3E when reader.PeekByte(1) is >= 0 and < 0x80 && reader.PeekByte(2) is >= 0 and < 0x80:
                    reader.Position += 3;
                    continue;
            }

            var offset = reader.Offset;
            var opcode = reader.ReadOpcode();
            switch (opcode)
            {
                case Opcode.End:
                    if (depth == 0)
                    {
                        return dataIndexUse;
                    }

                    depth--;
                    break;
                case Opcode.Block or Opcode.Loop:
                    reader.ReadBlockType();
                    Push(ref depth, PlainBlock);
                    break;
                case Opcode.If:
                    reader.ReadBlockType();
                    Push(ref depth, IfWithoutElse);
                    break;
                case Opcode.Else:
                    if (depth == 0 || _blocks[depth - 1] != IfWithoutElse)
                    {
                        throw WasmReader.Malformed("END opcode expected", offset);
                    }

                    _blocks[depth - 1] = PlainBlock;
                    break;
                case Opcode.MemoryInit:
                    reader.ReadVarU32();
                    Primitives.ReadZeroByte(ref reader);
                    dataIndexUse = dataIndexUse < 0 ? offset : dataIndexUse;
                    break;
                case Opcode.DataDrop:
                    reader.ReadVarU32();
                    dataIndexUse = dataIndexUse < 0 ? offset : dataIndexUse;
                    break;
                default:
                    Immediates.Skip(ref reader, opcode);
                    break;
            }
        }
    }

    private void Push(ref int depth, byte kind)
    {
        if (depth == _blocks.Length)
        {
            // Depth is bounded by the bytes read, so this cannot outgrow the input.
            Array.Resize(ref _blocks, _blocks.Length * 2);
        }

        _blocks[depth++] = kind;
    }
}
