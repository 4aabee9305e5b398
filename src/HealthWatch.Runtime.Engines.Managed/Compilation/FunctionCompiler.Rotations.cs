using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// Rotations: the rotate instruction where that is safe, two shifts elsewhere (see <see cref="IntegerOps.Rotl32"/>).
/// The .NET 10 x64 JIT may test a rol/ror result for zero with flags those instructions do not set
/// (dotnet/runtime#129288). When the rotation's value goes straight into an and/or/xor/add/sub of a value that is not
/// a constant, any later test is of that operation's result, never of the rotation, so the real instruction is
/// safe: that is the pattern of hash and cipher code (sha256's <c>rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25)</c>).
/// A constant operand (or one computed from constants only) is excluded because the JIT folds <c>x ^ 0</c>,
/// <c>x &amp; -1</c>, ... back into the bare rotation. So is a local read before any non-constant assignment to it
/// in the body: it holds its initial value (zero, or a parameter that an inlining caller may pass as a constant) or
/// constants, which the JIT may propagate. What remains possible: a non-constant assignment earlier in the body that
/// cannot reach the read (it is followed by a branch away), or a value computed from locals that the JIT folds to
/// an identity; generated code is what the differential fuzzer checks.
/// </summary>
internal sealed partial class FunctionCompiler
{
    /// <summary>How many instructions after a rotation are examined for the one that takes its value.</summary>
    private const int RotationLookAhead = 16;

    private static readonly Dictionary<Opcode, NumericOp> NativeRotations = new()
    {
        [Opcode.I32Rotl] = Call(2, ValType.I32, typeof(IntegerOps), nameof(IntegerOps.Rotl32Native)),
        [Opcode.I32Rotr] = Call(2, ValType.I32, typeof(IntegerOps), nameof(IntegerOps.Rotr32Native)),
        [Opcode.I64Rotl] = Call(2, ValType.I64, typeof(IntegerOps), nameof(IntegerOps.Rotl64Native)),
        [Opcode.I64Rotr] = Call(2, ValType.I64, typeof(IntegerOps), nameof(IntegerOps.Rotr64Native)),
    };

    /// <summary>
    /// The numeric instruction to emit for <paramref name="op"/>: <paramref name="ahead"/> reads the instructions after
    /// it, <paramref name="constantBelow"/> tells whether the value below its operands was pushed by a constant.
    /// </summary>
    private NumericOp NumericFor(Opcode op, WasmReader ahead, bool constantBelow) =>
        NativeRotations.TryGetValue(op, out var native) && FeedsCombiningOperation(ahead, constantBelow, LocalMayBeConstant) ? native : Numerics[op];

    /// <summary>
    /// Follows the operand stack through the straight-line code after a rotation (gets, constants, loads, numeric
    /// instructions) to the instruction that pops the rotation's value: true if that is an and/or/xor/add/sub whose
    /// other operand was not pushed by a constant. Anything else (a test, a branch, a local.set, a call, a block)
    /// or running out of look-ahead is false. <paramref name="constantBelow"/>: whether the value under the rotation's
    /// value (the other operand, if the rotation's value is the second one) is a constant or computed from constants only;
    /// <paramref name="localMayBeConstant"/>: whether a <c>local.get</c> of that index at that offset counts as a constant.
    /// </summary>
    internal static bool FeedsCombiningOperation(WasmReader ahead, bool constantBelow, Func<int, int, bool> localMayBeConstant)
    {
        // Values pushed above the rotation's value, and which of them (bit i: the i-th from the bottom) are
        // constants or computed from constants only, which the JIT folds.
        var above = 0;
        var constants = 0u;
        for (var i = 0; i < RotationLookAhead && !ahead.AtEnd; i++)
        {
            var offset = ahead.Offset;
            var op = ahead.ReadOpcode();
            switch (op)
            {
                case Opcode.LocalGet:
                    var foldable = localMayBeConstant((int)ahead.ReadVarU32(), offset);
                    constants = foldable ? constants | (1u << above) : constants & ~(1u << above);
                    above++;
                    break;
                case Opcode.GlobalGet:
                    ahead.ReadVarU32();
                    constants &= ~(1u << above++);
                    break;
                case Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const:
                    Immediates.Skip(ref ahead, op);
                    constants |= 1u << above++;
                    break;
                case >= Opcode.I32Load and <= Opcode.I64Load32U when above > 0:
                    ahead.ReadMemArg();
                    constants &= ~(1u << (above - 1));
                    break;
                default:
                    if (!Numerics.TryGetValue(op, out var numeric) || (numeric.Arity == 1 && above == 0))
                    {
                        return false;
                    }

                    if (numeric.Arity == 2 && above <= 1)
                    {
                        // above == 0: the rotation's value is the second operand, the first was pushed before it.
                        var otherIsConstant = above == 1 ? (constants & 1) != 0 : constantBelow;
                        return IsCombining(op) && !otherIsConstant;
                    }

                    if (numeric.Arity == 2)
                    {
                        // Two values above become one, a constant if both were.
                        var bothConstant = (constants >> (above - 2) & 3) == 3;
                        above--;
                        constants = bothConstant ? constants | (1u << (above - 1)) : constants & ~(1u << (above - 1));
                    }

                    break;
            }
        }

        return false;
    }

    private static bool IsCombining(Opcode op) => op is
        Opcode.I32And or Opcode.I32Or or Opcode.I32Xor or Opcode.I32Add or Opcode.I32Sub or
        Opcode.I64And or Opcode.I64Or or Opcode.I64Xor or Opcode.I64Add or Opcode.I64Sub;
}
