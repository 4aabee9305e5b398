using System.Diagnostics;
using System.Reflection;
using HealthWatch.Runtime.Engines.Managed.Compilation;
using HealthWatch.Runtime.Engines.Managed.Interpretation;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Adds the WebAssembly frames a trap passed through to the trap.</summary>
internal static class Backtrace
{
    /// <summary>Frames kept per trap: enough to read, without copying a runaway recursion's whole stack.</summary>
    public const int MaxFrames = 256;

    private static readonly MethodBase InterpreterActivation =
        typeof(Interpreter).GetMethod(nameof(Interpreter.Execute), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// A copy of <paramref name="trap"/> with the frames of <paramref name="modules"/> it unwound appended to
    /// the frames it already has (those were added by boundaries nested deeper), innermost first. Each interpreter
    /// activation on the unwound stack stands for the next of <paramref name="interpreted"/> (innermost first).
    /// </summary>
    public static WasmTrapException Attach(WasmTrapException trap, CompiledModule[] modules, InterpretedFunction[] interpreted)
    {
        var frames = new List<WasmFrame>(trap.Frames);
        var nextInterpreted = 0;
        foreach (var frame in new StackTrace(trap, fNeedFileInfo: false).GetFrames())
        {
            if (frames.Count >= MaxFrames)
            {
                break;
            }

            if (frame.GetMethod() is not { } method)
            {
                continue;
            }

            if (method == InterpreterActivation)
            {
                if (nextInterpreted < interpreted.Length)
                {
                    var function = interpreted[nextInterpreted++];
                    frames.Add(Frame(function.Module.Definition, function.FunctionIndex));
                }

                continue;
            }

            foreach (var module in modules)
            {
                var index = module.FunctionIndexOf(method);
                if (index >= 0)
                {
                    frames.Add(Frame(module.Definition, index));
                    break;
                }
            }
        }

        return new WasmTrapException(trap.Code, frames, trap.InnerException);
    }

    private static WasmFrame Frame(ModuleDefinition definition, int index) =>
        new(index, FunctionName(definition, index), definition.Names.ModuleName);

    /// <summary>The function's name from the name section, else the name of an export of it.</summary>
    public static string? FunctionName(ModuleDefinition definition, int index) =>
        definition.Names.FunctionNames.TryGetValue(index, out var name)
            ? name
            : definition.Exports.Find(e => e.Kind == ExternKind.Function && e.Index == index)?.Name;
}
