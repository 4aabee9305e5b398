namespace HealthWatch.Runtime.Engines;

/// <summary>Why execution trapped. <see cref="TrapCodeExtensions.ToMessage"/> gives the spec's text.</summary>
public enum TrapCode
{
    /// <summary>An <c>unreachable</c> instruction ran.</summary>
    Unreachable,

    /// <summary>Integer division or remainder by zero.</summary>
    IntegerDivideByZero,

    /// <summary>Signed division overflow, or a float-to-integer truncation out of range.</summary>
    IntegerOverflow,

    /// <summary>A float-to-integer truncation of NaN.</summary>
    InvalidConversionToInteger,

    /// <summary>A memory access, bulk memory operation or data segment out of bounds.</summary>
    MemoryOutOfBounds,

    /// <summary>A table access, bulk table operation or element segment out of bounds.</summary>
    TableOutOfBounds,

    /// <summary><c>call_indirect</c> with an index past the end of the table.</summary>
    UndefinedElement,

    /// <summary><c>call_indirect</c> to a null table element.</summary>
    UninitializedElement,

    /// <summary><c>call_indirect</c> to a function of another type.</summary>
    IndirectCallTypeMismatch,

    /// <summary>The call stack (call depth or native stack budget) ran out.</summary>
    CallStackExhausted,

    /// <summary>The store's fuel ran out.</summary>
    OutOfFuel,

    /// <summary>Execution was interrupted (cancellation or deadline).</summary>
    Interrupted,

    /// <summary>A host function failed; the inner exception says how.</summary>
    HostError,

    /// <summary>Instantiation needs more memory or table elements than the store's limits allow.</summary>
    ResourceLimitExceeded,
}

/// <summary>Helpers for <see cref="TrapCode"/>.</summary>
public static class TrapCodeExtensions
{
    /// <summary>The spec's (reference interpreter's) message for a trap code.</summary>
    public static string ToMessage(this TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable",
        TrapCode.IntegerDivideByZero => "integer divide by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.InvalidConversionToInteger => "invalid conversion to integer",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.UndefinedElement => "undefined element",
        TrapCode.UninitializedElement => "uninitialized element",
        TrapCode.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapCode.CallStackExhausted => "call stack exhausted",
        TrapCode.OutOfFuel => "out of fuel",
        TrapCode.Interrupted => "interrupted",
        TrapCode.HostError => "host function failed",
        TrapCode.ResourceLimitExceeded => "resource limit exceeded",
        _ => code.ToString(),
    };
}
