using System.Numerics;
using System.Runtime.CompilerServices;
using HealthWatch.Runtime.Engines.Managed.Compilation;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Interpretation;

/// <summary>The dispatch loop. i32 values sit in a slot's low 32 bits, f32 and f64 as their bit patterns.</summary>
internal static partial class Interpreter
{
    /// <summary>
    /// Runs <paramref name="function"/> with its arguments in the slots from <paramref name="fp"/>; its results
    /// replace them. One activation per WebAssembly call, so the native stack limit bounds recursion as it does
    /// for compiled code, and a backtrace can name each activation.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SkipLocalsInit]
    internal static unsafe void Execute(ModuleInstance instance, InterpretedFunction function, int fp)
    {
        var state = instance.State;
        var stack = state.Interpreter!;
        stack.PushFrame(function);
        int probe;
        if ((nuint)(&probe) < state.StackLimit || --state.CallDepthRemaining < 0)
        {
            throw Trap.Create(TrapCode.CallStackExhausted);
        }

        var savedTop = stack.Top;
        stack.Ensure(fp + function.FrameSlots);
        stack.Top = fp + function.FrameSlots;
        var s = stack.Slots;
        var r = stack.References;
        s.AsSpan(fp + function.ParameterCount, function.LocalCount - function.ParameterCount).Clear();
        r.AsSpan(fp + function.ParameterCount, function.LocalCount - function.ParameterCount).Clear();
        var tiers = instance.Module!.Tiers;
        CheckPoint(state, tiers.ConsumeFuel, function.EntryCost);

        var code = function.Code;
        var memory = instance.Memory;
        var buffer = memory?.Buffer ?? [];
        var pc = 0;
        var sp = fp + function.LocalCount;
        var iterations = 0;
        while (true)
        {
            switch (code[pc++])
            {
                case (int)Opcode.Unreachable:
                    throw Trap.Create(TrapCode.Unreachable);
                case Op.Jump:
                    pc = code[pc];
                    break;
                case Op.JumpIfZero:
                    pc = (int)s[--sp] == 0 ? code[pc] : pc + 1;
                    break;
                case Op.JumpIfNotZero:
                    pc = (int)s[--sp] != 0 ? code[pc] : pc + 1;
                    break;
                case Op.Branch:
                    sp = Move(s, r, sp, fp + code[pc + 1], code[pc + 2]);
                    pc = code[pc];
                    break;
                case Op.BranchIf:
                    if ((int)s[--sp] != 0)
                    {
                        sp = Move(s, r, sp, fp + code[pc + 1], code[pc + 2]);
                        pc = code[pc];
                    }
                    else
                    {
                        pc += 3;
                    }

                    break;
                case Op.BranchTable:
                {
                    var count = (uint)code[pc];
                    var index = (uint)(int)s[--sp];
                    var entry = pc + 1 + (3 * (int)Math.Min(index, count));
                    if (code[entry] == Lowering.ReturnTarget)
                    {
                        Move(s, r, sp, fp, function.ResultCount);
                        goto Return;
                    }

                    sp = Move(s, r, sp, fp + code[entry + 1], code[entry + 2]);
                    pc = code[entry];
                    break;
                }

                case Op.Return:
                    Move(s, r, sp, fp, function.ResultCount);
                    goto Return;
                case Op.LoopHeader:
                    // A call that has itself looped long (not merely a hot function: its next call runs compiled
                    // anyway) continues in compiled code, entering at this header ahead of its check point.
                    if (tiers.Warm(function.DefinedIndex, 1) && ++iterations >= tiers.TierUpThreshold && code[pc + 2] != 0
                        && tiers.Osr(function.DefinedIndex, code[pc + 1]) is { } osr)
                    {
                        osr(stack, fp, instance);
                        goto Return;
                    }

                    CheckPoint(state, tiers.ConsumeFuel, code[pc]);
                    pc += 3;
                    break;
                case (int)Opcode.Call:
                {
                    var callee = instance.Functions[code[pc++]];
                    var argumentBase = sp - callee.FunctionType.Parameters.Count;
                    Call(callee, stack, argumentBase);
                    sp = argumentBase + callee.FunctionType.Results.Count;
                    s = stack.Slots;
                    r = stack.References;
                    buffer = memory?.Buffer ?? [];
                    break;
                }

                case (int)Opcode.CallIndirect:
                {
                    var typeIndex = code[pc];
                    var callee = TableOps.ResolveIndirect((int)s[--sp], instance.Tables[code[pc + 1]], tiers.TypeIds[typeIndex]);
                    pc += 2;
                    var argumentBase = sp - callee.FunctionType.Parameters.Count;
                    Call(callee, stack, argumentBase);
                    sp = argumentBase + callee.FunctionType.Results.Count;
                    s = stack.Slots;
                    r = stack.References;
                    buffer = memory?.Buffer ?? [];
                    break;
                }

                case (int)Opcode.Drop:
                    sp--;
                    break;
                case (int)Opcode.Select:
                    sp -= 2;
                    if ((int)s[sp + 1] == 0)
                    {
                        s[sp - 1] = s[sp];
                    }

                    break;
                case Op.SelectRef:
                    sp -= 2;
                    if ((int)s[sp + 1] == 0)
                    {
                        r[sp - 1] = r[sp];
                    }

                    break;
                case (int)Opcode.LocalGet:
                    s[sp++] = s[fp + code[pc++]];
                    break;
                case (int)Opcode.LocalSet:
                    s[fp + code[pc++]] = s[--sp];
                    break;
                case (int)Opcode.LocalTee:
                    s[fp + code[pc++]] = s[sp - 1];
                    break;
                case Op.LocalGetRef:
                    r[sp++] = r[fp + code[pc++]];
                    break;
                case Op.LocalSetRef:
                    r[fp + code[pc++]] = r[--sp];
                    break;
                case Op.LocalTeeRef:
                    r[fp + code[pc++]] = r[sp - 1];
                    break;
                case Op.GlobalGetI32:
                    s[sp++] = instance.Globals[code[pc++]].I32;
                    break;
                case Op.GlobalGetI64:
                    s[sp++] = instance.Globals[code[pc++]].I64;
                    break;
                case Op.GlobalGetF32:
                    s[sp++] = (uint)BitConverter.SingleToInt32Bits(instance.Globals[code[pc++]].F32);
                    break;
                case Op.GlobalGetF64:
                    s[sp++] = BitConverter.DoubleToInt64Bits(instance.Globals[code[pc++]].F64);
                    break;
                case Op.GlobalGetRef:
                    r[sp++] = instance.Globals[code[pc++]].Ref;
                    break;
                case Op.GlobalSetI32:
                    instance.Globals[code[pc++]].I32 = (int)s[--sp];
                    break;
                case Op.GlobalSetI64:
                    instance.Globals[code[pc++]].I64 = s[--sp];
                    break;
                case Op.GlobalSetF32:
                    instance.Globals[code[pc++]].F32 = BitConverter.Int32BitsToSingle((int)s[--sp]);
                    break;
                case Op.GlobalSetF64:
                    instance.Globals[code[pc++]].F64 = BitConverter.Int64BitsToDouble(s[--sp]);
                    break;
                case Op.GlobalSetRef:
                    instance.Globals[code[pc++]].Ref = r[--sp];
                    break;
                case (int)Opcode.I32Const:
                case (int)Opcode.F32Const:
                    s[sp++] = (uint)code[pc++];
                    break;
                case (int)Opcode.I64Const:
                case (int)Opcode.F64Const:
                    s[sp++] = (uint)code[pc] | ((long)code[pc + 1] << 32);
                    pc += 2;
                    break;

                case (int)Opcode.I32Load:
                    s[sp - 1] = MemoryOps.LoadI32((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Load:
                    s[sp - 1] = MemoryOps.LoadI64((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.F32Load:
                    s[sp - 1] = (uint)MemoryOps.LoadI32((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.F64Load:
                    s[sp - 1] = MemoryOps.LoadI64((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I32Load8S:
                    s[sp - 1] = MemoryOps.LoadI32S8((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I32Load8U:
                    s[sp - 1] = MemoryOps.LoadI32U8((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I32Load16S:
                    s[sp - 1] = MemoryOps.LoadI32S16((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I32Load16U:
                    s[sp - 1] = MemoryOps.LoadI32U16((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Load8S:
                    s[sp - 1] = MemoryOps.LoadI64S8((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Load8U:
                    s[sp - 1] = MemoryOps.LoadI64U8((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Load16S:
                    s[sp - 1] = MemoryOps.LoadI64S16((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Load16U:
                    s[sp - 1] = MemoryOps.LoadI64U16((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Load32S:
                    s[sp - 1] = MemoryOps.LoadI64S32((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Load32U:
                    s[sp - 1] = MemoryOps.LoadI64U32((int)s[sp - 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I32Store:
                case (int)Opcode.F32Store:
                    sp -= 2;
                    MemoryOps.StoreI32((int)s[sp], (int)s[sp + 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Store:
                case (int)Opcode.F64Store:
                    sp -= 2;
                    MemoryOps.StoreI64((int)s[sp], s[sp + 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I32Store8:
                case (int)Opcode.I64Store8:
                    sp -= 2;
                    MemoryOps.StoreI32As8((int)s[sp], (int)s[sp + 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I32Store16:
                case (int)Opcode.I64Store16:
                    sp -= 2;
                    MemoryOps.StoreI32As16((int)s[sp], (int)s[sp + 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I64Store32:
                    sp -= 2;
                    MemoryOps.StoreI32((int)s[sp], (int)s[sp + 1], buffer, (uint)code[pc++]);
                    break;
                case (int)Opcode.I32Eqz:
                    s[sp - 1] = (int)s[sp - 1] == 0 ? 1 : 0;
                    break;
                case (int)Opcode.I32Eq:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] == (int)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32Ne:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] != (int)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32LtS:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] < (int)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32LtU:
                    sp--;
                    s[sp - 1] = (uint)s[sp - 1] < (uint)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32GtS:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] > (int)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32GtU:
                    sp--;
                    s[sp - 1] = (uint)s[sp - 1] > (uint)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32LeS:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] <= (int)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32LeU:
                    sp--;
                    s[sp - 1] = (uint)s[sp - 1] <= (uint)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32GeS:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] >= (int)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I32GeU:
                    sp--;
                    s[sp - 1] = (uint)s[sp - 1] >= (uint)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64Eqz:
                    s[sp - 1] = s[sp - 1] == 0 ? 1 : 0;
                    break;
                case (int)Opcode.I64Eq:
                    sp--;
                    s[sp - 1] = s[sp - 1] == s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64Ne:
                    sp--;
                    s[sp - 1] = s[sp - 1] != s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64LtS:
                    sp--;
                    s[sp - 1] = s[sp - 1] < s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64LtU:
                    sp--;
                    s[sp - 1] = (ulong)s[sp - 1] < (ulong)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64GtS:
                    sp--;
                    s[sp - 1] = s[sp - 1] > s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64GtU:
                    sp--;
                    s[sp - 1] = (ulong)s[sp - 1] > (ulong)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64LeS:
                    sp--;
                    s[sp - 1] = s[sp - 1] <= s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64LeU:
                    sp--;
                    s[sp - 1] = (ulong)s[sp - 1] <= (ulong)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64GeS:
                    sp--;
                    s[sp - 1] = s[sp - 1] >= s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.I64GeU:
                    sp--;
                    s[sp - 1] = (ulong)s[sp - 1] >= (ulong)s[sp] ? 1 : 0;
                    break;
                case (int)Opcode.F32Eq:
                    sp--;
                    s[sp - 1] = BitConverter.Int32BitsToSingle((int)s[sp - 1]) == BitConverter.Int32BitsToSingle((int)s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F32Ne:
                    sp--;
                    s[sp - 1] = BitConverter.Int32BitsToSingle((int)s[sp - 1]) != BitConverter.Int32BitsToSingle((int)s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F32Lt:
                    sp--;
                    s[sp - 1] = BitConverter.Int32BitsToSingle((int)s[sp - 1]) < BitConverter.Int32BitsToSingle((int)s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F32Gt:
                    sp--;
                    s[sp - 1] = BitConverter.Int32BitsToSingle((int)s[sp - 1]) > BitConverter.Int32BitsToSingle((int)s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F32Le:
                    sp--;
                    s[sp - 1] = BitConverter.Int32BitsToSingle((int)s[sp - 1]) <= BitConverter.Int32BitsToSingle((int)s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F32Ge:
                    sp--;
                    s[sp - 1] = BitConverter.Int32BitsToSingle((int)s[sp - 1]) >= BitConverter.Int32BitsToSingle((int)s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F64Eq:
                    sp--;
                    s[sp - 1] = BitConverter.Int64BitsToDouble(s[sp - 1]) == BitConverter.Int64BitsToDouble(s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F64Ne:
                    sp--;
                    s[sp - 1] = BitConverter.Int64BitsToDouble(s[sp - 1]) != BitConverter.Int64BitsToDouble(s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F64Lt:
                    sp--;
                    s[sp - 1] = BitConverter.Int64BitsToDouble(s[sp - 1]) < BitConverter.Int64BitsToDouble(s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F64Gt:
                    sp--;
                    s[sp - 1] = BitConverter.Int64BitsToDouble(s[sp - 1]) > BitConverter.Int64BitsToDouble(s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F64Le:
                    sp--;
                    s[sp - 1] = BitConverter.Int64BitsToDouble(s[sp - 1]) <= BitConverter.Int64BitsToDouble(s[sp]) ? 1 : 0;
                    break;
                case (int)Opcode.F64Ge:
                    sp--;
                    s[sp - 1] = BitConverter.Int64BitsToDouble(s[sp - 1]) >= BitConverter.Int64BitsToDouble(s[sp]) ? 1 : 0;
                    break;

                case (int)Opcode.I32Add:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] + (int)s[sp];
                    break;
                case (int)Opcode.I32Sub:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] - (int)s[sp];
                    break;
                case (int)Opcode.I32Mul:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] * (int)s[sp];
                    break;
                case (int)Opcode.I32DivS:
                    sp--;
                    s[sp - 1] = IntegerOps.DivS32((int)s[sp - 1], (int)s[sp]);
                    break;
                case (int)Opcode.I32DivU:
                    sp--;
                    s[sp - 1] = IntegerOps.DivU32((int)s[sp - 1], (int)s[sp]);
                    break;
                case (int)Opcode.I32RemS:
                    sp--;
                    s[sp - 1] = IntegerOps.RemS32((int)s[sp - 1], (int)s[sp]);
                    break;
                case (int)Opcode.I32RemU:
                    sp--;
                    s[sp - 1] = IntegerOps.RemU32((int)s[sp - 1], (int)s[sp]);
                    break;
                case (int)Opcode.I32And:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] & (int)s[sp];
                    break;
                case (int)Opcode.I32Or:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] | (int)s[sp];
                    break;
                case (int)Opcode.I32Xor:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] ^ (int)s[sp];
                    break;
                case (int)Opcode.I32Shl:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] << (int)s[sp];
                    break;
                case (int)Opcode.I32ShrS:
                    sp--;
                    s[sp - 1] = (int)s[sp - 1] >> (int)s[sp];
                    break;
                case (int)Opcode.I32ShrU:
                    sp--;
                    s[sp - 1] = (int)((uint)s[sp - 1] >> (int)s[sp]);
                    break;
                case (int)Opcode.I32Rotl:
                    sp--;
                    s[sp - 1] = (int)BitOperations.RotateLeft((uint)s[sp - 1], (int)s[sp]);
                    break;
                case (int)Opcode.I32Rotr:
                    sp--;
                    s[sp - 1] = (int)BitOperations.RotateRight((uint)s[sp - 1], (int)s[sp]);
                    break;
                case (int)Opcode.I64Add:
                    sp--;
                    s[sp - 1] += s[sp];
                    break;
                case (int)Opcode.I64Sub:
                    sp--;
                    s[sp - 1] -= s[sp];
                    break;
                case (int)Opcode.I64Mul:
                    sp--;
                    s[sp - 1] *= s[sp];
                    break;
                case (int)Opcode.I64DivS:
                    sp--;
                    s[sp - 1] = IntegerOps.DivS64(s[sp - 1], s[sp]);
                    break;
                case (int)Opcode.I64DivU:
                    sp--;
                    s[sp - 1] = IntegerOps.DivU64(s[sp - 1], s[sp]);
                    break;
                case (int)Opcode.I64RemS:
                    sp--;
                    s[sp - 1] = IntegerOps.RemS64(s[sp - 1], s[sp]);
                    break;
                case (int)Opcode.I64RemU:
                    sp--;
                    s[sp - 1] = IntegerOps.RemU64(s[sp - 1], s[sp]);
                    break;
                case (int)Opcode.I64And:
                    sp--;
                    s[sp - 1] &= s[sp];
                    break;
                case (int)Opcode.I64Or:
                    sp--;
                    s[sp - 1] |= s[sp];
                    break;
                case (int)Opcode.I64Xor:
                    sp--;
                    s[sp - 1] ^= s[sp];
                    break;
                case (int)Opcode.I64Shl:
                    sp--;
                    s[sp - 1] <<= (int)s[sp];
                    break;
                case (int)Opcode.I64ShrS:
                    sp--;
                    s[sp - 1] >>= (int)s[sp];
                    break;
                case (int)Opcode.I64ShrU:
                    sp--;
                    s[sp - 1] = (long)((ulong)s[sp - 1] >> (int)s[sp]);
                    break;
                case (int)Opcode.I64Rotl:
                    sp--;
                    s[sp - 1] = (long)BitOperations.RotateLeft((ulong)s[sp - 1], (int)s[sp]);
                    break;
                case (int)Opcode.I64Rotr:
                    sp--;
                    s[sp - 1] = (long)BitOperations.RotateRight((ulong)s[sp - 1], (int)s[sp]);
                    break;

                case (int)Opcode.F32Abs:
                    s[sp - 1] &= int.MaxValue;
                    break;
                case (int)Opcode.F32Neg:
                    s[sp - 1] = (uint)s[sp - 1] ^ 0x8000_0000u;
                    break;
                case (int)Opcode.F32Add:
                    sp--;
                    s[sp - 1] = (uint)BitConverter.SingleToInt32Bits(BitConverter.Int32BitsToSingle((int)s[sp - 1]) + BitConverter.Int32BitsToSingle((int)s[sp]));
                    break;
                case (int)Opcode.F32Sub:
                    sp--;
                    s[sp - 1] = (uint)BitConverter.SingleToInt32Bits(BitConverter.Int32BitsToSingle((int)s[sp - 1]) - BitConverter.Int32BitsToSingle((int)s[sp]));
                    break;
                case (int)Opcode.F32Mul:
                    sp--;
                    s[sp - 1] = (uint)BitConverter.SingleToInt32Bits(BitConverter.Int32BitsToSingle((int)s[sp - 1]) * BitConverter.Int32BitsToSingle((int)s[sp]));
                    break;
                case (int)Opcode.F32Div:
                    sp--;
                    s[sp - 1] = (uint)BitConverter.SingleToInt32Bits(BitConverter.Int32BitsToSingle((int)s[sp - 1]) / BitConverter.Int32BitsToSingle((int)s[sp]));
                    break;
                case (int)Opcode.F32Copysign:
                    sp--;
                    s[sp - 1] = ((uint)s[sp - 1] & 0x7FFF_FFFFu) | ((uint)s[sp] & 0x8000_0000u);
                    break;
                case (int)Opcode.F64Abs:
                    s[sp - 1] &= long.MaxValue;
                    break;
                case (int)Opcode.F64Neg:
                    s[sp - 1] ^= long.MinValue;
                    break;
                case (int)Opcode.F64Add:
                    sp--;
                    s[sp - 1] = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(s[sp - 1]) + BitConverter.Int64BitsToDouble(s[sp]));
                    break;
                case (int)Opcode.F64Sub:
                    sp--;
                    s[sp - 1] = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(s[sp - 1]) - BitConverter.Int64BitsToDouble(s[sp]));
                    break;
                case (int)Opcode.F64Mul:
                    sp--;
                    s[sp - 1] = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(s[sp - 1]) * BitConverter.Int64BitsToDouble(s[sp]));
                    break;
                case (int)Opcode.F64Div:
                    sp--;
                    s[sp - 1] = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(s[sp - 1]) / BitConverter.Int64BitsToDouble(s[sp]));
                    break;
                case (int)Opcode.F64Copysign:
                    sp--;
                    s[sp - 1] = (s[sp - 1] & long.MaxValue) | (s[sp] & long.MinValue);
                    break;

                case (int)Opcode.I32WrapI64:
                    s[sp - 1] = (int)s[sp - 1];
                    break;
                case (int)Opcode.I64ExtendI32S:
                    s[sp - 1] = (int)s[sp - 1];
                    break;
                case (int)Opcode.I64ExtendI32U:
                    s[sp - 1] = (uint)s[sp - 1];
                    break;
                case (int)Opcode.I32ReinterpretF32:
                case (int)Opcode.I64ReinterpretF64:
                case (int)Opcode.F32ReinterpretI32:
                case (int)Opcode.F64ReinterpretI64:
                    break;
                case (int)Opcode.I32Extend8S:
                    s[sp - 1] = (sbyte)s[sp - 1];
                    break;
                case (int)Opcode.I32Extend16S:
                    s[sp - 1] = (short)s[sp - 1];
                    break;
                case (int)Opcode.I64Extend8S:
                    s[sp - 1] = (sbyte)s[sp - 1];
                    break;
                case (int)Opcode.I64Extend16S:
                    s[sp - 1] = (short)s[sp - 1];
                    break;
                case (int)Opcode.I64Extend32S:
                    s[sp - 1] = (int)s[sp - 1];
                    break;
                default:
                {
                    // pc and sp come back packed, not by reference: a local whose address is taken is not kept in a register.
                    var packed = ExecuteRare(code[pc - 1], instance, code, pc, sp, s, r, buffer);
                    pc = (int)(packed >> 32);
                    sp = (int)packed;
                    buffer = memory?.Buffer ?? [];
                    break;
                }
            }
        }

    Return:
        stack.Top = savedTop;
        stack.PopFrame();
        state.CallDepthRemaining++;
    }

    /// <summary>
    /// The instructions hot loops seldom run, out of <see cref="Execute"/>: the fewer cases the dispatch loop has,
    /// the more of its helpers the JIT inlines and the sooner it compiles it.
    /// </summary>
    /// <returns>The next pc in the high half, the new sp in the low half.</returns>
    private static long ExecuteRare(int op, ModuleInstance instance, int[] code, int pc, int sp, long[] s, object?[] r, byte[] buffer)
    {
        var memory = instance.Memory;
        switch (op)
        {
            case (int)Opcode.MemorySize:
                s[sp++] = buffer.Length >> 16;
                break;
            case (int)Opcode.MemoryGrow:
                s[sp - 1] = (int)memory!.Grow((uint)s[sp - 1]);
                break;
            case Op.MemoryInit:
                sp -= 3;
                MemoryOps.Init((int)s[sp], (int)s[sp + 1], (int)s[sp + 2], buffer, instance.DataSegments[code[pc++]]);
                break;
            case Op.DataDrop:
                instance.DataSegments[code[pc++]] = [];
                break;
            case Op.MemoryCopy:
                sp -= 3;
                MemoryOps.Copy((int)s[sp], (int)s[sp + 1], (int)s[sp + 2], buffer);
                break;
            case Op.MemoryFill:
                sp -= 3;
                MemoryOps.Fill((int)s[sp], (int)s[sp + 1], (int)s[sp + 2], buffer);
                break;

            case (int)Opcode.TableGet:
                r[sp - 1] = TableOps.Get<object>((int)s[sp - 1], instance.Tables[code[pc++]]);
                break;
            case (int)Opcode.TableSet:
                sp -= 2;
                TableOps.Set((int)s[sp], r[sp + 1], instance.Tables[code[pc++]]);
                break;
            case Op.TableSize:
                s[sp++] = instance.Tables[code[pc++]].Elements.Length;
                break;
            case Op.TableGrow:
                sp--;
                s[sp - 1] = (int)instance.Tables[code[pc++]].Grow((uint)s[sp], r[sp - 1]);
                break;
            case Op.TableFill:
                sp -= 3;
                TableOps.Fill((int)s[sp], r[sp + 1], (int)s[sp + 2], instance.Tables[code[pc++]]);
                break;
            case Op.TableCopy:
                sp -= 3;
                TableOps.Copy((int)s[sp], (int)s[sp + 1], (int)s[sp + 2], instance.Tables[code[pc]], instance.Tables[code[pc + 1]]);
                pc += 2;
                break;
            case Op.TableInit:
                sp -= 3;
                TableOps.Init((int)s[sp], (int)s[sp + 1], (int)s[sp + 2], instance.Tables[code[pc + 1]], instance.ElementSegments[code[pc]]);
                pc += 2;
                break;
            case Op.ElemDrop:
                instance.ElementSegments[code[pc++]] = [];
                break;
            case (int)Opcode.RefNull:
                r[sp++] = null;
                break;
            case (int)Opcode.RefIsNull:
                s[sp - 1] = r[sp - 1] is null ? 1 : 0;
                break;
            case (int)Opcode.RefFunc:
                r[sp++] = instance.Functions[code[pc++]];
                break;

            case (int)Opcode.I32Clz:
                s[sp - 1] = BitOperations.LeadingZeroCount((uint)s[sp - 1]);
                break;
            case (int)Opcode.I32Ctz:
                s[sp - 1] = BitOperations.TrailingZeroCount((int)s[sp - 1]);
                break;
            case (int)Opcode.I32Popcnt:
                s[sp - 1] = BitOperations.PopCount((uint)s[sp - 1]);
                break;
            case (int)Opcode.I64Clz:
                s[sp - 1] = BitOperations.LeadingZeroCount((ulong)s[sp - 1]);
                break;
            case (int)Opcode.I64Ctz:
                s[sp - 1] = BitOperations.TrailingZeroCount(s[sp - 1]);
                break;
            case (int)Opcode.I64Popcnt:
                s[sp - 1] = BitOperations.PopCount((ulong)s[sp - 1]);
                break;
            case (int)Opcode.F32Ceil:
                s[sp - 1] = Bits(FloatOps.Ceil32(F32(s[sp - 1])));
                break;
            case (int)Opcode.F32Floor:
                s[sp - 1] = Bits(FloatOps.Floor32(F32(s[sp - 1])));
                break;
            case (int)Opcode.F32Trunc:
                s[sp - 1] = Bits(FloatOps.Trunc32(F32(s[sp - 1])));
                break;
            case (int)Opcode.F32Nearest:
                s[sp - 1] = Bits(FloatOps.Nearest32(F32(s[sp - 1])));
                break;
            case (int)Opcode.F32Sqrt:
                s[sp - 1] = Bits(FloatOps.Sqrt32(F32(s[sp - 1])));
                break;
            case (int)Opcode.F32Min:
                sp--;
                s[sp - 1] = Bits(FloatOps.Min32(F32(s[sp - 1]), F32(s[sp])));
                break;
            case (int)Opcode.F32Max:
                sp--;
                s[sp - 1] = Bits(FloatOps.Max32(F32(s[sp - 1]), F32(s[sp])));
                break;
            case (int)Opcode.F64Ceil:
                s[sp - 1] = Bits(FloatOps.Ceil64(F64(s[sp - 1])));
                break;
            case (int)Opcode.F64Floor:
                s[sp - 1] = Bits(FloatOps.Floor64(F64(s[sp - 1])));
                break;
            case (int)Opcode.F64Trunc:
                s[sp - 1] = Bits(FloatOps.Trunc64(F64(s[sp - 1])));
                break;
            case (int)Opcode.F64Nearest:
                s[sp - 1] = Bits(FloatOps.Nearest64(F64(s[sp - 1])));
                break;
            case (int)Opcode.F64Sqrt:
                s[sp - 1] = Bits(FloatOps.Sqrt64(F64(s[sp - 1])));
                break;
            case (int)Opcode.F64Min:
                sp--;
                s[sp - 1] = Bits(FloatOps.Min64(F64(s[sp - 1]), F64(s[sp])));
                break;
            case (int)Opcode.F64Max:
                sp--;
                s[sp - 1] = Bits(FloatOps.Max64(F64(s[sp - 1]), F64(s[sp])));
                break;
            case (int)Opcode.I32TruncF32S:
                s[sp - 1] = ConversionOps.I32TruncF32S(F32(s[sp - 1]));
                break;
            case (int)Opcode.I32TruncF32U:
                s[sp - 1] = ConversionOps.I32TruncF32U(F32(s[sp - 1]));
                break;
            case (int)Opcode.I32TruncF64S:
                s[sp - 1] = ConversionOps.I32TruncF64S(F64(s[sp - 1]));
                break;
            case (int)Opcode.I32TruncF64U:
                s[sp - 1] = ConversionOps.I32TruncF64U(F64(s[sp - 1]));
                break;
            case (int)Opcode.I64TruncF32S:
                s[sp - 1] = ConversionOps.I64TruncF32S(F32(s[sp - 1]));
                break;
            case (int)Opcode.I64TruncF32U:
                s[sp - 1] = ConversionOps.I64TruncF32U(F32(s[sp - 1]));
                break;
            case (int)Opcode.I64TruncF64S:
                s[sp - 1] = ConversionOps.I64TruncF64S(F64(s[sp - 1]));
                break;
            case (int)Opcode.I64TruncF64U:
                s[sp - 1] = ConversionOps.I64TruncF64U(F64(s[sp - 1]));
                break;
            case (int)Opcode.F32ConvertI32S:
                s[sp - 1] = Bits((float)(int)s[sp - 1]);
                break;
            case (int)Opcode.F32ConvertI32U:
                s[sp - 1] = Bits(ConversionOps.F32ConvertI32U((int)s[sp - 1]));
                break;
            case (int)Opcode.F32ConvertI64S:
                s[sp - 1] = Bits(ConversionOps.F32ConvertI64S(s[sp - 1]));
                break;
            case (int)Opcode.F32ConvertI64U:
                s[sp - 1] = Bits(ConversionOps.F32ConvertI64U(s[sp - 1]));
                break;
            case (int)Opcode.F32DemoteF64:
                s[sp - 1] = Bits(ConversionOps.F32DemoteF64(F64(s[sp - 1])));
                break;
            case (int)Opcode.F64ConvertI32S:
                s[sp - 1] = Bits((double)(int)s[sp - 1]);
                break;
            case (int)Opcode.F64ConvertI32U:
                s[sp - 1] = Bits(ConversionOps.F64ConvertI32U((int)s[sp - 1]));
                break;
            case (int)Opcode.F64ConvertI64S:
                s[sp - 1] = Bits((double)s[sp - 1]);
                break;
            case (int)Opcode.F64ConvertI64U:
                s[sp - 1] = Bits(ConversionOps.F64ConvertI64U(s[sp - 1]));
                break;
            case (int)Opcode.F64PromoteF32:
                s[sp - 1] = Bits((double)F32(s[sp - 1]));
                break;
            case Op.I32TruncSatF32S:
                s[sp - 1] = ConversionOps.I32TruncSatF32S(F32(s[sp - 1]));
                break;
            case Op.I32TruncSatF32U:
                s[sp - 1] = ConversionOps.I32TruncSatF32U(F32(s[sp - 1]));
                break;
            case Op.I32TruncSatF64S:
                s[sp - 1] = ConversionOps.I32TruncSatF64S(F64(s[sp - 1]));
                break;
            case Op.I32TruncSatF64U:
                s[sp - 1] = ConversionOps.I32TruncSatF64U(F64(s[sp - 1]));
                break;
            case Op.I64TruncSatF32S:
                s[sp - 1] = ConversionOps.I64TruncSatF32S(F32(s[sp - 1]));
                break;
            case Op.I64TruncSatF32U:
                s[sp - 1] = ConversionOps.I64TruncSatF32U(F32(s[sp - 1]));
                break;
            case Op.I64TruncSatF64S:
                s[sp - 1] = ConversionOps.I64TruncSatF64S(F64(s[sp - 1]));
                break;
            case Op.I64TruncSatF64U:
                s[sp - 1] = ConversionOps.I64TruncSatF64U(F64(s[sp - 1]));
                break;

            default:
                throw new InvalidOperationException($"The interpreter has no instruction {op:X}.");
        }

        return ((long)pc << 32) | (uint)sp;
    }

    /// <summary>Fuel for the code up to the next check point, then the interrupt, as compiled code checks them.</summary>
    private static void CheckPoint(ExecutionState state, bool consumeFuel, long cost)
    {
        if (consumeFuel && cost > 0 && (state.Fuel -= cost) < 0)
        {
            throw Trap.Create(TrapCode.OutOfFuel);
        }

        if (state.InterruptRequested)
        {
            throw Trap.Create(TrapCode.Interrupted);
        }
    }

    /// <summary>Moves the top <paramref name="count"/> values (below <paramref name="sp"/>) to <paramref name="to"/>; returns the new top.</summary>
    private static int Move(long[] s, object?[] r, int sp, int to, int count)
    {
        var from = sp - count;
        if (from != to)
        {
            Array.Copy(s, from, s, to, count);
            Array.Copy(r, from, r, to, count);
        }

        return to + count;
    }

    private static float F32(long slot) => BitConverter.Int32BitsToSingle((int)slot);

    private static double F64(long slot) => BitConverter.Int64BitsToDouble(slot);

    private static long Bits(float value) => (uint)BitConverter.SingleToInt32Bits(value);

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
