using System.Reflection.Emit;
using HealthWatch.Runtime.Engines.Managed.Execution;
using HealthWatch.Runtime.Engines.Managed.Interpretation;

namespace HealthWatch.Runtime.Engines.Managed.Compilation;

/// <summary>
/// On-stack replacement: the same body with an entry at a loop header, so that a call the interpreter began can
/// continue in compiled code when its loop turns hot (<see cref="OsrCompiler"/>). Such a method takes two more
/// arguments after the context, the interpreter's stack and the frame's first slot. After the usual prologue
/// (without the entry's fuel, which the interpreter charged) it loads the parameters and locals from the frame
/// and branches to the loop's start, ahead of what the loop's entry does (such as loading the fuel into a local)
/// and of the header's check point. Only loops entered with an empty operand
/// stack qualify (the interpreter checks), so the CIL stack is empty there as at the branch. The entry's two extra
/// locals fit in what <see cref="CachedLocalsBudget"/> leaves below CIL's 65,535 for temporaries.
/// </summary>
internal sealed partial class FunctionCompiler
{
    private Label _osrLabel;

    private int StackArgument => ContextArgument + 1;

    private int FrameArgument => ContextArgument + 2;

    private void EmitOsrEntry()
    {
        _osrLabel = _il.DefineLabel();
        var slots = _il.DeclareLocal(typeof(long[]));
        var references = _il.DeclareLocal(typeof(object[]));
        _il.LoadArgument(StackArgument);
        EmitCallHelper(OsrCompiler.StackSlots);
        _il.Emit(OpCodes.Stloc, slots);
        _il.LoadArgument(StackArgument);
        EmitCallHelper(OsrCompiler.StackReferences);
        _il.Emit(OpCodes.Stloc, references);
        for (var i = 0; i < _localTypes.Length; i++)
        {
            var type = _localTypes[i];
            _il.Emit(OpCodes.Ldloc, type.IsReference() ? references : slots);
            _il.LoadArgument(FrameArgument);
            _il.LoadConstant(i);
            _il.Emit(OpCodes.Add);
            OsrCompiler.EmitLoadSlot(_il, type);
            if (i < _parameterCount)
            {
                _il.StoreArgument(i);
            }
            else
            {
                _il.Emit(OpCodes.Stloc, _locals[i - _parameterCount]);
            }
        }

        _il.Emit(OpCodes.Br, _osrLabel);
    }

    /// <summary>Ahead of loop number <paramref name="loop"/>: the target of the entry when it is the OSR loop.</summary>
    private void MarkOsrEntry(int loop)
    {
        if (loop == _osrLoop)
        {
            _il.MarkLabel(_osrLabel);
        }
    }
}
