namespace HealthWatch.Runtime.Engines.Managed.Instructions;

/// <summary>What <see cref="UnreachableCode.Skip"/> found in an instruction.</summary>
internal enum SkipOutcome
{
    /// <summary>An instruction inside the unreachable stretch.</summary>
    Skipped,

    /// <summary>A loop inside the stretch: it still counts in the numbering of loops (fuel stretches).</summary>
    LoopSkipped,

    /// <summary>The <c>else</c> that ends the stretch.</summary>
    Else,

    /// <summary>The <c>end</c> that ends the stretch.</summary>
    End,
}

/// <summary>
/// Code after an unconditional transfer up to the matching <c>else</c>/<c>end</c>: valid WebAssembly but
/// stack-polymorphic and never run, so the compiler and the interpreter's lowering both skip it, alike.
/// </summary>
internal static class UnreachableCode
{
    /// <summary>Skips <paramref name="op"/> (already read) and its immediates; <paramref name="depth"/> counts the blocks opened inside the stretch.</summary>
    public static SkipOutcome Skip(Opcode op, ref WasmReader reader, ref int depth)
    {
        switch (op)
        {
            case Opcode.Block or Opcode.Loop or Opcode.If:
                reader.ReadBlockType();
                depth++;
                return op == Opcode.Loop ? SkipOutcome.LoopSkipped : SkipOutcome.Skipped;
            case Opcode.Else when depth == 0:
                return SkipOutcome.Else;
            case Opcode.End when depth == 0:
                return SkipOutcome.End;
            case Opcode.End:
                depth--;
                return SkipOutcome.Skipped;
            default:
                Immediates.Skip(ref reader, op);
                return SkipOutcome.Skipped;
        }
    }
}
