using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Interpretation;

/// <summary>
/// Instructions of the interpreter's code. Single-byte WebAssembly instructions keep their opcode (0x00..0xD2); the
/// 0xFC-prefixed ones are moved to <see cref="Prefixed"/> + their second byte, and the interpreter's own (branches
/// with their targets resolved, typed variants) follow, so that the dispatch switch stays one dense jump table.
/// </summary>
internal static class Op
{
    public const int Prefixed = 0xE0;

    public const int I32TruncSatF32S = Prefixed + 0x00;
    public const int I32TruncSatF32U = Prefixed + 0x01;
    public const int I32TruncSatF64S = Prefixed + 0x02;
    public const int I32TruncSatF64U = Prefixed + 0x03;
    public const int I64TruncSatF32S = Prefixed + 0x04;
    public const int I64TruncSatF32U = Prefixed + 0x05;
    public const int I64TruncSatF64S = Prefixed + 0x06;
    public const int I64TruncSatF64U = Prefixed + 0x07;
    public const int MemoryInit = Prefixed + 0x08;
    public const int DataDrop = Prefixed + 0x09;
    public const int MemoryCopy = Prefixed + 0x0A;
    public const int MemoryFill = Prefixed + 0x0B;
    public const int TableInit = Prefixed + 0x0C;
    public const int ElemDrop = Prefixed + 0x0D;
    public const int TableCopy = Prefixed + 0x0E;
    public const int TableGrow = Prefixed + 0x0F;
    public const int TableSize = Prefixed + 0x10;
    public const int TableFill = Prefixed + 0x11;

    /// <summary><c>Jump target</c>.</summary>
    public const int Jump = 0x100;

    /// <summary><c>JumpIfZero target</c>: pops an i32.</summary>
    public const int JumpIfZero = 0x101;

    /// <summary><c>JumpIfNotZero target</c>: pops an i32.</summary>
    public const int JumpIfNotZero = 0x102;

    /// <summary><c>Branch target height arity</c>: moves the top <c>arity</c> values down to <c>height</c> (frame-relative), then jumps.</summary>
    public const int Branch = 0x103;

    /// <summary><c>BranchIf target height arity</c>: pops an i32; if non-zero, as <see cref="Branch"/>.</summary>
    public const int BranchIf = 0x104;

    /// <summary><c>BranchTable count (target height arity) x (count + 1)</c>: pops the index; the last entry is the default.</summary>
    public const int BranchTable = 0x105;

    /// <summary>Moves the results to the frame's start and returns.</summary>
    public const int Return = 0x106;

    /// <summary>
    /// <c>LoopHeader cost loop osr</c>: the check point of loop number <c>loop</c> (fuel, interrupt, tier-up);
    /// <c>osr</c> is 1 where a call may continue in compiled code here (the operand stack is empty).
    /// </summary>
    public const int LoopHeader = 0x107;

    public const int LocalGetRef = 0x108;
    public const int LocalSetRef = 0x109;
    public const int LocalTeeRef = 0x10A;
    public const int SelectRef = 0x10B;
    public const int GlobalGetI32 = 0x10C;
    public const int GlobalGetI64 = 0x10D;
    public const int GlobalGetF32 = 0x10E;
    public const int GlobalGetF64 = 0x10F;
    public const int GlobalGetRef = 0x110;
    public const int GlobalSetI32 = 0x111;
    public const int GlobalSetI64 = 0x112;
    public const int GlobalSetF32 = 0x113;
    public const int GlobalSetF64 = 0x114;
    public const int GlobalSetRef = 0x115;

    /// <summary>The interpreter's code for <paramref name="opcode"/> where it keeps the WebAssembly instruction as it is.</summary>
    public static int Of(Opcode opcode) => (int)opcode < 0x100 ? (int)opcode : Prefixed + ((int)opcode & 0xFF);
}
