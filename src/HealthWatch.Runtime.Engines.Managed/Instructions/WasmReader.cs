using System.Buffers.Binary;
using System.Text;

namespace HealthWatch.Runtime.Engines.Managed.Instructions;

/// <summary>
/// Reads the primitives of the binary format (strict LEB128, floats, names) and instructions with their
/// immediates from a range of module bytes. Every failure is a <see cref="WasmModuleException"/> of kind
/// <see cref="ModuleErrorKind.Malformed"/> carrying the absolute byte offset.
/// See https://webassembly.github.io/spec/core/binary/values.html.
/// </summary>
internal ref struct WasmReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _bytes;
    private readonly int _baseOffset;
    private int _position;

    /// <param name="bytes">The bytes to read.</param>
    /// <param name="baseOffset">The absolute offset of <paramref name="bytes"/>[0] in the module, for error messages.</param>
    public WasmReader(ReadOnlySpan<byte> bytes, int baseOffset = 0)
    {
        _bytes = bytes;
        _baseOffset = baseOffset;
    }

    /// <summary>Position relative to the start of the span.</summary>
    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    /// <summary>Absolute offset in the module of the next byte.</summary>
    public readonly int Offset => _baseOffset + _position;

    public readonly int Remaining => _bytes.Length - _position;

    public readonly bool AtEnd => _position >= _bytes.Length;

    public static WasmModuleException Malformed(string message, long offset) =>
        new(ModuleErrorKind.Malformed, message, offset);

    public readonly WasmModuleException Malformed(string message) => Malformed(message, Offset);

    /// <summary>The next byte (or the one <paramref name="ahead"/> bytes after it) without moving, or -1 past the end.</summary>
    public readonly int PeekByte(int ahead = 0)
    {
        var index = _position + ahead;
        return (uint)index < (uint)_bytes.Length ? _bytes[index] : -1;
    }

    public byte ReadByte()
    {
        if (_position >= _bytes.Length)
        {
            throw Malformed("unexpected end");
        }

        return _bytes[_position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Malformed("unexpected end");
        }

        var span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }

    public uint ReadVarU32()
    {
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = ReadByte();
            if (shift == 28 && (b & 0x70) != 0)
            {
                throw Malformed("integer too large");
            }

            if (shift == 28 && (b & 0x80) != 0)
            {
                throw Malformed("integer representation too long");
            }

            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
    }

    public int ReadVarS32() => (int)ReadSigned(32);

    public long ReadVarS64() => ReadSigned(64);

    /// <summary>A signed LEB128 of at most 33 bits, as used by block types.</summary>
    public long ReadVarS33() => ReadSigned(33);

    public uint ReadF32Bits() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public ulong ReadF64Bits() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    /// <summary>A length-prefixed UTF-8 name.</summary>
    public string ReadName()
    {
        var length = ReadVarU32();
        var start = Offset;
        if (length > Remaining)
        {
            throw Malformed("unexpected end");
        }

        var bytes = ReadBytes((int)length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Malformed("malformed UTF-8 encoding", start);
        }
    }

    public ValType ReadValType()
    {
        var offset = Offset;
        var b = ReadByte();
        return b switch
        {
            0x7F or 0x7E or 0x7D or 0x7C or 0x70 or 0x6F => (ValType)b,
            0x7B => throw new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: SIMD (v128)", offset),
            _ => throw Malformed("malformed value type", offset),
        };
    }

    public ValType ReadRefType()
    {
        var offset = Offset;
        var b = ReadByte();
        return b is 0x70 or 0x6F ? (ValType)b : throw Malformed("malformed reference type", offset);
    }

    /// <summary>Reads an opcode, including the sub-opcode of a <c>0xFC</c> prefix.</summary>
    public Opcode ReadOpcode()
    {
        var offset = Offset;
        var b = ReadByte();
        switch (b)
        {
            case 0xFC:
                var sub = ReadVarU32();
                if (sub > 17)
                {
                    throw Malformed("illegal opcode", offset);
                }

                return (Opcode)(0xFC00 | sub);
            case 0xFD:
                throw new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: SIMD", offset);
            case 0xFE:
                throw new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: threads", offset);
            case 0x06 or 0x07 or 0x08 or 0x09 or 0x18 or 0x19:
                throw new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: exception handling", offset);
            case 0x12 or 0x13:
                throw new WasmModuleException(ModuleErrorKind.Unsupported, "unsupported feature: tail calls", offset);
            default:
                if (b <= 0xD2 && IsDefinedSingleByte(b))
                {
                    return (Opcode)b;
                }

                throw Malformed("illegal opcode", offset);
        }
    }

    public BlockType ReadBlockType()
    {
        var offset = Offset;
        var first = _position < _bytes.Length ? _bytes[_position] : throw Malformed("unexpected end");
        if (first == 0x40)
        {
            _position++;
            return BlockType.Empty;
        }

        if ((first & 0xC0) == 0x40)
        {
            // A single-byte negative SLEB: a value type.
            return BlockType.FromResult(ReadValType());
        }

        var index = ReadVarS33();
        if (index < 0)
        {
            throw Malformed("malformed block type", offset);
        }

        return index > int.MaxValue ? throw Malformed("malformed block type", offset) : BlockType.FromTypeIndex((int)index);
    }

    public MemArg ReadMemArg()
    {
        var align = ReadVarU32();
        var offset = ReadVarU32();
        return new MemArg(align, offset);
    }

    private static bool IsDefinedSingleByte(byte b) => b switch
    {
        <= 0x05 => true,
        >= 0x0B and <= 0x11 => true,
        0x1A or 0x1B or 0x1C => true,
        >= 0x20 and <= 0x26 => true,
        >= 0x28 and <= 0xC4 => true,
        >= 0xD0 and <= 0xD2 => true,
        _ => false,
    };

    private long ReadSigned(int bits)
    {
        long result = 0;
        var shift = 0;
        var maxBytes = (bits + 6) / 7;
        for (var i = 0; ; i++)
        {
            var b = ReadByte();
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
            if (i == maxBytes - 1)
            {
                if ((b & 0x80) != 0)
                {
                    throw Malformed("integer representation too long");
                }

                // The unused high bits of the last byte must all equal the sign bit.
                var usedBits = bits - ((maxBytes - 1) * 7);
                var signAndUnused = (sbyte)(byte)(b << 1) >> usedBits;
                if (signAndUnused != 0 && signAndUnused != -1)
                {
                    throw Malformed("integer too large");
                }

                return result << (64 - bits) >> (64 - bits);
            }

            if ((b & 0x80) == 0)
            {
                if (shift < 64 && (b & 0x40) != 0)
                {
                    result |= -1L << shift;
                }

                return result;
            }
        }
    }
}
