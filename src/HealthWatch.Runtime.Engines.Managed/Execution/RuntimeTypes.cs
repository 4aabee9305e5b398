// CONTRACT between the compiler (Compilation/) and the runtime (Execution/). Generated code reads and writes
// these fields directly, so they are fields, not properties. The runtime owns their behaviour.
namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Per-store execution state that generated code checks at function entry and loop headers.</summary>
internal sealed class ExecutionState
{
    /// <summary>Fuel left; generated code subtracts the static cost of the code ahead and traps when it drops below zero.</summary>
    internal long Fuel;

    /// <summary>
    /// 0, or <see cref="long.MaxValue"/> once execution must stop (cancellation, deadline); read at function entry
    /// and loop headers. Metered code compares the fuel with it, so that one comparison catches both running out of
    /// fuel and an interrupt (the trap path tells them apart: negative fuel is <see cref="TrapCode.OutOfFuel"/>);
    /// unmetered code tests it for non-zero. Set and cleared only through <see cref="RequestInterrupt"/> and
    /// <see cref="ClearInterrupt"/>.
    /// </summary>
    internal long FuelFloor;

    /// <summary>Address below which a new frame must not begin: the address of a local must be above it.</summary>
    internal nuint StackLimit;

    /// <summary>Calls left before <see cref="TrapCode.CallStackExhausted"/>; decremented on entry, incremented on return.</summary>
    internal int CallDepthRemaining;

    /// <summary>The values of the store's interpreted frames; created when the store first interprets a function.</summary>
    internal Interpretation.InterpreterStack? Interpreter;

    /// <summary>Makes running code stop at its next check point (any thread).</summary>
    internal void RequestInterrupt() => Volatile.Write(ref FuelFloor, long.MaxValue);

    internal void ClearInterrupt() => Volatile.Write(ref FuelFloor, 0);

    /// <summary>Whether running code must stop at its next check point.</summary>
    internal bool InterruptRequested => Volatile.Read(ref FuelFloor) != 0;
}

/// <summary>An instance of a module as generated code sees it: the <c>ctx</c> argument of every compiled function.</summary>
internal sealed partial class ModuleInstance
{
    internal ExecutionState State = null!;

    /// <summary>Memory 0, or null when the module has no memory.</summary>
    internal MemoryInstance? Memory;

    internal TableInstance[] Tables = [];

    /// <summary>Every global in the global index space (imports first).</summary>
    internal GlobalInstance[] Globals = [];

    /// <summary>Every function in the function index space (imports first).</summary>
    internal FunctionInstance[] Functions = [];

    /// <summary>Bytes of each data segment; an entry becomes empty after <c>data.drop</c> (and after an active segment is applied).</summary>
    internal byte[][] DataSegments = [];

    /// <summary>Elements of each element segment (null or <see cref="FunctionInstance"/> or extern object); empty after <c>elem.drop</c>.</summary>
    internal object?[][] ElementSegments = [];
}

/// <summary>A linear memory. <see cref="Buffer"/> is replaced when the memory grows.</summary>
internal sealed partial class MemoryInstance
{
    internal byte[] Buffer = [];
}

/// <summary>A table. Elements are null, a <see cref="FunctionInstance"/> (funcref) or any host object (externref).</summary>
internal sealed partial class TableInstance
{
    /// <summary>The elements; its length is the table size. Replaced when the table grows.</summary>
    internal object?[] Elements = [];
}

/// <summary>A global. Only the field matching the global's type is used.</summary>
internal sealed partial class GlobalInstance
{
    internal int I32;
    internal long I64;
    internal float F32;
    internal double F64;
    internal object? Ref;
}

/// <summary>
/// A function as generated code calls it: <see cref="Code"/> is a pointer to a static method of signature
/// <c>(params..., object context) -&gt; result</c>, called with <c>calli</c> and <see cref="Context"/>.
/// Functions with no result return void; with one result, its CLR type; with several, a ValueTuple of them
/// (nested through <c>TRest</c> past seven). CLR types: i32 int, i64 long, f32 float, f64 double,
/// funcref FunctionInstance, externref object.
/// </summary>
internal abstract partial class FunctionInstance
{
    /// <summary>The engine-wide id of the function's type: two functions have the same id exactly when their types are equal.</summary>
    internal int TypeId;

    internal nint Code;

    /// <summary>The <see cref="ModuleInstance"/> of a WebAssembly function, or the host function object.</summary>
    internal object Context = null!;
}
