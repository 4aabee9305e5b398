using HealthWatch.Runtime.Engines.Managed.Compilation;

namespace HealthWatch.Runtime.Engines.Managed.Interpretation;

/// <summary>
/// A function body in the interpreter's form (<see cref="Lowering"/>): branch targets and stack heights resolved,
/// so that running it needs no decoding. Slots are frame-relative: the parameters, then the declared locals, then
/// the operand stack.
/// </summary>
internal sealed class InterpretedFunction(CompiledModule module, int functionIndex, int[] code)
{
    /// <summary>The compiled module the function belongs to (its definition names it in backtraces).</summary>
    public CompiledModule Module { get; } = module;

    /// <summary>The function's index in its module's function index space.</summary>
    public int FunctionIndex { get; } = functionIndex;

    /// <summary>The index among the module's defined functions.</summary>
    public int DefinedIndex => FunctionIndex - Module.Definition.ImportedFunctionCount;

    public int[] Code { get; } = code;

    public required int ParameterCount { get; init; }

    /// <summary>Parameters plus declared locals.</summary>
    public required int LocalCount { get; init; }

    public required int ResultCount { get; init; }

    /// <summary>The most slots the frame uses: locals plus the deepest operand stack.</summary>
    public required int FrameSlots { get; init; }

    /// <summary>Fuel charged at entry: the instructions up to the first loop header (<see cref="FunctionScan.Costs"/>[0]).</summary>
    public required long EntryCost { get; init; }
}
