using HealthWatch.Runtime.Engines.Managed.Execution;

namespace HealthWatch.Runtime.Engines.Managed.Interpretation;

/// <summary>
/// The value stack of the interpreted frames of one store: numeric values as 64-bit slots (floats by their bits),
/// references in a parallel array. It also records which function each interpreter activation runs, so that a
/// trap's backtrace can name interpreted frames (<see cref="Backtrace"/>).
/// </summary>
internal sealed class InterpreterStack
{
    /// <summary>
    /// The most slots all interpreted frames of a store may hold: 4 MiB of numbers and 4 MiB of references, about
    /// what the native stack gives compiled frames (a recursion 10,000 calls deep with 50 slots each fits).
    /// </summary>
    public const int MaxSlots = 1 << 19;

    // Small: a store that runs a probe once needs a few dozen slots (it allocates them every run until its
    // functions are compiled), and the arrays grow by doubling.
    private const int InitialSlots = 64;

    private InterpretedFunction[] _frames = new InterpretedFunction[8];

    public long[] Slots { get; private set; } = new long[InitialSlots];

    public object?[] References { get; private set; } = new object?[InitialSlots];

    /// <summary>The first slot above every active frame: where a call from outside the interpreter puts its arguments.</summary>
    public int Top { get; set; }

    /// <summary>How many interpreter activations are on the stack (or were, when a trap unwound them).</summary>
    public int FrameCount { get; private set; }

    /// <summary>Grows the arrays to hold <paramref name="slots"/> slots, or traps past <see cref="MaxSlots"/>.</summary>
    public void Ensure(int slots)
    {
        if (slots <= Slots.Length)
        {
            return;
        }

        if (slots > MaxSlots)
        {
            throw Trap.Create(TrapCode.CallStackExhausted);
        }

        var size = Math.Min(MaxSlots, Math.Max(slots, Slots.Length * 2));
        var grown = new long[size];
        Slots.CopyTo(grown, 0);
        Slots = grown;
        var references = new object?[size];
        References.CopyTo(references, 0);
        References = references;
    }

    public void PushFrame(InterpretedFunction function)
    {
        if (FrameCount == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[FrameCount++] = function;
    }

    public void PopFrame() => _frames[--FrameCount] = null!;

    /// <summary>The functions of the activations above <paramref name="mark"/>, innermost first; then forgets them.</summary>
    public InterpretedFunction[] TakeFramesAbove(int mark)
    {
        var taken = new InterpretedFunction[Math.Max(0, FrameCount - mark)];
        for (var i = 0; i < taken.Length; i++)
        {
            taken[i] = _frames[FrameCount - 1 - i];
        }

        Truncate(mark);
        return taken;
    }

    /// <summary>Forgets the activations above <paramref name="mark"/> (a call boundary unwound them).</summary>
    public void Truncate(int mark)
    {
        while (FrameCount > mark)
        {
            PopFrame();
        }
    }
}
