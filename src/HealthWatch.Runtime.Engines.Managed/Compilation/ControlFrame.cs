using System.Reflection.Emit;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

internal enum FrameKind
{
    Function,
    Block,
    Loop,
    If,
}

/// <summary>
/// A block, loop, if or the function body while it is being emitted. Branches to it leave the CIL stack as
/// <see cref="Height"/> values from the enclosing code plus the label's values, which is also the stack at its label.
/// </summary>
internal sealed class ControlFrame(FrameKind kind, ValType[] parameters, ValType[] results, int height, Label label)
{
    public FrameKind Kind { get; } = kind;

    public ValType[] Parameters { get; } = parameters;

    public ValType[] Results { get; } = results;

    /// <summary>Operand stack height below the frame's parameters.</summary>
    public int Height { get; } = height;

    /// <summary>Branch target: the loop header for a loop, the end otherwise (for the function, its return sequence).</summary>
    public Label Label { get; } = label;

    /// <summary>For an <c>if</c>: where the false case starts.</summary>
    public Label ElseLabel { get; init; }

    public bool HasElse { get; set; }

    /// <summary>For a loop: its check point counts the fuel in the function's fuel local.</summary>
    public bool FuelInLocal { get; init; }

    /// <summary>
    /// Inside this frame, and at its label, the fuel is only in the function's fuel local, not in the state: a loop of
    /// <see cref="FunctionScan.FuelStoredOnExit"/> and everything inside it. Leaving for a frame without it stores the fuel.
    /// </summary>
    public bool FuelOnlyInLocal { get; init; }

    /// <summary>Whether anything reaches the end (a branch to it, or falling through); if not, code after it is dead.</summary>
    public bool EndReachable { get; set; }

    /// <summary>The types a branch to this frame carries.</summary>
    public ValType[] BranchTypes => Kind == FrameKind.Loop ? Parameters : Results;
}
