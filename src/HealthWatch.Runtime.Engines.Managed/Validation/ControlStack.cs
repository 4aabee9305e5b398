using HealthWatch.Runtime.Engines.Managed.Instructions;

namespace HealthWatch.Runtime.Engines.Managed.Validation;

/// <summary>
/// A control frame of the validation algorithm. <see cref="Opcode"/> is <c>block</c>, <c>loop</c>, <c>if</c>
/// or <c>else</c> (an <c>if</c> whose <c>else</c> has been seen); the function body is a <c>block</c>.
/// See https://webassembly.github.io/spec/core/appendix/algorithm.html.
/// </summary>
internal struct ControlFrame
{
    public Opcode Opcode;
    public ValType[] StartTypes;
    public ValType[] EndTypes;

    /// <summary>Operand stack height when the frame was entered, after its parameters were popped.</summary>
    public int Height;

    /// <summary>Whether the rest of the frame is unreachable, making the operand stack polymorphic.</summary>
    public bool Unreachable;

    /// <summary>What a branch to this frame's label carries: a loop's label is its start.</summary>
    public readonly ValType[] LabelTypes => Opcode == Opcode.Loop ? StartTypes : EndTypes;
}

/// <summary>The control stack of the validation algorithm, reused across functions.</summary>
internal sealed class ControlStack
{
    private ControlFrame[] _frames = new ControlFrame[16];

    public int Count { get; private set; }

    /// <summary>The innermost frame.</summary>
    public ref ControlFrame Top => ref _frames[Count - 1];

    /// <summary>The frame a branch of label index <paramref name="depth"/> targets (0 is the innermost).</summary>
    public ref ControlFrame this[int depth] => ref _frames[Count - 1 - depth];

    public void Push(Opcode opcode, ValType[] startTypes, ValType[] endTypes, int height)
    {
        if (Count == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[Count++] = new ControlFrame
        {
            Opcode = opcode,
            StartTypes = startTypes,
            EndTypes = endTypes,
            Height = height,
        };
    }

    public ControlFrame Pop() => _frames[--Count];

    public void Clear() => Count = 0;
}
