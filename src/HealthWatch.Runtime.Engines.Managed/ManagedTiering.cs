namespace HealthWatch.Runtime.Engines.Managed;

/// <summary>How a <see cref="ManagedEngine"/> runs a function: interpreted, compiled to machine code, or first one then the other.</summary>
public enum ManagedTiering
{
    /// <summary>
    /// Each function starts in the interpreter, which needs no JIT compilation, and moves to compiled code once it
    /// has run often (calls plus loop iterations): a module of thousands of functions gives its first result
    /// quickly, and the code that runs hot still runs at full speed. The default.
    /// </summary>
    Adaptive,

    /// <summary>Every function runs as compiled code from its first call (the .NET JIT compiles each on first use).</summary>
    CompiledOnly,

    /// <summary>Every function runs in the interpreter; nothing is JIT-compiled. Slow; for tests and diagnosis.</summary>
    InterpretedOnly,
}
