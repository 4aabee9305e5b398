using System.Diagnostics;
using HealthWatch.Runtime.Engines.Managed.Compilation;
using HealthWatch.Runtime.Engines.Managed.Model;

namespace HealthWatch.Runtime.Engines.Managed.Execution;

/// <summary>Adds the WebAssembly frames a trap passed through to the trap.</summary>
internal static class Backtrace
{
    /// <summary>Frames kept per trap: enough to read, without copying a runaway recursion's whole stack.</summary>
    public const int MaxFrames = 256;

    /// <summary>
    /// A copy of <paramref name="trap"/> with the frames of <paramref name="modules"/> it unwound appended to
    /// the frames it already has (those were added by boundaries nested deeper), innermost first.
    /// </summary>
    public static WasmTrapException Attach(WasmTrapException trap, CompiledModule[] modules)
    {
        var frames = new List<WasmFrame>(trap.Frames);
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

            foreach (var module in modules)
            {
                var index = module.FunctionIndexOf(method);
                if (index >= 0)
                {
                    var definition = module.Definition;
                    frames.Add(new WasmFrame(index, FunctionName(definition, index), definition.Names.ModuleName));
                    break;
                }
            }
        }

        return new WasmTrapException(trap.Code, frames, trap.InnerException);
    }

    /// <summary>The function's name from the name section, else the name of an export of it.</summary>
    public static string? FunctionName(ModuleDefinition definition, int index) =>
        definition.Names.FunctionNames.TryGetValue(index, out var name)
            ? name
            : definition.Exports.Find(e => e.Kind == ExternKind.Function && e.Index == index)?.Name;
}
